package dev.sequent;

import static dev.sequent.CompiledModelTest.ids;
import static dev.sequent.CompiledModelTest.targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import org.junit.jupiter.api.Test;

/**
 * Invalid data and arguments given to a compiled model: each must fail before any batch
 * reaches the backend, with a message naming the value found, the expectation and the fix.
 */
class BadInputTest {

    private final FakeBackend backend = FakeBackend.training("fake");

    private CompiledModel compile(Sequential model, Loss loss) {
        return CompiledModel.create(model, CompileOptions.training(Optimizers.sgd(), loss),
                FakeBackend.selector(backend));
    }

    private CompiledModel regression() {
        return compile(Sequential.of(Input.shape(2), Dense.units(1)), Loss.MEAN_SQUARED_ERROR);
    }

    private CompiledModel classifier(Loss loss) {
        return compile(Sequential.of(Input.shape(2), Dense.units(3).activation(Activation.SOFTMAX)), loss);
    }

    private static FitOptions quiet() {
        return FitOptions.epochs(1).verbose(false);
    }

    private void assertNothingTrained() {
        assertTrue(backend.model().trainBatches.isEmpty(), "a batch reached the backend");
    }

    private static void assertMessage(Exception error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "missing '" + part + "' in: " + error.getMessage());
        }
    }

    @Test
    void featureCountMismatch() {
        CompiledModel model = regression();
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.fit(Tensor.zeros(3, 5), Tensor.zeros(3, 1), quiet()));
        assertMessage(error, "Layer 'dense' (Dense)", "expects x of shape [batch, 2]", "x has shape [3, 5]",
                "Input.shape(...)");
        assertNothingTrained();
    }

    @Test
    void wrongRank() {
        CompiledModel model = regression();
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.predict(Tensor.zeros(3, 4, 2)));
        assertMessage(error, "[batch, 2]", "[3, 4, 2]", "Give x rank 2");
    }

    @Test
    void recurrentModelSuggestsReshape() {
        // 10 values per row fit [5 timesteps, 2 features], so the fix is x.reshape(4, 5, 2).
        CompiledModel model = compile(Sequential.of(Input.shape(5, 2), SimpleRNN.units(3), Dense.units(1)),
                Loss.MEAN_SQUARED_ERROR);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.predict(Tensor.zeros(4, 10)));
        assertMessage(error, "Layer 'simple_rnn' (SimpleRNN)", "[batch, 5, 2]", "[4, 10]", "x.reshape(4, 5, 2)");
    }

    @Test
    void recurrentModelExplainsLayout() {
        CompiledModel model = compile(Sequential.of(Input.shape(5, 2), SimpleRNN.units(3)), Loss.MEAN_SQUARED_ERROR);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.predict(Tensor.zeros(4, 7)));
        assertMessage(error, "[4, 7]", "[batch, timesteps, features]");
    }

    @Test
    void variableTimestepsAcceptAnyLength() {
        CompiledModel model = compile(Sequential.of(Input.sequence(2), SimpleRNN.units(3).returnSequences(true),
                Dense.units(1)), Loss.MEAN_SQUARED_ERROR);
        assertArrayEquals(new int[] {2, 7, 1}, model.predict(Tensor.zeros(2, 7, 2)).shape());

        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.predict(Tensor.zeros(2, 7, 3)));
        assertMessage(error, "[batch, timesteps, 2]", "[2, 7, 3]");
    }

    @Test
    void sampleCountsDiffer() {
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(3), targets(4, 1, 0), quiet()));
        assertMessage(error, "y has 4 samples, but its inputs have 3 samples", "one target per sample");
        assertNothingTrained();
    }

    @Test
    void validationSampleCountsDiffer() {
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(4), targets(4, 1, 0), quiet().validationData(ids(3), targets(2, 1, 0))));
        assertMessage(error, "validation y has 2 samples, but its inputs have 3 samples");
        assertNothingTrained();
    }

    @Test
    void scalarTargetsAreRejected() {
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.evaluate(ids(2), Tensor.of(new float[] {1}, new int[0])));
        assertMessage(error, "y has no sample axis (it is a scalar)", "its inputs have 2 samples");
    }

    @Test
    void targetsWithoutTrailingAxisAreAccepted() {
        // Keras expands [samples] targets to [samples, 1] for a one-unit output.
        CompiledModel model = regression();
        model.fit(ids(3), Tensor.of(new float[] {0, 1, 2}), quiet().shuffle(false));
        assertEquals(1, backend.model().trainBatches.size());
    }

    @Test
    void nanInInputNamesRowAndColumn() {
        CompiledModel model = regression();
        Tensor x = Tensor.of(new float[][] {{0, 0}, {1, Float.NaN}, {2, 0}});
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(x, targets(3, 1, 0), quiet()));
        assertMessage(error, "x contains NaN at row 1, column 1", "must be finite", "impute");
        assertNothingTrained();
    }

    @Test
    void infinityInTargetsNamesRowAndColumn() {
        CompiledModel model = regression();
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {Float.NEGATIVE_INFINITY}});
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(3), y, quiet()));
        assertMessage(error, "y contains -Infinity at row 2, column 0");
        assertNothingTrained();
    }

    @Test
    void nanInSequenceNamesSampleStepAndFeature() {
        CompiledModel model = compile(Sequential.of(Input.shape(3, 2), SimpleRNN.units(2)), Loss.MEAN_SQUARED_ERROR);
        float[] values = new float[2 * 3 * 2];
        values[1 * 6 + 2 * 2 + 0] = Float.POSITIVE_INFINITY;
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.predict(Tensor.of(values, 2, 3, 2)));
        assertMessage(error, "x contains Infinity at sample 1, time step 2, feature 0");
    }

    @Test
    void emptyData() {
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(Tensor.zeros(0, 2), Tensor.zeros(0, 1), quiet()));
        assertMessage(error, "x has no samples", "[0, 2]", "at least one sample");
        assertThrows(InvalidDataException.class, () -> model.predict(Tensor.zeros(0, 2)));
        assertNothingTrained();
    }

    @Test
    void emptyRowArrayIsReportedAsEmpty() {
        // Java keeps no column count for zero rows, so Tensor.of(new float[0][2]) has shape [0, 0].
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.predict(Tensor.of(new float[0][2])));
        assertMessage(error, "x has no samples", "[0, 0]");
    }

    @Test
    void splitLeavingNoTrainingSamples() {
        // floor(1 * (1 - 0.5)) = 0 samples for training.
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(1), targets(1, 1, 0), quiet().validationSplit(0.5)));
        assertMessage(error, "validationSplit 0.5 of 1 samples", "leaves 0 for training and 1 for validation",
                "Use more samples");
        assertNothingTrained();
    }

    @Test
    void splitLeavingNoValidationSamples() {
        // 1 - 1e-20 rounds to 1.0 in double, so floor(4 * 1.0) = 4 samples train and none validate.
        CompiledModel model = regression();
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(4), targets(4, 1, 0), quiet().validationSplit(1e-20)));
        assertMessage(error, "leaves 4 for training and 0 for validation", "above 0 and at most 0.7500 (1 - 1/4)");
        assertNothingTrained();
    }

    @Test
    void sparseLabelOutsideClasses() {
        CompiledModel model = classifier(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(3), Tensor.labels(0, 3, 1), quiet()));
        assertMessage(error, "label 3 at row 1", "[0, 3)", "3 classes", "more units");
        assertNothingTrained();
    }

    @Test
    void sparseLabelNegative() {
        CompiledModel model = classifier(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(2), Tensor.labels(-1, 0), quiet()));
        assertMessage(error, "label -1 at row 0");
    }

    @Test
    void sparseLabelNotWhole() {
        CompiledModel model = classifier(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(2), Tensor.of(new float[] {0, 1.5f}), quiet()));
        assertMessage(error, "label 1.5 at row 1", "whole class indices");
    }

    @Test
    void sparseLabelsWithTrailingAxisAreAccepted() {
        CompiledModel model = classifier(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        model.fit(ids(3), Tensor.of(new float[] {0, 2, 1}, 3, 1), quiet().shuffle(false));
        assertEquals(1, backend.model().trainBatches.size());
    }

    @Test
    void oneHotGivenToSparseLoss() {
        CompiledModel model = classifier(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.fit(ids(2), Tensor.oneHot(new int[] {0, 2}, 3), quiet()));
        assertMessage(error, "sparse_categorical_crossentropy expects y of shape [2]", "[2, 3]", "looks one-hot",
                "CATEGORICAL_CROSSENTROPY");
    }

    @Test
    void oneHotWidthMismatch() {
        CompiledModel model = classifier(Loss.CATEGORICAL_CROSSENTROPY);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.fit(ids(2), Tensor.oneHot(new int[] {0, 3}, 4), quiet()));
        assertMessage(error, "expects y of shape [2, 3]", "[2, 4]", "output has width 3 but y has width 4",
                "last layer's units");
        assertNothingTrained();
    }

    @Test
    void classIndicesGivenToCategoricalLoss() {
        CompiledModel model = classifier(Loss.CATEGORICAL_CROSSENTROPY);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model.fit(ids(2), Tensor.labels(0, 2), quiet()));
        assertMessage(error, "looks like class indices", "SPARSE_CATEGORICAL_CROSSENTROPY",
                "Tensor.oneHot(labels, 3)");
    }

    @Test
    void mismatchedMetricFailsAtCompile() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(3).activation(Activation.SOFTMAX));
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.CATEGORICAL_ACCURACY);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompiledModel.create(model, options, FakeBackend.selector(backend)));
        assertMessage(error, "'categorical_accuracy'");
        assertTrue(backend.compiled.isEmpty());
    }

    @Test
    void validationDataIsChecked() {
        CompiledModel model = regression();
        Tensor badX = Tensor.of(new float[][] {{0, 0}, {Float.NaN, 0}});
        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(ids(3), targets(3, 1, 0), quiet().validationData(badX, targets(2, 1, 0))));
        assertMessage(error, "validation x contains NaN at row 1, column 0");
        assertNothingTrained();
    }

    @Test
    void invalidArguments() {
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(0));
        assertMessage(epochs, "epochs must be positive", "was 0");

        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).batchSize(0));
        assertMessage(batch, "batchSize must be positive", "was 0", "32");

        for (double split : new double[] {1.0, -0.1, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> FitOptions.epochs(1).validationSplit(split));
            assertMessage(error, "validationSplit must be in [0, 1)", "was " + split);
        }

        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(0f));
        assertMessage(rate, "Learning rate", "was 0.0");

        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> Dense.units(0));
        assertMessage(units, "units must be positive", "was 0");

        CompiledModel model = regression();
        IllegalArgumentException predictBatch = assertThrows(IllegalArgumentException.class,
                () -> model.predict(ids(2), 0));
        assertMessage(predictBatch, "batchSize must be positive", "was 0");
        assertThrows(IllegalArgumentException.class, () -> model.evaluate(ids(2), targets(2, 1, 0), -1));
    }

    @Test
    void invalidCompileOptions() {
        IllegalArgumentException backendId = assertThrows(IllegalArgumentException.class,
                () -> CompileOptions.inference().backend(" "));
        assertMessage(backendId, "non-blank", "native, tensorflow or onnx");

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> CompileOptions.inference().metrics(Metric.MAE, Metric.MAE));
        assertMessage(twice, "'mae' is listed twice");
    }

    @Test
    void evaluateWithoutLossIsRejected() {
        CompiledModel model = CompiledModel.create(Sequential.of(Input.shape(2), Dense.units(1)),
                CompileOptions.inference(), FakeBackend.selector(backend));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> model.evaluate(ids(2), targets(2, 1, 0)));
        assertMessage(error, "evaluate needs a loss", "CompileOptions.inference().loss(...)");
    }

    @Test
    void zeroTimeStepsAreRejected() {
        CompiledModel model = compile(Sequential.of(Input.sequence(2), SimpleRNN.units(3), Dense.units(1)),
                Loss.MEAN_SQUARED_ERROR);

        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> model.fit(Tensor.zeros(4, 0, 2), Tensor.zeros(4, 1), quiet()));

        assertMessage(error, "x has sequences of 0 time steps", "[4, 0, 2]", "at least one time step");
        assertNothingTrained();
    }
}
