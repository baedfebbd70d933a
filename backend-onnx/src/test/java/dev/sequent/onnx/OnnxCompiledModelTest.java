package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.UnsupportedCapabilityException;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The onnx backend used through the public API: {@code compile}, {@code predict}, {@code fit}. */
class OnnxCompiledModelTest {

    @TempDir
    Path directory;

    @Test
    void loadedFilePredictsThroughCompiledModel() throws Exception {
        Sequential model = Sequential.of(Input.sequence(3), SimpleRNN.units(4).returnSequences(true),
                Dense.units(2).activation(Activation.SIGMOID));
        Weights weights = TestModels.weights(model, 12);
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(model, weights, file);
        Tensor x = TestModels.input(model, 40, 12);

        LoadedOnnxModel loaded = OnnxModels.load(file);
        try (CompiledModel compiled = loaded.model().compile(CompileOptions.inference().backend("onnx"))) {
            compiled.setWeights(loaded.weights());

            assertEquals("onnx", compiled.backendId());
            OnnxRuntimeNumericsTest.assertClose(ReferenceForward.predict(model, weights, x), compiled.predict(x),
                    "40 samples in batches of 32");
        }
    }

    @Test
    void fitIsRejected() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(1));
        try (CompiledModel compiled = model.compile(CompileOptions.training(Optimizers.sgd(),
                Loss.MEAN_SQUARED_ERROR).backend("onnx"))) {
            UnsupportedCapabilityException error = assertThrows(UnsupportedCapabilityException.class,
                    () -> compiled.fit(Tensor.zeros(4, 2), Tensor.zeros(4, 1)));

            assertTrue(error.getMessage().contains("'onnx' is inference-only"), error.getMessage());
        }
    }
}
