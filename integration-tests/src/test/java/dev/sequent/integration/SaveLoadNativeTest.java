package dev.sequent.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.FitOptions;
import dev.sequent.History;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.callbacks.EarlyStopping;
import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadNativeTest {

    @TempDir
    Path directory;

    private static Sequential classifier() {
        return Sequential.of(Input.shape(6),
                Dense.units(16).activation(Activation.RELU),
                Dense.units(3).activation(Activation.SOFTMAX));
    }

    private static CompileOptions adam() {
        return CompileOptions.training(Optimizers.adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.ACCURACY).backend("native").seed(11);
    }

    @Test
    void predictionsAreBitIdenticalAfterRoundTrip() {
        Tensor[] data = Data.classification(200, 6, 1);
        Path file = directory.resolve("classifier.sequent");
        Tensor before;
        try (CompiledModel model = classifier().compile(adam())) {
            model.fit(data[0], data[1], FitOptions.epochs(3).verbose(false));
            before = model.predict(data[0]);
            model.save(file);
        }

        try (CompiledModel loaded = CompiledModel.load(file, "native")) {
            assertEquals(before, loaded.predict(data[0]));
            assertEquals("native", loaded.backendId());
        }
    }

    @Test
    void resumedTrainingMatchesUninterruptedTrainingBitForBit() {
        Tensor[] data = Data.classification(150, 6, 2);
        Weights uninterrupted;
        try (CompiledModel model = classifier().compile(adam())) {
            model.fit(data[0], data[1], FitOptions.epochs(4).batchSize(16).verbose(false));
            uninterrupted = model.weights();
        }

        Path file = directory.resolve("half.sequent");
        try (CompiledModel model = classifier().compile(adam())) {
            model.fit(data[0], data[1], FitOptions.epochs(2).batchSize(16).verbose(false));
            model.save(file);
        }
        try (CompiledModel resumed = CompiledModel.load(file, "native")) {
            resumed.fit(data[0], data[1], FitOptions.epochs(2).batchSize(16).verbose(false));
            assertEquals(uninterrupted, resumed.weights());
        }
    }

    @Test
    void recurrentModelRoundTrips() {
        Tensor[] data = Data.sequences(64, 8, 3);
        Sequential model = Sequential.of(Input.shape(8, 1),
                SimpleRNN.units(5).returnSequences(true).goBackwards(true),
                SimpleRNN.units(4),
                Dense.units(1));
        Path file = directory.resolve("rnn.sequent");
        Tensor before;
        try (CompiledModel compiled = model.compile(
                CompileOptions.training(Optimizers.rmsprop(), Loss.MEAN_SQUARED_ERROR).backend("native"))) {
            compiled.fit(data[0], data[1], FitOptions.epochs(2).verbose(false));
            before = compiled.predict(data[0]);
            compiled.save(file, false);
        }

        try (CompiledModel loaded = CompiledModel.load(file, "native")) {
            assertEquals(before, loaded.predict(data[0]));
        }
        assertEquals(model.summary(), Sequential.load(file).summary());
    }

    @Test
    void checkpointSavesOnlyImprovements() {
        Tensor[] data = Data.classification(200, 6, 4);
        Path pattern = directory.resolve("epoch-{epoch}.sequent");
        ModelCheckpoint checkpoint = ModelCheckpoint.to(pattern).saveBestOnly("val_loss");

        History history;
        try (CompiledModel model = classifier().compile(adam())) {
            history = model.fit(data[0], data[1],
                    FitOptions.epochs(6).validationSplit(0.25).verbose(false).callbacks(checkpoint));
        }

        double best = Double.POSITIVE_INFINITY;
        for (int epoch = 1; epoch <= history.epochs(); epoch++) {
            double loss = history.get("val_loss").get(epoch - 1);
            boolean improved = loss < best;
            best = Math.min(best, loss);
            assertEquals(improved, Files.exists(checkpoint.fileFor(epoch)), "epoch " + epoch);
        }
    }

    @Test
    void earlyStoppingRestoresBestWeights() {
        Tensor[] data = Data.classification(120, 6, 5);
        // A learning rate this large makes validation loss worsen soon, so patience 1 stops early.
        CompileOptions unstable = CompileOptions.training(Optimizers.sgd(3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .backend("native").seed(5);
        EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(1).restoreBestWeights(true);
        Path best = directory.resolve("best.sequent");
        ModelCheckpoint checkpoint = ModelCheckpoint.to(best).saveBestOnly("val_loss");

        try (CompiledModel model = classifier().compile(unstable)) {
            History history = model.fit(data[0], data[1], FitOptions.epochs(30).validationSplit(0.25)
                    .verbose(false).callbacks(checkpoint, stopping));

            assertTrue(stopping.stoppedEpoch().isPresent(), "training should stop early: " + history);
            assertTrue(history.epochs() < 30);
            assertTrue(history.stopReason().orElse("").contains("early stopping"), history.toString());
            try (CompiledModel bestSaved = CompiledModel.load(best, "native")) {
                assertEquals(bestSaved.weights(), model.weights());
            }
            assertFalse(stopping.bestEpoch() == history.epochs(), "the best epoch is before the last one");
        }
    }
}
