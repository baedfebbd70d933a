package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.Layer;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.train.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every weight's gradient from {@code gradients} against central differences of the mean loss,
 * computed from {@code predict} and {@link Loss#mean}.
 *
 * <p>Tolerance. With step {@code h}, the central difference {@code (L(w+h) - L(w-h)) / 2h} differs
 * from {@code dL/dw} by the truncation error {@code h² L'''(w) / 6} plus the rounding error of the
 * two float32 forward passes divided by {@code 2h}. Here {@code h = 1e-3}, weights, inputs and
 * targets are at most 1 in magnitude and models have at most three layers, so {@code |L'''|} stays
 * below about 100 and truncation below {@code 1e-6 * 100 / 6 ≈ 2e-5}. Each prediction is
 * computed in float32 with a relative error of a few units of {@code 2^-24 ≈ 6e-8} per operation,
 * about {@code 1e-6} after the products, sums and activations of three layers; the loss inherits
 * it times {@code |dL/dp| ≤ 10} (the cross-entropy gradient {@code 1/p} with {@code p ≥ 0.1}), so
 * each loss value is off by at most about {@code 1e-5} and the difference quotient by
 * {@code 2e-5 / 2e-3 = 1e-2} in the worst case; errors of that size would need every rounding to
 * go the same way, and typical ones are a hundred times smaller. We accept
 * {@code |numeric - analytic| <= 1e-3 + 1e-2 |analytic|}: ten times the largest difference seen
 * over all cases here (1.1e-4), and well below what a wrong formula produces (a missing
 * term, a transposed kernel or a wrong step order changes gradients by tens of percent). A case
 * also fails when its gradients are all close to 0, so the check cannot pass vacuously.
 *
 * <p>Kinks: relu at 0 and the absolute error at {@code p = t} have no derivative. The data are
 * random with fixed seeds, and with these seeds no pre-activation or residual lies within a step
 * of a kink. A kink inside the step would show up as a mismatch, never as a silent pass.
 */
class GradientCheckTest {

    private static final float STEP = 1e-3f;
    private static final double ABSOLUTE_TOLERANCE = 1e-3;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final int BATCH = 4;

    /** A model, its loss and one batch. */
    record Case(String name, Sequential model, Loss loss, Tensor x, Tensor y, long seed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> denseCases() {
        List<Case> cases = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            cases.add(dense(activation, Loss.MEAN_SQUARED_ERROR, true));
            cases.add(dense(activation, Loss.MEAN_ABSOLUTE_ERROR, true));
        }
        // The cross-entropies need outputs in (0, 1): sigmoid and softmax.
        for (Activation activation : new Activation[] {Activation.SIGMOID, Activation.SOFTMAX}) {
            cases.add(dense(activation, Loss.BINARY_CROSSENTROPY, true));
            cases.add(dense(activation, Loss.CATEGORICAL_CROSSENTROPY, true));
            cases.add(dense(activation, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, true));
        }
        cases.add(dense(Activation.TANH, Loss.MEAN_SQUARED_ERROR, false));

        cases.add(build("dense stack tanh, softmax, categorical", Input.shape(3), Loss.CATEGORICAL_CROSSENTROPY,
                Dense.units(5).activation(Activation.TANH), Dense.units(3).activation(Activation.SOFTMAX)));
        cases.add(build("dense per time step sigmoid, binary", Input.shape(3, 2), Loss.BINARY_CROSSENTROPY,
                Dense.units(3).activation(Activation.SIGMOID)));
        cases.add(build("dense per time step softmax, sparse", Input.shape(3, 2),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Dense.units(3).activation(Activation.SOFTMAX)));
        return cases.stream();
    }

    static Stream<Case> rnnCases() {
        List<Case> cases = new ArrayList<>();
        Activation[] recurrent = {Activation.TANH, Activation.RELU, Activation.SIGMOID, Activation.LINEAR};
        for (Activation activation : recurrent) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    cases.add(build("rnn " + activation.kerasName() + (sequences ? " sequences" : " last")
                            + (backwards ? " backwards" : ""), Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                            SimpleRNN.units(3).activation(activation).returnSequences(sequences)
                                    .goBackwards(backwards)));
                }
            }
        }

        cases.add(build("rnn without bias", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                SimpleRNN.units(3).useBias(false)));
        cases.add(build("rnn mean absolute error", Input.shape(4, 3), Loss.MEAN_ABSOLUTE_ERROR,
                SimpleRNN.units(3).returnSequences(true)));

        cases.add(build("rnn stacked", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                SimpleRNN.units(4).returnSequences(true), SimpleRNN.units(3)));
        cases.add(build("rnn stacked backwards then forwards", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                SimpleRNN.units(4).returnSequences(true).goBackwards(true),
                SimpleRNN.units(3).activation(Activation.RELU).returnSequences(true)));
        cases.add(build("rnn stacked forwards then backwards", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                SimpleRNN.units(4).activation(Activation.SIGMOID).returnSequences(true),
                SimpleRNN.units(3).returnSequences(true).goBackwards(true)));
        cases.add(build("dense then rnn backwards", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                Dense.units(4).activation(Activation.LINEAR), SimpleRNN.units(3).goBackwards(true)));

        cases.add(build("rnn sequences then dense softmax, categorical", Input.shape(4, 3),
                Loss.CATEGORICAL_CROSSENTROPY, SimpleRNN.units(4).returnSequences(true),
                Dense.units(3).activation(Activation.SOFTMAX)));
        cases.add(build("rnn sequences then dense softmax, sparse", Input.shape(4, 3),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY, SimpleRNN.units(4).returnSequences(true).goBackwards(true),
                Dense.units(3).activation(Activation.SOFTMAX)));
        cases.add(build("rnn last then dense sigmoid, binary", Input.shape(4, 3), Loss.BINARY_CROSSENTROPY,
                SimpleRNN.units(4), Dense.units(2).activation(Activation.SIGMOID)));
        cases.add(build("dense then rnn", Input.shape(4, 3), Loss.MEAN_SQUARED_ERROR,
                Dense.units(4).activation(Activation.TANH), SimpleRNN.units(3)));
        cases.add(build("rnn variable timesteps", Input.sequence(3), Loss.MEAN_SQUARED_ERROR,
                SimpleRNN.units(3).returnSequences(true)));
        return cases.stream();
    }

    private static Case dense(Activation activation, Loss loss, boolean useBias) {
        return build("dense " + activation.kerasName() + ", " + loss.kerasName() + (useBias ? "" : ", no bias"),
                Input.shape(3), loss, Dense.units(3).activation(activation).useBias(useBias));
    }

    /** Builds a case with random weights in [-0.8, 0.8), inputs in [-1, 1) and loss-suited targets. */
    private static Case build(String name, Input input, Loss loss, Layer... layers) {
        Sequential model = Sequential.of(input, layers);
        long seed = name.hashCode();
        Random random = new Random(seed);

        int[] inputDims = model.inputShape().dims();
        if (inputDims[0] == dev.sequent.Shape.VARIABLE) {
            inputDims[0] = 5;
        }
        int[] xShape = prepend(BATCH, inputDims);
        Tensor x = TestModels.uniformTensor(random, 1f, xShape);

        int[] outputDims = model.outputShape().dims();
        if (outputDims.length == 2 && outputDims[0] == dev.sequent.Shape.VARIABLE) {
            outputDims[0] = inputDims[0];
        }
        int[] yShape = prepend(BATCH, outputDims);
        return new Case(name, model, loss, x, targets(loss, yShape, random), seed);
    }

    private static Tensor targets(Loss loss, int[] outputShape, Random random) {
        int width = outputShape[outputShape.length - 1];
        int positions = 1;
        for (int i = 0; i < outputShape.length - 1; i++) {
            positions *= outputShape[i];
        }
        switch (loss) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> {
                float[] labels = new float[positions];
                for (int p = 0; p < positions; p++) {
                    labels[p] = random.nextInt(width);
                }
                return Tensor.wrap(labels, java.util.Arrays.copyOf(outputShape, outputShape.length - 1));
            }
            case CATEGORICAL_CROSSENTROPY -> {
                float[] oneHot = new float[positions * width];
                for (int p = 0; p < positions; p++) {
                    oneHot[p * width + random.nextInt(width)] = 1f;
                }
                return Tensor.wrap(oneHot, outputShape);
            }
            case BINARY_CROSSENTROPY -> {
                float[] values = new float[positions * width];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextBoolean() ? 1f : 0f;
                }
                return Tensor.wrap(values, outputShape);
            }
            default -> {
                return TestModels.uniformTensor(random, 1f, outputShape);
            }
        }
    }

    private static int[] prepend(int first, int[] rest) {
        int[] dims = new int[rest.length + 1];
        dims[0] = first;
        System.arraycopy(rest, 0, dims, 1, rest.length);
        return dims;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denseCases")
    void dense(Case testCase) {
        check(testCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rnnCases")
    void rnn(Case testCase) {
        check(testCase);
    }

    private static void check(Case testCase) {
        Weights weights = TestModels.randomWeights(testCase.model(), testCase.seed(), 0.8f);
        try (BackendModel model = TestModels.training(testCase.model(), weights, testCase.loss())) {
            Weights analytic = model.gradients(testCase.x(), testCase.y());
            assertTrue(model.weights().equals(weights), "gradients must not change the weights");

            double largest = 0;
            List<String> mismatches = new ArrayList<>();
            for (String name : weights.names()) {
                float[] values = weights.get(name).toFlatArray();
                float[] gradient = analytic.get(name).toFlatArray();
                for (int i = 0; i < values.length; i++) {
                    double numeric = centralDifference(model, testCase, weights, name, values, i);
                    largest = Math.max(largest, Math.abs(gradient[i]));
                    double allowed = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(gradient[i]);
                    if (!(Math.abs(numeric - gradient[i]) <= allowed)) {
                        mismatches.add(name + "[" + i + "]: analytic " + gradient[i] + ", numeric " + numeric);
                    }
                }
            }
            if (!mismatches.isEmpty()) {
                fail(testCase.name() + ": " + mismatches.size() + " gradients differ from central differences: "
                        + String.join("; ", mismatches));
            }
            assertTrue(largest > 1e-2, testCase.name() + ": every gradient is below 1e-2 (largest " + largest
                    + "), so the check would pass for a backend that returns zeros");
        }
    }

    private static double centralDifference(BackendModel model, Case testCase, Weights weights, String name,
            float[] values, int index) {
        float original = values[index];
        int[] shape = weights.get(name).shape();

        float[] plus = values.clone();
        plus[index] = original + STEP;
        model.setWeights(weights.with(name, Tensor.wrap(plus, shape)));
        double lossPlus = meanLoss(model, testCase);

        float[] minus = values.clone();
        minus[index] = original - STEP;
        model.setWeights(weights.with(name, Tensor.wrap(minus, shape)));
        double lossMinus = meanLoss(model, testCase);

        model.setWeights(weights);
        // The perturbed weights are float32, so use the step they really took.
        double actualStep = (double) plus[index] - (double) minus[index];
        return (lossPlus - lossMinus) / actualStep;
    }

    private static double meanLoss(BackendModel model, Case testCase) {
        Tensor predictions = model.predict(testCase.x());
        int width = predictions.dim(predictions.rank() - 1);
        int positions = predictions.size() / width;
        return testCase.loss().mean(testCase.y().toFlatArray(), predictions.toFlatArray(), positions, width);
    }
}
