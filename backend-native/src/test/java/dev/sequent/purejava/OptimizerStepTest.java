package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.OptimizerState;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import dev.sequent.train.Optimizers;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimizer steps through {@code trainStep} against hand computations.
 *
 * <p>The model is one linear unit without bias, {@code p = w x}, with {@code w = 0.5}, one sample
 * {@code x = 2}, target 0 and mean squared error: {@code L = (w x)²}, so {@code g = dL/dw = 2 w x²
 * = 8 w}. At the start {@code p = 1}, {@code L = 1} and {@code g = 4}.
 */
class OptimizerStepTest {

    private static final Sequential MODEL = Sequential.of(Input.shape(1), Dense.units(1).useBias(false));
    private static final Tensor X = Tensor.of(new float[][] {{2f}});
    private static final Tensor Y = Tensor.of(new float[][] {{0f}});

    /** Runs {@code steps} training steps from w = 0.5 and returns the final w. */
    private static float trainedWeight(Optimizer optimizer, int steps) {
        try (BackendModel model = TestModels.training(MODEL,
                TestModels.weights(MODEL, "dense/kernel", new float[] {0.5f}), optimizer, Loss.MEAN_SQUARED_ERROR)) {
            for (int i = 0; i < steps; i++) {
                assertTrue(model.trainStep(X, Y).applied());
            }
            return model.weights().get("dense/kernel").getFlat(0);
        }
    }

    @Test
    void stepReturnsLossAndPredictionsBeforeUpdate() {
        try (BackendModel model = TestModels.training(MODEL,
                TestModels.weights(MODEL, "dense/kernel", new float[] {0.5f}), Optimizers.sgd(0.1f),
                Loss.MEAN_SQUARED_ERROR)) {
            TrainStepResult result = model.trainStep(X, Y);
            // Before the update: p = 0.5 * 2 = 1 and L = 1.
            assertEquals(1.0, result.loss(), 1e-7);
            assertEquals(1f, result.predictions().getFlat(0), 1e-7f);
            // After w = 0.5 - 0.1 * 4 = 0.1: p = 0.2 and L = 0.04.
            TrainStepResult second = model.trainStep(X, Y);
            assertEquals(0.04, second.loss(), 1e-7);
            assertEquals(0.2f, second.predictions().getFlat(0), 1e-7f);
        }
    }

    @Test
    void sgdPlain() {
        // w = 0.5 - 0.1 * 4 = 0.1.
        assertEquals(0.1f, trainedWeight(Optimizers.sgd(0.1f), 1), 1e-7f);
    }

    @Test
    void sgdMomentumTwoSteps() {
        // Step 1: m = 0.9 * 0 - 0.1 * 4 = -0.4, w = 0.5 - 0.4 = 0.1 (the same as plain SGD).
        // Step 2: g = 8 * 0.1 = 0.8, m = 0.9 * (-0.4) - 0.1 * 0.8 = -0.44, w = 0.1 - 0.44 = -0.34.
        assertEquals(-0.34f, trainedWeight(new Sgd(0.1f, 0.9f, false), 2), 1e-6f);
    }

    @Test
    void sgdNesterovOneStep() {
        // m = -0.4, w = 0.5 + 0.9 * (-0.4) - 0.1 * 4 = 0.5 - 0.36 - 0.4 = -0.26.
        assertEquals(-0.26f, trainedWeight(new Sgd(0.1f, 0.9f, true), 1), 1e-6f);
    }

    @Test
    void sgdNesterovTwoSteps() {
        // Step 2: g = 8 * (-0.26) = -2.08, m = 0.9 * (-0.4) - 0.1 * (-2.08) = -0.152,
        // w = -0.26 + 0.9 * (-0.152) - 0.1 * (-2.08) = -0.26 - 0.1368 + 0.208 = -0.1888.
        assertEquals(-0.1888f, trainedWeight(new Sgd(0.1f, 0.9f, true), 2), 1e-6f);
    }

    @Test
    void adamOneStep() {
        // Keras defaults lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7; step t = 1:
        // m = 0.1 * 4 = 0.4, v = 0.001 * 16 = 0.016,
        // alpha = 0.001 * sqrt(1 - 0.999) / (1 - 0.9) = 0.001 * 0.031622777 / 0.1 = 3.1622777e-4,
        // w = 0.5 - 3.1622777e-4 * 0.4 / (sqrt(0.016) + 1e-7) = 0.5 - 1.2649111e-4 / 0.12649121
        //   = 0.5 - 9.9999921e-4 = 0.49900000.
        assertEquals(0.49900000f, trainedWeight(Optimizers.adam(), 1), 1e-7f);
    }

