package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scalar kernels against naive double-precision loops, at sizes that are not multiples of
 * the block sizes (128 and 512) and with offsets into larger arrays.
 */
class ScalarKernelsTest {

    private static final Kernels KERNELS = Kernels.scalar();
    private static final int OFFSET = 3;

    private static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    // Float sums of up to k = 300 products of values in [-1, 1) drift by at most about
    // k * 2^-24 * sum|terms| < 300 * 6e-8 * 300 = 5.4e-3 in the worst case, and by about
    // sqrt(k) * 6e-8 * sqrt(k) = 2e-5 typically; 1e-4 leaves room above the typical case.
    private static final float TOLERANCE = 1e-4f;

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 7", "17, 300, 9", "2, 130, 600", "5, 1, 513"})
    void matmul(int m, int k, int n) {
        Random random = new Random(m * 31L + k * 7L + n);
        float[] a = random(random, OFFSET + m * k);
        float[] b = random(random, OFFSET + k * n);
        float[] c = random(random, OFFSET + m * n);
        float[] before = c.clone();

        KERNELS.matmul(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, true);

        float[] expected = before.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = before[OFFSET + i * n + j];
                for (int p = 0; p < k; p++) {
                    sum += (double) a[OFFSET + i * k + p] * b[OFFSET + p * n + j];
                }
                expected[OFFSET + i * n + j] = (float) sum;
            }
        }
        assertArrayEquals(expected, c, TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 7", "17, 300, 9", "300, 130, 6"})
    void matmulTransposedA(int m, int k, int n) {
        Random random = new Random(m * 17L + k * 5L + n);
        float[] a = random(random, OFFSET + m * k);
        float[] b = random(random, OFFSET + m * n);
        float[] c = random(random, OFFSET + k * n);
        float[] before = c.clone();

        KERNELS.matmulTransposedA(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, false);

        float[] expected = before.clone();
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += (double) a[OFFSET + i * k + p] * b[OFFSET + i * n + j];
                }
                expected[OFFSET + p * n + j] = (float) sum;
            }
        }
        assertArrayEquals(expected, c, TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 7", "17, 9, 300"})
    void matmulTransposedB(int m, int k, int n) {
        Random random = new Random(m * 13L + k * 3L + n);
        float[] a = random(random, OFFSET + m * n);
        float[] b = random(random, OFFSET + k * n);
        float[] c = random(random, OFFSET + m * k);
        float[] before = c.clone();

        KERNELS.matmulTransposedB(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, true);

        float[] expected = before.clone();
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double sum = before[OFFSET + i * k + p];
                for (int j = 0; j < n; j++) {
                    sum += (double) a[OFFSET + i * n + j] * b[OFFSET + p * n + j];
                }
                expected[OFFSET + i * k + p] = (float) sum;
            }
        }
        assertArrayEquals(expected, c, TOLERANCE);
    }

    @Test
    void matmulLeavesValuesOutsideTheRegion() {
        float[] c = {9f, 9f, 9f, 9f};
        KERNELS.matmul(new float[] {2f}, 0, new float[] {3f}, 0, c, 1, 1, 1, 1, false);
        assertArrayEquals(new float[] {9f, 6f, 9f, 9f}, c);
    }

    @Test
    void biasActivationAddsBiasPerRow() {
        // Rows [1, -2] and [0, 3] plus bias [1, 1] are [2, -1] and [1, 4]; relu gives [2, 0], [1, 4].
        float[] values = {1f, -2f, 0f, 3f};
        KERNELS.biasActivation(values, 0, 2, 2, new float[] {1f, 1f}, Activation.RELU);
        assertArrayEquals(new float[] {2f, 0f, 1f, 4f}, values);
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        // 1 / (1 + e^100) is 3.7e-44, below the float32 normal range but representable as a
        // subnormal; 1 / (1 + e^-100) rounds to 1; e^1000 overflows double to infinity, giving 0.
        float[] values = {-100f, 100f, -1000f};
        KERNELS.biasActivation(values, 0, 1, 3, null, Activation.SIGMOID);
        assertEquals(3.7200760e-44f, values[0], 1e-45f);
        assertEquals(1f, values[1]);
        assertEquals(0f, values[2]);
    }

    @Test
    void softmaxBackwardMatchesJacobian() {
        // y = softmax([1, 2, 3]) = [0.09003057, 0.24472847, 0.66524096]; the Jacobian is
        // dy_i/dz_j = y_i (δ_ij - y_j), so with upstream g = [1, 0, 0]:
        // dz_j = sum_i g_i dy_i/dz_j = y_0 (δ_0j - y_j) = [0.09003057 * 0.90996943,
        // -0.09003057 * 0.24472847, -0.09003057 * 0.66524096] = [0.08192507, -0.02203304, -0.05989202].
        float[] y = {1f, 2f, 3f};
        KERNELS.biasActivation(y, 0, 1, 3, null, Activation.SOFTMAX);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, y, 1e-7f);

        float[] gradient = {1f, 0f, 0f};
        KERNELS.activationBackward(y, 0, gradient, 0, 1, 3, Activation.SOFTMAX);
        assertArrayEquals(new float[] {0.08192507f, -0.02203304f, -0.05989202f}, gradient, 1e-7f);
    }

    @Test
    void tanhMatchesLibraryWithinOneUlp() {
        // Compared with the double-precision library tanh rounded to float32, over magnitudes from
        // 1e-9 to 20 (past 9.01 tanh rounds to 1 in float32) and both signs, plus the edges.
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            float x = (float) (Math.pow(10, random.nextDouble() * 10.3 - 9) * (random.nextBoolean() ? 1 : -1));
            float expected = (float) Math.tanh(x);
            assertEquals(expected, ScalarKernels.tanh(x), Math.ulp(expected), "tanh(" + x + ")");
        }
        assertEquals(0f, ScalarKernels.tanh(0f));
        assertEquals(1f, ScalarKernels.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, ScalarKernels.tanh(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(ScalarKernels.tanh(Float.NaN)));
    }

    @Test
    void columnSumsAccumulates() {
        float[] sums = {10f, 20f};
        KERNELS.columnSums(new float[] {1f, 2f, 3f, 4f}, 0, 2, 2, sums, true);
        assertArrayEquals(new float[] {14f, 26f}, sums);
    }
}
