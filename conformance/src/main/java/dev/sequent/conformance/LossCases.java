package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.LN2;
import static dev.sequent.conformance.Fixtures.LN3;
import static dev.sequent.conformance.Fixtures.LN5;
import static dev.sequent.conformance.Fixtures.d;
import static dev.sequent.conformance.Fixtures.f;
import static dev.sequent.conformance.Fixtures.shape;
import static dev.sequent.conformance.Fixtures.tensor;
import static dev.sequent.conformance.Fixtures.weights;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.ArrayList;
import java.util.List;

/**
 * Each loss through {@code gradients} and one SGD step with learning rate 1, so that
 * {@code w_after = w_before - gradient}.
 *
 * <p>Most cases use a bias-free linear Dense layer on the inputs {@code [1, 0]} and
 * {@code [0, 1]}: row {@code i} of the kernel is then exactly the prediction for sample
 * {@code i}, and the kernel's gradient is the gradient of the mean loss with respect to the
 * predictions. Losses are means over a batch of N = 2 samples.
 */
final class LossCases {

    static final String AREA = "loss";

    /** Gradients and losses here are a handful of float32 operations from exact values. */
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-5;

    private LossCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();

        for (OnPredictions expectation : expectations()) {
            cases.add(ConformanceCase.training(AREA, expectation.name(), context -> expectOnPredictions(context,
                    expectation)));
        }