    @Test
    void adamTwoStepsUsesStepTwoBiasCorrection() {
        // Step 2 from w = 0.49900000: g = 8 w = 3.9920000,
        // m = 0.9 * 0.4 + 0.1 * 3.992 = 0.7592, v = 0.999 * 0.016 + 0.001 * 3.992² = 0.031920064,
        // alpha = 0.001 * sqrt(1 - 0.999²) / (1 - 0.9²) = 0.001 * 0.044710178 / 0.19 = 2.3531673e-4,
        // w = 0.499 - 2.3531673e-4 * 0.7592 / (0.17866187 + 1e-7) = 0.499 - 9.9994597e-4 = 0.49800005.
        // With the step-1 correction again the step would be 3.1622777e-4 * 0.7592 / 0.17866187
        // = 1.3437e-3, so the check can tell the step counter apart.
        assertEquals(0.49800005f, trainedWeight(Optimizers.adam(), 2), 2e-7f);
    }

    @Test
    void rmspropOneStep() {
        // lr 0.001, rho 0.9: v = 0.1 * 16 = 1.6, w = 0.5 - 0.001 * 4 / sqrt(1.6 + 1e-7)
        //   = 0.5 - 0.004 / 1.2649111 = 0.5 - 0.0031622776 = 0.49683772.
        assertEquals(0.49683772f, trainedWeight(Optimizers.rmsprop(), 1), 1e-7f);
    }

    @Test
    void rmspropMomentumTwoSteps() {
        // Step 1 as plain: increment 0.0031622776, p = 0.0031622776, w = 0.49683772.
        // Step 2: g = 8 * 0.49683772 = 3.9747018, v = 0.9 * 1.6 + 0.1 * 3.9747018² = 3.0198254,
        // increment = 0.001 * 3.9747018 / sqrt(3.0198254) = 0.0022872499,
        // p = 0.9 * 0.0031622776 + 0.0022872499 = 0.0051332997, w = 0.49683772 - 0.0051333 = 0.49170442.
        assertEquals(0.49170442f, trainedWeight(Optimizers.rmsprop().withMomentum(0.9f), 2), 2e-7f);
    }

    @Test
    void rmspropCenteredOneStep() {
        // v = 1.6, a = 0.1 * 4 = 0.4, denominator = 1.6 - 0.4² + 1e-7 = 1.4400001,
        // w = 0.5 - 0.004 / 1.2 = 0.5 - 0.0033333332 = 0.49666667.
        RmsProp centered = Optimizers.rmsprop().withCentered(true);
        assertEquals(0.49666667f, trainedWeight(centered, 1), 1e-7f);
    }

    @Test
    void adamStateExportAndResume() {
        // After Adam's step 1 (see adamOneStep): step 1, m = (1 - 0.9) * 4 and v = (1 - 0.999) * 16.
        // Like Keras, Optimizer.update forms 1 - beta in double from the decimal settings and rounds
        // it to float32 (0.1f and 0.001f), so m = 0.4 and v = 0.016 in float32. A
        // second model given the weights and this state must take step 2 and land on 0.49800005
        // (see adamTwoStepsUsesStepTwoBiasCorrection).
        OptimizerState state;
        Weights afterOne;
        try (BackendModel model = TestModels.training(MODEL,
                TestModels.weights(MODEL, "dense/kernel", new float[] {0.5f}), Optimizers.adam(),
                Loss.MEAN_SQUARED_ERROR)) {
            model.trainStep(X, Y);
            state = model.optimizerState().orElseThrow();
            afterOne = model.weights();
        }
        assertEquals(1, state.step());
        assertEquals(0.4f, state.slots().get("dense/kernel").get(0).getFlat(0), 3e-8f);
        assertEquals(0.016f, state.slots().get("dense/kernel").get(1).getFlat(0), 2e-9f);

        try (BackendModel resumed = TestModels.training(MODEL, afterOne, Optimizers.adam(),
                Loss.MEAN_SQUARED_ERROR)) {
            resumed.setOptimizerState(state);
            resumed.trainStep(X, Y);
            assertEquals(0.49800005f, resumed.weights().get("dense/kernel").getFlat(0), 2e-7f);
        }
    }

    @Test
    void setOptimizerStateRejectsWrongSlotCount() {
        try (BackendModel model = TestModels.training(MODEL,
                TestModels.weights(MODEL, "dense/kernel", new float[] {0.5f}), Optimizers.adam(),
                Loss.MEAN_SQUARED_ERROR)) {
            OptimizerState oneSlot = new OptimizerState(3, Map.of("dense/kernel", List.of(Tensor.zeros(1, 1))));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.setOptimizerState(oneSlot));
            assertTrue(error.getMessage().contains("2 slots"), error.getMessage());
            assertTrue(error.getMessage().contains("has 1"), error.getMessage());
        }
    }

    @Test
    void adamWithCustomSettings() {
        // lr 0.1, beta1 0.5, beta2 0.5, epsilon 1: m = 0.5 * 4 = 2, v = 0.5 * 16 = 8,
        // alpha = 0.1 * sqrt(0.5) / 0.5 = 0.14142136, w = 0.5 - 0.14142136 * 2 / (2.8284271 + 1)
        //   = 0.5 - 0.28284271 / 3.8284271 = 0.5 - 0.073879613 = 0.42612039.
        assertEquals(0.42612039f, trainedWeight(new Adam(0.1f, 0.5f, 0.5f, 1f), 1), 1e-7f);
    }
}
