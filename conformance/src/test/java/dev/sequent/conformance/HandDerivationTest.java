package dev.sequent.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.train.Loss;
import org.junit.jupiter.api.Test;

/**
 * Checks the kit's hand-derived numbers against the reference formulas in the api
 * ({@link Loss#mean}, {@link Loss#meanGradient}, {@code Optimizer.update}), so that an
 * arithmetic slip in a comment is caught here and not blamed on a backend.
 */
class HandDerivationTest {

    @Test
    void lossTableMatchesApiFormulas() {
        for (LossCases.OnPredictions expectation : LossCases.expectations()) {
            float[] predictions = expectation.predictions();
            int width = predictions.length / 2;
            float[] labels = expectation.labels().toFlatArray();
            Loss loss = expectation.loss();

            Checks.assertValue(expectation.name() + " loss", expectation.expectedLoss(),
                    loss.mean(labels, predictions, 2, width), 1e-7, 1e-7);
            float[] gradient = new float[predictions.length];
            loss.meanGradient(labels, predictions, 2, width, gradient);
            Checks.assertClose(expectation.name() + " gradient", expectation.expectedGradient(), new int[] {2, width},
                    Tensor.wrap(gradient, 2, width), 1e-7, 1e-6);
        }
    }

    @Test
    void optimizerTableMatchesApiUpdates() {
        for (OptimizerCases.TwoSteps expectation : OptimizerCases.expectations()) {
            float[] weight = {0.5f, -0.5f};
            float[] gradient = {1, 2};
            float[][] slots = new float[expectation.optimizer().slotCount()][2];

            expectation.optimizer().update(weight, gradient, slots, 1);
            Checks.assertClose(expectation.name() + " step 1", expectation.afterOne(), new int[] {2},
                    Tensor.of(weight), 1e-7, 1e-7);
            expectation.optimizer().update(weight, gradient, slots, 2);
            Checks.assertClose(expectation.name() + " step 2", expectation.afterTwo(), new int[] {2},
                    Tensor.of(weight), 1e-7, 1e-7);
        }
    }

    @Test
    void smoothnessGuardDetectsReluKink() {
        // relu(w * 1) at w = 0 with target -1: L = (relu(w) + 1)^2, whose forward difference
        // is about 2 and whose backward difference is 0.
        Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.RELU).useBias(false));
        Weights weights = Weights.builder().put("dense/kernel", Tensor.of(new float[] {0}, 1, 1)).build();
        GradientCheckCases.Problem problem = new GradientCheckCases.Problem("kink", model, weights,
                Loss.MEAN_SQUARED_ERROR, Tensor.of(new float[] {1}, 1, 1), Tensor.of(new float[] {-1}, 1, 1));

        assertThrows(AssertionError.class, () -> Smoothness.require(problem));
    }

    @Test
    void smoothnessGuardDetectsKinkWithinStep() {
        // The same with w = 0.002, inside the step h = 5e-3: the central difference is
        // ((1.007)^2 - 1) / 0.01 = 1.4049, while the derivative is 2 * 1.002 = 2.004.
        Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.RELU).useBias(false));
        Weights weights = Weights.builder().put("dense/kernel", Tensor.of(new float[] {0.002f}, 1, 1)).build();
        GradientCheckCases.Problem problem = new GradientCheckCases.Problem("kink", model, weights,
                Loss.MEAN_SQUARED_ERROR, Tensor.of(new float[] {1}, 1, 1), Tensor.of(new float[] {-1}, 1, 1));

        assertThrows(AssertionError.class, () -> Smoothness.require(problem));
    }

    @Test
    void doubleLossMatchesApiLoss() {
        for (LossCases.OnPredictions expectation : LossCases.expectations()) {
            float[] predictions = expectation.predictions();
            double[] asDoubles = new double[predictions.length];
            for (int i = 0; i < predictions.length; i++) {
                asDoubles[i] = predictions[i];
            }
            int width = predictions.length / 2;
            Checks.assertValue(expectation.name(), expectation.expectedLoss(), Smoothness.meanLoss(expectation.loss(),
                    expectation.labels().toFlatArray(), asDoubles, 2, width), 1e-7, 1e-7);
        }
    }
}
