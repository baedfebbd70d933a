package dev.sequent.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.FitOptions;
import dev.sequent.History;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained and saved on one backend, loaded on another, gives the same predictions. */
class BackendHandoffTest {

    // float32 forward passes on different engines sum in different orders; 1e-5 absolute is
    // about 100 float32 ulps at the magnitudes here (outputs below 1).
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path directory;

    private static Sequential classifier() {
        return Sequential.of(Input.shape(6),
                Dense.units(16).activation(Activation.TANH),
                Dense.units(3).activation(Activation.SOFTMAX));
    }

    private static Sequential forecaster() {
        return Sequential.of(Input.shape(8, 1),
                SimpleRNN.units(6).returnSequences(true),
                SimpleRNN.units(4),
                Dense.units(1));
    }

    @Test
    void denseHandoffFromTensorFlow() {
        Tensor[] data = Data.classification(160, 6, 21);
        Path file = directory.resolve("tf-classifier.sequent");
        Tensor expected = trainAndSave(classifier(), CompileOptions.training(Optimizers.adam(0.01f),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY).metrics(Metric.ACCURACY).backend("tensorflow"), data, file);

        for (String backend : new String[] {"native", "onnx"}) {
            try (CompiledModel loaded = CompiledModel.load(file, backend)) {
                assertEquals(backend, loaded.backendId());
                double difference = Data.maxAbsDifference(expected, loaded.predict(data[0]));
                assertTrue(difference <= TOLERANCE, backend + " differs from tensorflow by " + difference);
            }
        }
    }

    @Test
    void recurrentHandoffFromTensorFlow() {
        Tensor[] data = Data.sequences(96, 8, 22);
        Path file = directory.resolve("tf-forecaster.sequent");
        Tensor expected = trainAndSave(forecaster(), CompileOptions.training(Optimizers.rmsprop(),
                Loss.MEAN_SQUARED_ERROR).backend("tensorflow"), data, file);

        for (String backend : new String[] {"native", "onnx"}) {
            try (CompiledModel loaded = CompiledModel.load(file, backend)) {
                double difference = Data.maxAbsDifference(expected, loaded.predict(data[0]));
                assertTrue(difference <= TOLERANCE, backend + " differs from tensorflow by " + difference);
            }
        }
    }

    @Test
    void trainingStartedOnNativeContinuesOnTensorFlow() {
        Tensor[] data = Data.classification(200, 6, 23);
        Path file = directory.resolve("native-classifier.sequent");
        CompileOptions options = CompileOptions.training(Optimizers.adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.ACCURACY).backend("native");
        trainAndSave(classifier(), options, data, file);

        double lossBefore;
        try (CompiledModel loaded = CompiledModel.load(file, "tensorflow")) {
            lossBefore = loaded.evaluate(data[0], data[1]).loss();
            History history = loaded.fit(data[0], data[1], FitOptions.epochs(5).verbose(false));
            assertEquals(5, history.epochs());
            assertTrue(loaded.evaluate(data[0], data[1]).loss() < lossBefore,
                    "training on tensorflow should lower the loss from " + lossBefore);
        }
    }

    @Test
    void tensorFlowResumesWhereItStopped() {
        Tensor[] data = Data.classification(150, 6, 24);
        CompileOptions options = CompileOptions.training(Optimizers.adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .backend("tensorflow").seed(3);
        Tensor uninterrupted;
        try (CompiledModel model = classifier().compile(options)) {
            model.fit(data[0], data[1], FitOptions.epochs(4).batchSize(16).verbose(false));
            uninterrupted = model.predict(data[0]);
        }

        Path file = directory.resolve("tf-half.sequent");
        try (CompiledModel model = classifier().compile(options)) {
            model.fit(data[0], data[1], FitOptions.epochs(2).batchSize(16).verbose(false));
            model.save(file);
        }
        try (CompiledModel resumed = CompiledModel.load(file, "tensorflow")) {
            resumed.fit(data[0], data[1], FitOptions.epochs(2).batchSize(16).verbose(false));
            // TensorFlow's CPU kernels are deterministic for these ops, so the restored optimizer
            // state and batch order must reproduce the uninterrupted run to rounding.
            double difference = Data.maxAbsDifference(uninterrupted, resumed.predict(data[0]));
            assertTrue(difference <= 1e-6, "resumed training differs by " + difference);
        }
    }

    private static Tensor trainAndSave(Sequential model, CompileOptions options, Tensor[] data, Path file) {
        try (CompiledModel compiled = model.compile(options)) {
            compiled.fit(data[0], data[1], FitOptions.epochs(3).verbose(false));
            compiled.save(file);
            return compiled.predict(data[0]);
        }
    }
}
