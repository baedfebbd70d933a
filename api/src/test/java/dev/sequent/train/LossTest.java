package dev.sequent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Loss values against hand-computed numbers, and {@link Loss#meanGradient} against central
 * finite differences of an independent double-precision implementation of each formula.
 */
class LossTest {

    private static final double EPSILON = 1e-7;

    @Test
    void meanSquaredErrorByHand() {
        // Position 0: ((1.5 - 1)^2 + 0) / 2 = 0.125. Position 1: ((2 - 3)^2 + (5 - 4)^2) / 2 = 1.
        // Mean over positions: 0.5625.
        float[] yTrue = {1, 2, 3, 4};
        float[] yPred = {1.5f, 2, 2, 5};
        assertEquals(0.5625, Loss.MEAN_SQUARED_ERROR.mean(yTrue, yPred, 2, 2), 1e-7);
    }

    @Test
    void meanAbsoluteErrorByHand() {
        // Position 0: (0.5 + 0) / 2 = 0.25. Position 1: (1 + 1) / 2 = 1. Mean: 0.625.
        float[] yTrue = {1, 2, 3, 4};
        float[] yPred = {1.5f, 2, 2, 5};
        assertEquals(0.625, Loss.MEAN_ABSOLUTE_ERROR.mean(yTrue, yPred, 2, 2), 1e-7);
    }

    @Test
    void binaryCrossentropyByHand() {
        // -(ln 0.8 + ln(1 - 0.4)) / 2 = (0.2231436 + 0.5108256) / 2 = 0.3669846.
        float[] yTrue = {1, 0};
        float[] yPred = {0.8f, 0.4f};
        assertEquals(0.3669846, Loss.BINARY_CROSSENTROPY.mean(yTrue, yPred, 1, 2), 1e-6);
    }

    @Test
    void categoricalCrossentropyByHand() {
        // -ln 0.7 = 0.3566749.
        float[] yTrue = {0, 1, 0};
        float[] yPred = {0.2f, 0.7f, 0.1f};
        assertEquals(0.3566749, Loss.CATEGORICAL_CROSSENTROPY.mean(yTrue, yPred, 1, 3), 1e-6);
    }

    @Test
    void categoricalCrossentropyNormalizesProbabilities() {
        // [0.4, 1.4, 0.2] sums to 2 and normalizes to [0.2, 0.7, 0.1], so the loss is again -ln 0.7.
        float[] yTrue = {0, 1, 0};
        float[] yPred = {0.4f, 1.4f, 0.2f};
        assertEquals(0.3566749, Loss.CATEGORICAL_CROSSENTROPY.mean(yTrue, yPred, 1, 3), 1e-6);
    }

    @Test
    void sparseCategoricalCrossentropyByHand() {
        // Labels 1 and 0: (-ln 0.7 - ln 0.5) / 2 = (0.3566749 + 0.6931472) / 2 = 0.5249111.
        float[] labels = {1, 0};
        float[] yPred = {0.2f, 0.7f, 0.1f, 0.5f, 0.25f, 0.25f};
        assertEquals(0.5249111, Loss.SPARSE_CATEGORICAL_CROSSENTROPY.mean(labels, yPred, 2, 3), 1e-6);
        assertTrue(Loss.SPARSE_CATEGORICAL_CROSSENTROPY.sparseLabels());
        assertEquals(1, Loss.SPARSE_CATEGORICAL_CROSSENTROPY.labelWidth(3));
        assertEquals(3, Loss.CATEGORICAL_CROSSENTROPY.labelWidth(3));
    }

    @Test
    void sparseMatchesOneHot() {
        float[] yPred = {0.1f, 0.6f, 0.3f, 0.3f, 0.3f, 0.4f, 0.5f, 0.2f, 0.3f};
        float[] labels = {2, 0, 1};
        float[] oneHot = {0, 0, 1, 1, 0, 0, 0, 1, 0};
        float[] sparseGradient = new float[9];
        float[] denseGradient = new float[9];

        Loss.SPARSE_CATEGORICAL_CROSSENTROPY.meanGradient(labels, yPred, 3, 3, sparseGradient);
        Loss.CATEGORICAL_CROSSENTROPY.meanGradient(oneHot, yPred, 3, 3, denseGradient);

        assertEquals(Loss.CATEGORICAL_CROSSENTROPY.mean(oneHot, yPred, 3, 3),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY.mean(labels, yPred, 3, 3), 1e-12);
        for (int i = 0; i < 9; i++) {
            assertEquals(denseGradient[i], sparseGradient[i], 1e-7, "index " + i);
        }
    }

    @Test
    void binaryCrossentropyClipsAtEpsilon() {
        // p = 0 with t = 1 clips to 1e-7: loss -ln(1e-7) = 16.118096, and the clip passes no gradient.
        float[] yTrue = {1};
        float[] yPred = {0};
        float[] gradient = new float[1];

        assertEquals(16.118096, Loss.BINARY_CROSSENTROPY.mean(yTrue, yPred, 1, 1), 1e-4);
        Loss.BINARY_CROSSENTROPY.meanGradient(yTrue, yPred, 1, 1, gradient);
        assertEquals(0f, gradient[0]);
    }

    @Test
    void binaryCrossentropyClipsAtOne() {
        // p = 1 with t = 0 clips to 1 - 1e-7 (float32 rounds it to 1 - 2^-23 = 0.99999988):
        // -ln(1.19e-7) = 15.942.
        float[] yTrue = {0};
        float[] yPred = {1};
        float[] gradient = new float[1];

        assertEquals(-Math.log(1.0 - (1f - 1e-7f)), Loss.BINARY_CROSSENTROPY.mean(yTrue, yPred, 1, 1), 1e-3);
        assertTrue(Loss.BINARY_CROSSENTROPY.mean(yTrue, yPred, 1, 1) > 15);
        Loss.BINARY_CROSSENTROPY.meanGradient(yTrue, yPred, 1, 1, gradient);
        assertEquals(0f, gradient[0]);
    }

    @Test
    void categoricalCrossentropyClipsAtEpsilon() {
        // The true class has probability 0, which clips to 1e-7: loss -ln(1e-7). Both entries are
        // outside [1e-7, 1 - 1e-7], so the gradient is 0 everywhere.
        float[] yTrue = {0, 1};
        float[] yPred = {1, 0};
        float[] gradient = new float[2];

        assertEquals(16.118096, Loss.CATEGORICAL_CROSSENTROPY.mean(yTrue, yPred, 1, 2), 1e-4);
        Loss.CATEGORICAL_CROSSENTROPY.meanGradient(yTrue, yPred, 1, 2, gradient);
        assertEquals(0f, gradient[0]);
        assertEquals(0f, gradient[1]);
    }

    @Test
    void meanAbsoluteErrorGradientIsZeroAtTarget() {
        float[] gradient = new float[2];
        Loss.MEAN_ABSOLUTE_ERROR.meanGradient(new float[] {1, 2}, new float[] {1, 3}, 1, 2, gradient);
        assertEquals(0f, gradient[0]);
        // d/dp of |p - t| / 2 with p > t is 1 / 2.
        assertEquals(0.5f, gradient[1]);
    }

    @Test
    void meanSquaredErrorGradientMatches() {
        float[] yTrue = {1, 2, 3, 4, -1, 0.5f};
        float[] yPred = {1.5f, 2, 2, 5, 0.25f, -0.5f};
        assertGradient(Loss.MEAN_SQUARED_ERROR, yTrue, yPred, 3, 2, p -> {
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                sum += (p[i] - yTrue[i]) * (p[i] - yTrue[i]);
            }
            return sum / 6;
        });
    }

    @Test
    void meanAbsoluteErrorGradientMatches() {
        float[] yTrue = {1, 2, 3, 4, -1, 0.5f};
        float[] yPred = {1.5f, 2.5f, 2, 5, 0.25f, -0.5f};
        assertGradient(Loss.MEAN_ABSOLUTE_ERROR, yTrue, yPred, 3, 2, p -> {
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                sum += Math.abs(p[i] - yTrue[i]);
            }
            return sum / 6;
        });
    }

    @Test
    void binaryCrossentropyGradientMatches() {
        float[] yTrue = {1, 0, 0.3f, 1, 0, 1};
        float[] yPred = {0.8f, 0.4f, 0.6f, 0.1f, 0.95f, 0.5f};
        assertGradient(Loss.BINARY_CROSSENTROPY, yTrue, yPred, 2, 3, p -> {
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                sum -= yTrue[i] * Math.log(p[i]) + (1 - yTrue[i]) * Math.log(1 - p[i]);
            }
            return sum / 6;
        });
    }

    @Test
    void categoricalCrossentropyGradientMatches() {
        // Unnormalized outputs, so the gradient through q = p / sum(p) is exercised.
        float[] yTrue = {0, 1, 0, 0.2f, 0.3f, 0.5f};
        float[] yPred = {0.3f, 0.9f, 0.2f, 0.25f, 0.25f, 0.5f};
        assertGradient(Loss.CATEGORICAL_CROSSENTROPY, yTrue, yPred, 2, 3, p -> crossentropy(yTrue, p, 2, 3));
    }

    @Test
    void sparseCrossentropyGradientMatches() {
        float[] labels = {2, 0};
        float[] oneHot = {0, 0, 1, 1, 0, 0};
        float[] yPred = {0.1f, 0.6f, 0.3f, 0.5f, 0.2f, 0.3f};
        assertGradient(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, labels, yPred, 2, 3,
                p -> crossentropy(oneHot, p, 2, 3));
    }

    @Test
    void gradientIsScaledByPositionCount() {
        // MSE over 4 positions of width 1: d/dp_i = 2 (p_i - t_i) / 4.
        float[] gradient = new float[4];
        Loss.MEAN_SQUARED_ERROR.meanGradient(new float[4], new float[] {1, 2, 3, 4}, 4, 1, gradient);
        assertEquals(0.5f, gradient[0], 1e-7);
        assertEquals(2f, gradient[3], 1e-7);
        assertFalse(Loss.MEAN_SQUARED_ERROR.sparseLabels());
    }

    /** Mean over positions of {@code -sum_c t_c ln(p_c / sum(p))}, without clipping. */
    private static double crossentropy(float[] yTrue, double[] p, int positions, int width) {
        double sum = 0;
        for (int position = 0; position < positions; position++) {
            double total = 0;
            for (int c = 0; c < width; c++) {
                total += p[position * width + c];
            }
            for (int c = 0; c < width; c++) {
                double q = p[position * width + c] / total;
                assertTrue(q > EPSILON, "finite differences need unclipped values");
                assertTrue(q < 1 - EPSILON, "finite differences need unclipped values");
                sum -= yTrue[position * width + c] * Math.log(q);
            }
        }
        return sum / positions;
    }

    /** Compares {@link Loss#meanGradient} with central differences of {@code reference}, step 1e-5. */
    private static void assertGradient(Loss loss, float[] yTrue, float[] yPred, int positions, int width,
            ToDoubleFunction<double[]> reference) {
        float[] gradient = new float[yPred.length];
        loss.meanGradient(yTrue, yPred, positions, width, gradient);

        double[] point = new double[yPred.length];
        for (int i = 0; i < yPred.length; i++) {
            point[i] = yPred[i];
        }
        assertEquals(reference.applyAsDouble(point), loss.mean(yTrue, yPred, positions, width), 1e-5,
                "loss value");

        double h = 1e-5;
        for (int i = 0; i < point.length; i++) {
            double saved = point[i];
            point[i] = saved + h;
            double plus = reference.applyAsDouble(point);
            point[i] = saved - h;
            double minus = reference.applyAsDouble(point);
            point[i] = saved;
            double expected = (plus - minus) / (2 * h);
            assertEquals(expected, gradient[i], 1e-4 * Math.max(1, Math.abs(expected)), "gradient index " + i);
        }
    }
}
