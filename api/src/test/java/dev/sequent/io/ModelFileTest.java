package dev.sequent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.CompileOptions;
import dev.sequent.ModelFileException;
import dev.sequent.OptimizerState;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.init.Initializers;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path directory;

    private static Sequential model() {
        return Sequential.named("forecaster", Input.shape(5, 3),
                SimpleRNN.units(4).returnSequences(true).goBackwards(true)
                        .recurrentInitializer(Initializers.orthogonal(0.5f)),
                SimpleRNN.units(3).activation(Activation.RELU).useBias(false),
                Dense.units(2).activation(Activation.SOFTMAX).name("head")
                        .kernelInitializer(Initializers.randomNormal(0f, 0.1f))
                        .biasInitializer(Initializers.constant(0.25f)));
    }

    private static CompileOptions compileOptions() {
        return CompileOptions.training(Optimizers.sgd(0.05f).withMomentum(0.9f).withNesterov(true),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY).metrics(Metric.ACCURACY).seed(-42L);
    }

    private static OptimizerState stateFor(Weights weights) {
        Map<String, List<Tensor>> slots = new LinkedHashMap<>();
        weights.asMap().forEach((name, tensor) -> {
            float[] values = tensor.toFlatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * 0.5f + i;
            }
            slots.put(name, List.of(Tensor.of(values, tensor.shape())));
        });
        return new OptimizerState(1234L, slots);
    }

    private ModelFile.Contents contents() {
        Sequential model = model();
        Weights weights = model.initialWeights(7);
        return new ModelFile.Contents(model, compileOptions(), weights, Optional.of(stateFor(weights)),
                Optional.of(Long.MIN_VALUE + 3));
    }

    @Test
    void roundTripRestoresEverything() {
        ModelFile.Contents saved = contents();
        Path file = directory.resolve("model.sequent");

        ModelFile.write(file, saved);
        ModelFile.Contents loaded = ModelFile.read(file);

        // Loaded layers carry their saved names explicitly, so compare every option through the config.
        assertEquals(ModelConfig.model(saved.model()), ModelConfig.model(loaded.model()));
        assertEquals(saved.model().summary(), loaded.model().summary());
        assertEquals(saved.weights(), loaded.weights());
        assertEquals(saved.optimizerState(), loaded.optimizerState());
        assertEquals(saved.shuffleState(), loaded.shuffleState());
        assertEquals(saved.compile().optimizer(), loaded.compile().optimizer());
        assertEquals(saved.compile().loss(), loaded.compile().loss());
        assertEquals(saved.compile().metrics(), loaded.compile().metrics());
        assertEquals(-42L, loaded.compile().seed());
    }

    @Test
    void variableLengthInputRoundTrips() {
        Sequential model = Sequential.of(Input.sequence(2), SimpleRNN.units(3), Dense.units(1));
        Path file = directory.resolve("variable.sequent");

        ModelFile.write(file, new ModelFile.Contents(model, CompileOptions.inference(), model.initialWeights(1),
                Optional.empty(), Optional.empty()));

        assertEquals(model.inputShape(), ModelFile.read(file).model().inputShape());
    }

    @Test
    void failedSaveLeavesPreviousFileIntact() throws IOException {
        Path file = directory.resolve("model.sequent");
        ModelFile.write(file, contents());
        byte[] before = Files.readAllBytes(file);
        ModelFile.Contents broken = new ModelFile.Contents(model(), compileOptions(), null, Optional.empty(),
                Optional.empty());

        assertThrows(NullPointerException.class, () -> ModelFile.write(file, broken));

        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "the temporary file must be removed");
        }
    }

    @Test
    void saveIntoMissingDirectoryNamesIt() {
        Path file = directory.resolve("missing").resolve("model.sequent");

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.write(file, contents()));

        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = directory.resolve("absent.sequent");

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        Path file = directory.resolve("noise.sequent");
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Files.write(file, noise);

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("not a zip archive"), error.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path file = directory.resolve("model.sequent");
        ModelFile.write(file, contents());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void zipWithoutIndexIsNotAModel() throws IOException {
        Path file = directory.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("has no model.json"), error.getMessage());
    }

    @Test
    void newerFormatVersionIsRejected() throws IOException {
        Path file = rewriteIndex(json -> json.replace("\"format_version\": 1", "\"format_version\": 2"));

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("format version 2"), error.getMessage());
        assertTrue(error.getMessage().contains("reads versions 1 to 1"), error.getMessage());
    }

    @Test
    void otherFormatIsRejected() throws IOException {
        Path file = rewriteIndex(json -> json.replace("\"sequent-model\"", "\"keras-model\""));

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("not a Sequent model file"), error.getMessage());
    }

    @Test
    void unknownLayerTypeIsNamed() throws IOException {
        Path file = rewriteIndex(json -> json.replace("\"class_name\": \"Dense\"", "\"class_name\": \"Conv2D\""));

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("unknown type 'Conv2D'"), error.getMessage());
        assertTrue(error.getMessage().contains("'head'"), error.getMessage());
    }

    @Test
    void weightShapeThatDisagreesWithConfigurationIsRejected() throws IOException {
        // The head Dense gets 5 units in the configuration while its stored arrays keep 2.
        Path file = rewriteIndex(json -> json.replaceFirst("\"units\": 2,", "\"units\": 5,"));

        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));

        assertTrue(error.getMessage().contains("head/kernel"), error.getMessage());
        assertTrue(error.getMessage().contains("expects [3, 5]"), error.getMessage());
    }

    /** Saves a model, rewrites its model.json, and returns the damaged file. */
    private Path rewriteIndex(UnaryOperator<String> edit) throws IOException {
        Path good = directory.resolve("good.sequent");
        ModelFile.write(good, contents());
        Path damaged = directory.resolve("damaged.sequent");
        try (InputStream in = Files.newInputStream(good); ZipInputStream zipIn = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(damaged); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = zipIn.getNextEntry()) != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                zipIn.transferTo(bytes);
                byte[] data = bytes.toByteArray();
                if (entry.getName().equals("model.json")) {
                    String json = new String(data, StandardCharsets.UTF_8);
                    String edited = edit.apply(json);
                    assertTrue(!edited.equals(json), "the edit must change model.json");
                    data = edited.getBytes(StandardCharsets.UTF_8);
                }
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipOut.write(data);
                zipOut.closeEntry();
            }
        }
        return damaged;
    }
}