        cases.add(ConformanceCase.training(AREA, "softmax with categorical cross-entropy", context -> {
            // One input x = 1, kernel [[0, ln 2, ln 5]], zero bias: p = [1/8, 2/8, 5/8], target class 1.
            // loss: -ln 0.25 = 1.38629436. Through softmax dL/dz = p - t = [0.125, -0.75, 0.625],
            // and with x = 1 the kernel and the bias both get exactly dL/dz.
            Sequential model = Sequential.of(Input.shape(1), Dense.units(3).activation(Activation.SOFTMAX));
            Weights weights = weights("dense/kernel", tensor(f(0, LN2, LN5), 1, 3), "dense/bias", Tensor.zeros(3));
            expectStep(context, model, weights, Loss.CATEGORICAL_CROSSENTROPY, tensor(f(1), 1, 1),
                    tensor(f(0, 1, 0), 1, 3), 1.38629436, d(0.125, 0.25, 0.625), shape(1, 3),
                    d(0.125, -0.75, 0.625), d(0.125, -0.75, 0.625));
        }));
        cases.add(ConformanceCase.training(AREA, "sigmoid with binary cross-entropy", context -> {
            // x = 2, kernel ln(3)/2, bias 0: z = ln 3, p = 0.75, target 0.
            // loss: -ln(1 - 0.75) = 1.38629436. dL/dz = p - t = 0.75; kernel: x * 0.75 = 1.5; bias: 0.75.
            Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.SIGMOID));
            Weights weights = weights("dense/kernel", tensor(f(LN3 / 2), 1, 1), "dense/bias", Tensor.zeros(1));
            expectStep(context, model, weights, Loss.BINARY_CROSSENTROPY, tensor(f(2), 1, 1), tensor(f(0), 1, 1),
                    1.38629436, d(0.75), shape(1, 1), d(1.5), d(0.75));
        }));
        cases.add(ConformanceCase.training(AREA, "mean squared error over time steps", context -> {
            // Dense(1) without bias on [batch 1, timesteps 2, features 1], kernel 1, so y = x = [1, 2],
            // targets 0. The mean runs over the 2 positions: loss (1 + 4) / 2 = 2.5.
            // dL/dy_t = 2 * y_t / 2 = y_t; kernel gradient: sum_t x_t * y_t = 1 + 4 = 5.
            Sequential model = Sequential.of(Input.shape(2, 1), Dense.units(1).useBias(false));
            BackendModel compiled = context.compile(model, Optimizers.sgd(1f), Loss.MEAN_SQUARED_ERROR,
                    weights("dense/kernel", tensor(f(1), 1, 1)));
            Tensor x = tensor(f(1, 2), 1, 2, 1);
            Tensor y = tensor(f(0, 0), 1, 2, 1);
            Checks.assertWeight("gradients", compiled.gradients(x, y), "dense/kernel", d(5), shape(1, 1), ABSOLUTE,
                    RELATIVE);
            TrainStepResult step = compiled.trainStep(x, y);
            Checks.assertValue("loss", 2.5, step.loss(), ABSOLUTE, RELATIVE);
            Checks.assertWeight("after one step", compiled.weights(), "dense/kernel", d(1 - 5), shape(1, 1),
                    ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.training(AREA, "sparse labels over time steps", context -> {
            // Dense(2) without bias, identity kernel, so p = x, on [batch 1, timesteps 2, features 2]
            // with x = [[1, 1], [1, 3]] and labels [batch 1, timesteps 2] = [[0, 1]].
            // step 0: q = [0.5, 0.5], loss ln 2; dL/dp = ([-2, 0] + 1) / 2 = [-0.5, 0.5]
            // step 1: q = [0.25, 0.75], loss -ln 0.75; dL/dp = ([0, -4/3] + 1) / 4 = [0.25, -1/12]
            // mean over the 2 positions: loss (0.69314718 + 0.28768207) / 2 = 0.49041463, and each
            // dL/dp is halved: [-0.25, 0.25] and [0.125, -1/24].
            // kernel[i][j] = sum_t x_t[i] * dL/dp_t[j]:
            //   k00 = -0.25 + 0.125 = -0.125        k01 = 0.25 - 1/24 = 0.20833333
            //   k10 = -0.25 + 3 * 0.125 = 0.125     k11 = 0.25 - 3/24 = 0.125
            Sequential model = Sequential.of(Input.shape(2, 2), Dense.units(2).useBias(false));
            BackendModel compiled = context.compile(model, Optimizers.sgd(1f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                    weights("dense/kernel", DenseCases.identity(2)));
            Tensor x = tensor(f(1, 1, 1, 3), 1, 2, 2);
            Tensor y = tensor(f(0, 1), 1, 2);
            double[] gradient = d(-0.125, 0.25 - 1 / 24.0, 0.125, 0.125);
            Checks.assertWeight("gradients", compiled.gradients(x, y), "dense/kernel", gradient, shape(2, 2),
                    ABSOLUTE, RELATIVE);
            TrainStepResult step = compiled.trainStep(x, y);
            Checks.assertValue("loss", 0.49041463, step.loss(), ABSOLUTE, RELATIVE);
            Checks.assertWeight("after one step", compiled.weights(), "dense/kernel",
                    d(1 + 0.125, -gradient[1], -0.125, 1 - 0.125), shape(2, 2), ABSOLUTE, RELATIVE);
        }));
        return cases;
    }

    /**
     * A loss on given predictions {@code [2, width]}, with the expected mean loss and its
     * gradient with respect to the predictions, derived by hand.
     */
    record OnPredictions(String name, Loss loss, float[] predictions, Tensor labels, double expectedLoss,
            double[] expectedGradient) {
    }

    static List<OnPredictions> expectations() {
        List<OnPredictions> expectations = new ArrayList<>();

        // p = [[0.5, 1], [2, -1]], t = [[1, 1], [0, 0]], width 2.
        // loss: ((0.25 + 0) / 2 + (4 + 1) / 2) / 2 = (0.125 + 2.5) / 2 = 1.3125
        // gradient: (1/N) * (2/width) * (p - t) = 0.5 * (p - t) = [[-0.25, 0], [1, -0.5]]
        expectations.add(new OnPredictions("mean squared error", Loss.MEAN_SQUARED_ERROR, f(0.5f, 1, 2, -1),
                tensor(f(1, 1, 0, 0), 2, 2), 1.3125, d(-0.25, 0, 1, -0.5)));

        // Same p and t. loss: ((0.5 + 0) / 2 + (2 + 1) / 2) / 2 = (0.25 + 1.5) / 2 = 0.875
        // gradient: (1/N) * (1/width) * sign(p - t) = 0.25 * sign: [[-0.25, 0], [0.25, -0.25]]
        expectations.add(new OnPredictions("mean absolute error, zero gradient where p equals t",
                Loss.MEAN_ABSOLUTE_ERROR, f(0.5f, 1, 2, -1), tensor(f(1, 1, 0, 0), 2, 2), 0.875,
                d(-0.25, 0, 0.25, -0.25)));

        // p = [[0.8, 0.25], [0, 0.5]], t = [[1, 0], [1, 1]]; p = 0 is clipped to 1e-7.
        // sample 0: (-ln 0.8 - ln 0.75) / 2 = (0.22314355 + 0.28768207) / 2 = 0.25541281
        // sample 1: (-ln 1e-7 - ln 0.5) / 2 = (16.11809565 + 0.69314718) / 2 = 8.40562142
        // loss: (0.25541281 + 8.40562142) / 2 = 4.33051711
        // gradient: (1/N) * (1/width) * (-t/p + (1-t)/(1-p)), and 0 where the clip is active:
        //   -1/0.8 / 4 = -0.3125   (1/0.75) / 4 = 0.33333333   0 (clipped)   -1/0.5 / 4 = -0.5
        expectations.add(new OnPredictions("binary cross-entropy, clipped probability", Loss.BINARY_CROSSENTROPY,
                f(0.8f, 0.25f, 0, 0.5f), tensor(f(1, 0, 1, 1), 2, 2), 4.33051711, d(-0.3125, 1 / 3.0, 0, -0.5)));

        // p = [[1, 1, 2], [0, 0.25, 0.75]], t = [[0, 0, 1], [1, 0, 0]]. Keras divides p by its
        // sum S before clipping, q = p / S.
        // sample 0: S = 4, q = [0.25, 0.25, 0.5], loss -ln 0.5 = 0.69314718.
        //   dL/dq = [0, 0, -1/0.5] = [0, 0, -2]; dL/dp_j = (dL/dq_j - sum_c dL/dq_c q_c) / S
        //   = ([0, 0, -2] + 1) / 4 = [0.25, 0.25, -0.25]; times 1/N: [0.125, 0.125, -0.125]
        // sample 1: q_0 = 0 is clipped to 1e-7: loss -ln 1e-7 = 16.11809565, gradient 0
        //   (the clip passes none, and the other classes have target 0).
        // loss: (0.69314718 + 16.11809565) / 2 = 8.40562142
        expectations.add(new OnPredictions("categorical cross-entropy, normalized and clipped",
                Loss.CATEGORICAL_CROSSENTROPY, f(1, 1, 2, 0, 0.25f, 0.75f), tensor(f(0, 0, 1, 1, 0, 0), 2, 3),
                8.40562142, d(0.125, 0.125, -0.125, 0, 0, 0)));

        // The previous case with the targets given as class indices [2, 0], shape [batch].
        expectations.add(new OnPredictions("sparse categorical cross-entropy, class indices",
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY, f(1, 1, 2, 0, 0.25f, 0.75f), Tensor.labels(2, 0), 8.40562142,
                d(0.125, 0.125, -0.125, 0, 0, 0)));
        return expectations;
    }

    /**
     * Checks a loss on predictions {@code p} ({@code [2, width]}) produced by the identity-input
     * model described in the class comment: the gradient, then one SGD step with learning rate 1.
     */
    private static void expectOnPredictions(CaseContext context, OnPredictions expectation) {
        Loss loss = expectation.loss();
        float[] predictions = expectation.predictions();
        Tensor labels = expectation.labels();
        double expectedLoss = expectation.expectedLoss();
        double[] expectedGradient = expectation.expectedGradient();
        int width = predictions.length / 2;
        Sequential model = Sequential.of(Input.shape(2), Dense.units(width).useBias(false));
        Weights weights = weights("dense/kernel", tensor(predictions, 2, width));
        BackendModel compiled = context.compile(model, Optimizers.sgd(1f), loss, weights);
        Tensor x = DenseCases.identity(2);

        Checks.assertWeight(loss.kerasName() + " gradients", compiled.gradients(x, labels), "dense/kernel",
                expectedGradient, shape(2, width), ABSOLUTE, RELATIVE);

        TrainStepResult step = compiled.trainStep(x, labels);
        assertTrue(step.applied(), loss.kerasName() + ": a finite loss must be applied");
        Checks.assertValue(loss.kerasName() + " loss", expectedLoss, step.loss(), ABSOLUTE, RELATIVE);
        Checks.assertClose(loss.kerasName() + " predictions before the update", toDoubles(predictions),
                shape(2, width), step.predictions(), ABSOLUTE, RELATIVE);

        double[] after = new double[predictions.length];
        for (int i = 0; i < after.length; i++) {
            after[i] = predictions[i] - expectedGradient[i];
        }
        Checks.assertWeight(loss.kerasName() + " after one SGD step with learning rate 1", compiled.weights(),
                "dense/kernel", after, shape(2, width), ABSOLUTE, RELATIVE);
    }

    /** Checks gradients, loss, predictions and the SGD step of a one-layer Dense model with a bias. */
    private static void expectStep(CaseContext context, Sequential model, Weights weights, Loss loss, Tensor x,
            Tensor y, double expectedLoss, double[] expectedPredictions, int[] predictionShape,
            double[] kernelGradient, double[] biasGradient) {
        BackendModel compiled = context.compile(model, Optimizers.sgd(1f), loss, weights);
        int[] kernelShape = weights.get("dense/kernel").shape();
        int[] biasShape = weights.get("dense/bias").shape();

        Weights gradients = compiled.gradients(x, y);
        Checks.assertWeight("gradients", gradients, "dense/kernel", kernelGradient, kernelShape, ABSOLUTE, RELATIVE);
        Checks.assertWeight("gradients", gradients, "dense/bias", biasGradient, biasShape, ABSOLUTE, RELATIVE);

        TrainStepResult step = compiled.trainStep(x, y);
        Checks.assertValue("loss", expectedLoss, step.loss(), ABSOLUTE, RELATIVE);
        Checks.assertClose("predictions before the update", expectedPredictions, predictionShape, step.predictions(),
                ABSOLUTE, RELATIVE);
        Weights after = compiled.weights();
        Checks.assertWeight("after one step", after, "dense/kernel",
                minus(weights.get("dense/kernel"), kernelGradient), kernelShape, ABSOLUTE, RELATIVE);
        Checks.assertWeight("after one step", after, "dense/bias", minus(weights.get("dense/bias"), biasGradient),
                biasShape, ABSOLUTE, RELATIVE);
    }

    private static double[] minus(Tensor before, double[] gradient) {
        double[] result = new double[gradient.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = before.getFlat(i) - gradient[i];
        }
        return result;
    }

    private static double[] toDoubles(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
