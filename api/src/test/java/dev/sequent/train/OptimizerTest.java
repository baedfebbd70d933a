package dev.sequent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One and two steps of each optimizer on a single weight starting at 1, with gradient 0.5 in
 * step 1 and -1 in step 2 (or 0.5 twice for SGD). Expected values follow the formula in each
 * class's javadoc, worked out in the comments.
 */
class OptimizerTest {

    private static final float TOLERANCE = 1e-6f;

    /** Runs {@code gradients.length} updates and returns the weight after each. */
    private static float[] run(Optimizer optimizer, float... gradients) {
        float[] weight = {1f};
        float[][] slots = new float[optimizer.slotCount()][1];
        float[] after = new float[gradients.length];
        for (int step = 0; step < gradients.length; step++) {
            optimizer.update(weight, new float[] {gradients[step]}, slots, step + 1);
            after[step] = weight[0];
        }
        return after;
    }

    @Test
    void sgdPlain() {
        // w = 1 - 0.1 * 0.5 = 0.95, then 0.95 - 0.05 = 0.9.
        float[] w = run(Optimizers.sgd(0.1f), 0.5f, 0.5f);
        assertEquals(0.95f, w[0], TOLERANCE);
        assertEquals(0.9f, w[1], TOLERANCE);
        assertEquals(0, Optimizers.sgd(0.1f).slotCount());
    }

    @Test
    void sgdMomentum() {
        // m1 = 0.9 * 0 - 0.1 * 0.5 = -0.05, w1 = 0.95.
        // m2 = 0.9 * -0.05 - 0.05 = -0.095, w2 = 0.95 - 0.095 = 0.855.
        float[] w = run(Optimizers.sgd(0.1f).withMomentum(0.9f), 0.5f, 0.5f);
        assertEquals(0.95f, w[0], TOLERANCE);
        assertEquals(0.855f, w[1], TOLERANCE);
    }

    @Test
    void sgdNesterov() {
        // m1 = -0.05, w1 = 1 + 0.9 * -0.05 - 0.05 = 0.905.
        // m2 = -0.095, w2 = 0.905 + 0.9 * -0.095 - 0.05 = 0.7695.
        float[] w = run(Optimizers.sgd(0.1f).withMomentum(0.9f).withNesterov(true), 0.5f, 0.5f);
        assertEquals(0.905f, w[0], TOLERANCE);
        assertEquals(0.7695f, w[1], TOLERANCE);
    }

    @Test
    void adamTwoSteps() {
        // lr 0.1, beta1 0.9, beta2 0.999, epsilon 1e-7.
        // Step 1, g = 0.5: m = 0.05, v = 0.00025, alpha = 0.1 * sqrt(0.001) / 0.1 = 0.0316228,
        //   w = 1 - 0.0316228 * 0.05 / (0.0158114 + 1e-7) = 0.9000006.
        // Step 2, g = -1: m = 0.05 + (-1 - 0.05) * 0.1 = -0.055,
        //   v = 0.00025 + (1 - 0.00025) * 0.001 = 0.00124975,
        //   alpha = 0.1 * sqrt(1 - 0.999^2) / (1 - 0.9^2) = 0.0235317,
        //   w = 0.9000006 + 0.0235317 * 0.055 / (0.0353518 + 1e-7) = 0.9366109.
        float[] w = run(Optimizers.adam(0.1f), 0.5f, -1f);
        assertEquals(0.9000006f, w[0], TOLERANCE);
        assertEquals(0.9366109f, w[1], 2e-6f);
    }

    @Test
    void adamAlphaIsBiasCorrected() {
        // alpha(1) = lr * sqrt(1 - 0.999) / (1 - 0.9) = 0.001 * 0.0316228 / 0.1 = 0.000316228. The
        // float32 beta2 is 0.99900001, so 1 - beta2^t loses digits to cancellation, as it does in
        // Keras's float32 arithmetic: allow a relative error of 2e-5.
        assertEquals(3.16228e-4f, Optimizers.adam().alpha(1), 6.4e-9f);
        // alpha(2) = 0.001 * sqrt(1 - 0.999^2) / (1 - 0.9^2) = 0.001 * 0.0447102 / 0.19 = 0.000235317.
        assertEquals(2.35317e-4f, Optimizers.adam().alpha(2), 4.8e-9f);
    }

    @Test
    void rmsPropPlain() {
        // lr 0.01, rho 0.9, epsilon 1e-7.
        // Step 1: v = 0.1 * 0.25 = 0.025, w = 1 - 0.01 * 0.5 / sqrt(0.025) = 1 - 0.0316228 = 0.9683772.
        // Step 2: v = 0.0225 + 0.1 = 0.1225, w = 0.9683772 + 0.01 / 0.35 = 0.9969487.
        float[] w = run(Optimizers.rmsprop(0.01f), 0.5f, -1f);
        assertEquals(0.9683772f, w[0], TOLERANCE);
        assertEquals(0.9969487f, w[1], TOLERANCE);
    }

