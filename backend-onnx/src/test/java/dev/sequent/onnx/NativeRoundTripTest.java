package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.purejava.NativeBackendProvider;
import dev.sequent.spi.BackendModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports each test model to a file, loads that file into ONNX Runtime, and compares the
 * outputs with the pure-Java {@code native} backend at batch 1 and batch 7, within 1e-5.
 */
class NativeRoundTripTest {

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> onnxRuntimeMatchesNativeBackend() {
        return TestModels.exportCases().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> compare(entry.getValue())));
    }

    private void compare(Sequential model) throws Exception {
        Weights weights = TestModels.weights(model, 2024);
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(model, weights, file);
        LoadedOnnxModel loaded = OnnxModels.load(file);

        try (BackendModel onnx = new OnnxBackendProvider().compile(loaded.model(), Optional.empty(),
                        loaded.weights());
                BackendModel reference = new NativeBackendProvider().compile(model, Optional.empty(), weights)) {
            for (int batch : new int[] {1, 7}) {
                Tensor x = TestModels.input(model, batch, 100 + batch);
                Tensor expected = reference.predict(x);
                Tensor actual = onnx.predict(x);
                assertArrayEquals(expected.shape(), actual.shape(), "shape at batch " + batch);
                OnnxRuntimeNumericsTest.assertClose(expected, actual, "batch " + batch);
            }
        }
    }
}
