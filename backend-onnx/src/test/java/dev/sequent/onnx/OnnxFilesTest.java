package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Writing ONNX files atomically, reading them back, and rejecting damaged or foreign files. */
class OnnxFilesTest {

    @TempDir
    Path directory;

    private static Sequential rnnModel() {
        return Sequential.of(Input.shape(6, 5), SimpleRNN.units(4).returnSequences(true).goBackwards(true),
                Dense.units(3).activation(Activation.SOFTMAX));
    }

    @TestFactory
    Stream<DynamicTest> loadRestoresModelAndWeights() {
        return TestModels.exportCases().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> checkLoadRoundTrip(entry.getValue())));
    }

    private void checkLoadRoundTrip(Sequential model) throws IOException {
        Weights weights = TestModels.weights(model, 11);
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(model, weights, file);

        LoadedOnnxModel loaded = OnnxModels.load(file);

        assertEquals(model.name(), loaded.model().name());
        assertEquals(model.inputShape(), loaded.model().inputShape());
        assertEquals(model.layers().size(), loaded.model().layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(model.layers().get(i).name(), loaded.model().layers().get(i).name());
            assertEquals(model.layers().get(i).outputShape(), loaded.model().layers().get(i).outputShape());
        }
        assertEquals(weights.names(), loaded.weights().names());
        for (String name : weights.names()) {
            assertArrayEquals(weights.get(name).shape(), loaded.weights().get(name).shape(), name);
            assertArrayEquals(weights.get(name).toFlatArray(), loaded.weights().get(name).toFlatArray(), name);
        }
        // Every layer option (activation, bias, direction, sequences) shows in the bytes.
        assertArrayEquals(Files.readAllBytes(file), OnnxExporter.toBytes(loaded.model(), loaded.weights()));
    }

    @Test
    void exportReplacesExistingFile() throws IOException {
        Sequential model = rnnModel();
        Path file = directory.resolve("model.onnx");
        Files.write(file, new byte[] {1, 2, 3});

        OnnxExporter.export(model, model.initialWeights(1), file);

        assertArrayEquals(OnnxExporter.toBytes(model, model.initialWeights(1)), Files.readAllBytes(file));
        assertNoTemporaryFiles();
    }

    @Test
    void exportUsesDefaultPermissions() throws IOException {
        Assumptions.assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
        Sequential model = rnnModel();
        Path exported = directory.resolve("exported.onnx");
        Path plain = Files.writeString(directory.resolve("plain.txt"), "created with the default permissions");

        OnnxExporter.export(model, model.initialWeights(1), exported);

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(exported));
    }

    @Test
    void unsupportedExportKeepsExistingFile() throws IOException {
        Sequential good = rnnModel();
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(good, good.initialWeights(1), file);
        byte[] before = Files.readAllBytes(file);
        // 30000 x 20000 kernel values of 4 bytes = 2.4e9 bytes, over the 2 GiB protobuf limit;
        // the check runs on the shapes, before the (absent) weights are read.
        Sequential huge = Sequential.of(Input.shape(30000), Dense.units(20000).name("huge"));

        UnsupportedExportException error = assertThrows(UnsupportedExportException.class,
                () -> OnnxExporter.export(huge, Weights.builder().build(), file));

        assertTrue(error.getMessage().startsWith("Layer 'huge' (Dense, units 20000) brings the weights"),
                error.getMessage());
        assertTrue(error.getMessage().contains("to 2400080000 bytes"), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertNoTemporaryFiles();
    }

    @Test
    void mismatchedWeightsKeepExistingFile() throws IOException {
        Sequential good = rnnModel();
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(good, good.initialWeights(1), file);
        byte[] before = Files.readAllBytes(file);
        Sequential other = Sequential.of(Input.shape(3), Dense.units(2));
        Weights wrong = Weights.builder().put("dense/kernel", Tensor.zeros(4, 2)).put("dense/bias", Tensor.zeros(2))
                .build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.export(other, wrong, file));

        assertTrue(error.getMessage().contains("'dense/kernel' must have shape [3, 2] but has shape [4, 2]"),
                error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertNoTemporaryFiles();
    }

    @Test
    void failedMoveRemovesTemporaryFile() throws IOException {
        Sequential model = rnnModel();
        Path target = directory.resolve("occupied.onnx");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "a non-empty directory cannot be replaced");

        assertThrows(IOException.class, () -> OnnxExporter.export(model, model.initialWeights(1), target));

        assertTrue(Files.isDirectory(target));
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count(), "only the target may remain in " + directory);
        }
    }

    @Test
    void randomBytesAreRejected() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path file = directory.resolve("garbage.onnx");
        Files.write(file, garbage);

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertEquals(file, error.file());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not a valid ONNX protobuf message")
                || error.getMessage().contains("not an ONNX model"), error.getMessage());
    }

    @Test
    void textFileIsRejected() throws IOException {
        Path file = directory.resolve("notes.onnx");
        Files.writeString(file, "this is not a model\n");

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().startsWith("Cannot load ONNX model " + file + ": "), error.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = directory.resolve("empty.onnx");
        Files.write(file, new byte[0]);

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().contains("the file is empty"), error.getMessage());
    }

    @Test
    void truncatedExportIsRejected() throws IOException {
        Sequential model = rnnModel();
        byte[] bytes = OnnxExporter.toBytes(model, model.initialWeights(1));
        Path file = directory.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void unknownOperatorIsRejected() throws IOException {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2).activation(Activation.RELU));
        ModelProto exported = ModelProto.parseFrom(OnnxExporter.toBytes(model, model.initialWeights(1)));
        ModelProto.Builder edited = exported.toBuilder();
        NodeProto relu = edited.getGraph().getNode(1);
        edited.getGraphBuilder().setNode(1, relu.toBuilder().setOpType("Elu").build());
        Path file = directory.resolve("elu.onnx");
        Files.write(file, edited.build().toByteArray());

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("node 'dense/Relu' uses operator 'Elu'"), error.getMessage());
    }

    @Test
    void foreignProducerIsRejected() throws IOException {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2));
        ModelProto foreign = ModelProto.parseFrom(OnnxExporter.toBytes(model, model.initialWeights(1))).toBuilder()
                .setProducerName("pytorch").clearMetadataProps().build();
        Path file = directory.resolve("foreign.onnx");
        Files.write(file, foreign.toByteArray());

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().contains("produced by 'pytorch', not by Sequent"), error.getMessage());
    }

    @Test
    void graphDifferentFromConfigurationIsRejected() throws IOException {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2).activation(Activation.RELU));
        ModelProto exported = ModelProto.parseFrom(OnnxExporter.toBytes(model, model.initialWeights(1)));
        ModelProto.Builder edited = exported.toBuilder();
        NodeProto relu = edited.getGraph().getNode(1);
        edited.getGraphBuilder().setNode(1, relu.toBuilder().setOpType("Sigmoid").build());
        Path file = directory.resolve("edited.onnx");
        Files.write(file, edited.build().toByteArray());

        InvalidOnnxFileException error = assertThrows(InvalidOnnxFileException.class, () -> OnnxModels.load(file));

        assertTrue(error.getMessage().contains("expected operators [Gemm, Relu] but found [Gemm, Sigmoid]"),
                error.getMessage());
    }

    @Test
    void loadedModelPredictsLikeOriginal() throws IOException {
        Sequential model = rnnModel();
        Weights weights = TestModels.weights(model, 5);
        Path file = directory.resolve("model.onnx");
        OnnxExporter.export(model, weights, file);
        LoadedOnnxModel loaded = OnnxModels.load(file);
        Tensor x = TestModels.input(model, 3, 8);

        try (BackendModel compiled = new OnnxBackendProvider().compile(loaded.model(), Optional.empty(),
                loaded.weights())) {
            OnnxRuntimeNumericsTest.assertClose(ReferenceForward.predict(model, weights, x), compiled.predict(x),
                    "loaded model");
        }
    }

}