    @Test
    void rmsPropMomentum() {
        // Increments as in the plain case: 0.0316228, then -0.0285714.
        // p1 = 0.0316228, w1 = 0.9683772. p2 = 0.5 * 0.0316228 - 0.0285714 = -0.0127600,
        // w2 = 0.9683772 + 0.0127600 = 0.9811373.
        RmsProp optimizer = Optimizers.rmsprop(0.01f).withMomentum(0.5f);
        float[] w = run(optimizer, 0.5f, -1f);
        assertEquals(2, optimizer.slotCount());
        assertEquals(0.9683772f, w[0], TOLERANCE);
        assertEquals(0.9811373f, w[1], TOLERANCE);
    }

    @Test
    void rmsPropCentered() {
        // Step 1: v = 0.025, a = 0.05, denominator 0.025 - 0.0025 = 0.0225, w = 1 - 0.005 / 0.15 = 0.9666667.
        // Step 2: v = 0.1225, a = 0.045 - 0.1 = -0.055, denominator 0.1225 - 0.003025 = 0.119475,
        //   w = 0.9666667 + 0.01 / 0.3456515 = 0.9955976.
        RmsProp optimizer = Optimizers.rmsprop(0.01f).withCentered(true);
        float[] w = run(optimizer, 0.5f, -1f);
        assertEquals(2, optimizer.slotCount());
        assertEquals(0.9666667f, w[0], TOLERANCE);
        assertEquals(0.9955976f, w[1], TOLERANCE);
    }

    @Test
    void rmsPropCenteredMomentumSlots() {
        assertEquals(3, Optimizers.rmsprop().withMomentum(0.9f).withCentered(true).slotCount());
    }

    @Test
    void kerasDefaults() {
        assertEquals(0.01f, Optimizers.sgd().learningRate());
        assertEquals(0.001f, Optimizers.adam().learningRate());
        assertEquals(0.9f, Optimizers.adam().beta1());
        assertEquals(0.999f, Optimizers.adam().beta2());
        assertEquals(1e-7f, Optimizers.adam().epsilon());
        assertEquals(0.001f, Optimizers.rmsprop().learningRate());
        assertEquals(0.9f, Optimizers.rmsprop().rho());
    }

    @Test
    void learningRateMustBePositive() {
        for (float rate : new float[] {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException sgd = assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(rate));
            assertTrue(sgd.getMessage().contains("was " + rate), sgd.getMessage());
            assertTrue(sgd.getMessage().contains("positive and finite"), sgd.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(rate));
            assertThrows(IllegalArgumentException.class, () -> Optimizers.rmsprop(rate));
        }
    }

    @Test
    void momentumMustBeInUnitInterval() {
        for (float momentum : new float[] {-0.1f, 1f, 1.5f}) {
            IllegalArgumentException sgd = assertThrows(IllegalArgumentException.class,
                    () -> Optimizers.sgd().withMomentum(momentum));
            assertTrue(sgd.getMessage().contains("[0, 1)"), sgd.getMessage());
            assertTrue(sgd.getMessage().contains("was " + momentum), sgd.getMessage());
            IllegalArgumentException rms = assertThrows(IllegalArgumentException.class,
                    () -> Optimizers.rmsprop().withMomentum(momentum));
            assertTrue(rms.getMessage().contains("RMSprop momentum"), rms.getMessage());
        }
    }

    @Test
    void nesterovNeedsMomentum() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.sgd().withNesterov(true));
        assertTrue(error.getMessage().contains("Nesterov"), error.getMessage());
        assertTrue(error.getMessage().contains("withMomentum"), error.getMessage());
    }

    @Test
    void otherHyperparametersAreChecked() {
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.001f, 1f, 0.999f, 1e-7f));
        assertTrue(beta.getMessage().contains("beta1"), beta.getMessage());
        IllegalArgumentException epsilon = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.001f, 0.9f, 0.999f, 0f));
        assertTrue(epsilon.getMessage().contains("epsilon"), epsilon.getMessage());
        IllegalArgumentException rho = assertThrows(IllegalArgumentException.class,
                () -> new RmsProp(0.001f, 1f, 0f, 1e-7f, false));
        assertTrue(rho.getMessage().contains("rho"), rho.getMessage());
    }

    @Test
    void decayComplementUsesDecimalSetting() {
        // Keras computes 1 - 0.999 in double (0.0010000000000000009) and rounds it to 0.001f;
        // 1f - 0.999f would be 9.999871e-4.
        assertEquals(0.001f, Optimizers.complement(0.999f));
        assertEquals(0.1f, Optimizers.complement(0.9f));
        assertEquals(9.999871e-4f, 1f - 0.999f);
    }
}
