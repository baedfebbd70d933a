package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Activation;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Vector API kernels against the scalar kernels, which {@link ScalarKernelsTest} checks
 * against double-precision loops. Runs only in the surefire execution that adds the
 * {@code jdk.incubator.vector} module; the default execution skips it.
 *
 * <p>Shapes cover every code path for 16-float vectors (AVX-512) and for 8-float ones: blocks of
 * 4 rows and single rows, columns in blocks of 4 vectors, of 1 vector and a padded tail, and
 * tails computed with few rows (scalar FMAs) and with many (a padded buffer).
 */
@EnabledIf("vectorModulePresent")
class VectorKernelsTest {

    private static final int OFFSET = 3;
    // Both paths sum the same k products in the same order; the vector path fuses each multiply
    // with its add, so they differ by at most k roundings of 2^-24 relative (k <= 130 here).
    private static final float TOLERANCE = 1e-4f;

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Kernels vector() {
        return KernelFactory.fastest();
    }

    private static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "1, 64, 64", "3, 5, 7", "4, 64, 10", "9, 64, 10", "33, 64, 64", "17, 130, 90",
            "6, 3, 129"})
    void matmulMatchesScalar(int m, int k, int n) {
        for (boolean accumulate : new boolean[] {false, true}) {
            Random random = new Random(m * 31L + k * 7L + n);
            float[] a = random(random, OFFSET + m * k);
            float[] b = random(random, OFFSET + k * n);
            float[] c = random(random, OFFSET + m * n);
            float[] expected = c.clone();

            vector().matmul(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, accumulate);
            Kernels.scalar().matmul(a, OFFSET, b, OFFSET, expected, OFFSET, m, k, n, accumulate);

            assertArrayEquals(expected, c, TOLERANCE, "accumulate " + accumulate);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 7", "32, 64, 10", "17, 64, 64", "300, 9, 33"})
    void matmulTransposedAMatchesScalar(int m, int k, int n) {
        for (boolean accumulate : new boolean[] {false, true}) {
            Random random = new Random(m * 31L + k * 7L + n);
            float[] a = random(random, OFFSET + m * k);
            float[] b = random(random, OFFSET + m * n);
            float[] c = random(random, OFFSET + k * n);
            float[] expected = c.clone();

            vector().matmulTransposedA(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, accumulate);
            Kernels.scalar().matmulTransposedA(a, OFFSET, b, OFFSET, expected, OFFSET, m, k, n, accumulate);

            // The sum runs over m <= 300 rows here.
            assertArrayEquals(expected, c, 3e-4f, "accumulate " + accumulate);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 7", "32, 64, 10", "17, 64, 64", "5, 9, 33"})
    void matmulTransposedBMatchesScalar(int m, int k, int n) {
        for (boolean accumulate : new boolean[] {false, true}) {
            Random random = new Random(m * 31L + k * 7L + n);
            float[] a = random(random, OFFSET + m * n);
            float[] b = random(random, OFFSET + k * n);
            float[] c = random(random, OFFSET + m * k);
            float[] expected = c.clone();

            vector().matmulTransposedB(a, OFFSET, b, OFFSET, c, OFFSET, m, k, n, accumulate);
            Kernels.scalar().matmulTransposedB(a, OFFSET, b, OFFSET, expected, OFFSET, m, k, n, accumulate);

            assertArrayEquals(expected, c, TOLERANCE, "accumulate " + accumulate);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 64", "4, 10", "9, 10", "33, 64"})
    void rowsIndependentOfBatch(int m, int n) {
        // Each output row must have the same bits whether it is computed alone or in a batch,
        // because threads split batches by rows and callers compare single-sample predictions.
        int k = 64;
        Random random = new Random(m * 17L + n);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] batch = new float[m * n];
        vector().matmul(a, 0, b, 0, batch, 0, m, k, n, false);
        vector().biasActivation(batch, 0, m, n, null, Activation.SOFTMAX);

        for (int i = 0; i < m; i++) {
            float[] alone = new float[n];
            vector().matmul(a, i * k, b, 0, alone, 0, 1, k, n, false);
            vector().biasActivation(alone, 0, 1, n, null, Activation.SOFTMAX);
            assertArrayEquals(Arrays.copyOfRange(batch, i * n, (i + 1) * n), alone, 0f, "row " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void biasActivationMatchesScalar(Activation activation) {
        Random random = new Random(activation.ordinal());
        int rows = 7;
        int columns = 21;
        float[] values = random(random, OFFSET + rows * columns);
        for (int i = 0; i < values.length; i++) {
            values[i] *= 6f;
        }
        float[] bias = random(random, columns);
        float[] expected = values.clone();

        vector().biasActivation(values, OFFSET, rows, columns, bias, activation);
        Kernels.scalar().biasActivation(expected, OFFSET, rows, columns, bias, activation);

        // The vector exp and tanh are within a few ulps of the scalar ones: 1e-6 absolute on
        // values of magnitude at most 1 (sigmoid, tanh, softmax) or exact (linear, relu).
        assertArrayEquals(expected, values, 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH"})
    void extremeInputsMatchScalar(Activation activation) {
        // Past the clamp of the exponential, tiny values where tanh uses its series, both
        // infinities and NaN, which must stay NaN so that a non-finite loss is detected.
        float[] inputs = {0f, -0f, 1e-30f, -1e-30f, 1e-4f, 0.2499f, 0.2501f, -0.2501f, 3f, 9.1f, 87f, 88.5f, 100f,
            -87f, -88.5f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN};
        float[] actual = inputs.clone();
        float[] expected = inputs.clone();

        vector().biasActivation(actual, 0, 1, inputs.length, null, activation);
        Kernels.scalar().biasActivation(expected, 0, 1, inputs.length, null, activation);

        for (int i = 0; i < inputs.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(actual[i]), activation + "(" + inputs[i] + ") = " + actual[i]);
            } else {
                // 1e-6 relative or absolute, whichever is larger, covers a few ulps.
                float tolerance = Math.max(1e-6f, Math.abs(expected[i]) * 1e-6f);
                assertEquals(expected[i], actual[i], tolerance, activation + "(" + inputs[i] + ")");
            }
        }
    }

    @Test
    void softmaxOfLargeLogitsMatchesScalar() {
        float[] logits = {1000f, 999f, -1000f, 0f, 1e-3f, -3f, 20f, 0.5f, 1f, 2f, 3f};
        float[] actual = logits.clone();
        float[] expected = logits.clone();

        vector().biasActivation(actual, 0, 1, logits.length, null, Activation.SOFTMAX);
        Kernels.scalar().biasActivation(expected, 0, 1, logits.length, null, Activation.SOFTMAX);

        assertArrayEquals(expected, actual, 1e-7f);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationBackwardMatchesScalar(Activation activation) {
        Random random = new Random(activation.ordinal() + 100);
        int rows = 5;
        int columns = 19;
        float[] outputs = random(random, rows * columns);
        float[] gradient = random(random, rows * columns);
        float[] expected = gradient.clone();

        vector().activationBackward(outputs, 0, gradient, 0, rows, columns, activation);
        Kernels.scalar().activationBackward(outputs, 0, expected, 0, rows, columns, activation);

        assertArrayEquals(expected, gradient, 1e-6f);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "7, 21", "40, 64"})
    void columnSumsMatchesScalar(int rows, int columns) {
        Random random = new Random(rows * 7L + columns);
        float[] a = random(random, OFFSET + rows * columns);
        float[] sums = new float[columns];
        float[] expected = new float[columns];

        vector().columnSums(a, OFFSET, rows, columns, sums, false);
        Kernels.scalar().columnSums(a, OFFSET, rows, columns, expected, false);

        assertArrayEquals(expected, sums, 1e-5f);
        assertEquals(VectorKernels.class, vector().getClass());
    }
}
