package dev.sequent.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitializersTest {

    @Test
    void splitMixMatchesPublishedFirstOutput() {
        // The first output of SplitMix64 seeded with 0, as published with the reference C code.
        assertEquals(0xE220A8397B1DCDAFL, new SeededRandom(0).nextLong());
    }

    @Test
    void sameSeedGivesSameSequence() {
        SeededRandom first = new SeededRandom(123);
        SeededRandom second = new SeededRandom(123);
        for (int i = 0; i < 100; i++) {
            assertEquals(first.nextLong(), second.nextLong());
        }
        assertNotEquals(new SeededRandom(123).nextLong(), new SeededRandom(124).nextLong());
    }

    @Test
    void nextDoubleStaysInUnitInterval() {
        SeededRandom random = new SeededRandom(5);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double value = random.nextDouble();
            assertTrue(value >= 0, "value " + value);
            assertTrue(value < 1, "value " + value);
            sum += value;
        }
        // Mean of U[0, 1) is 0.5 with standard error sqrt(1/12 / n) = 0.002.
        assertEquals(0.5, sum / n, 0.01);
    }

    @Test
    void nextIntCoversBoundAndRejectsNonPositive() {
        SeededRandom random = new SeededRandom(9);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[random.nextInt(3)]++;
        }
        for (int count : counts) {
            assertTrue(count > 800, Arrays.toString(counts));
            assertTrue(count < 1200, Arrays.toString(counts));
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
        assertTrue(error.getMessage().contains("was 0"), error.getMessage());
    }

    @Test
    void shuffleIsSeededPermutation() {
        int[] first = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] second = first.clone();
        new SeededRandom(77).shuffle(first);
        new SeededRandom(77).shuffle(second);

        assertArrayEquals(first, second);
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertNotEquals(Arrays.toString(sorted), Arrays.toString(first));
    }

    @Test
    void glorotUniformStaysWithinLimit() {
        // limit = sqrt(6 / (fanIn + fanOut)) = sqrt(6 / (30 + 20)) = 0.34641.
        float[] values = Initializers.glorotUniform().sample(new int[] {30, 20}, new SeededRandom(1));
        double limit = Math.sqrt(6.0 / 50);
        assertEquals(600, values.length);
        for (float value : values) {
            assertTrue(Math.abs(value) <= limit, "value " + value + " outside +-" + limit);
        }
    }

    @Test
    void glorotUniformVarianceMatchesLimit() {
        // U[-limit, limit] has variance limit^2 / 3; limit^2 = 6 / (200 + 300) = 0.012, so 0.004.
        float[] values = Initializers.glorotUniform().sample(new int[] {200, 300}, new SeededRandom(2));
        double expected = 0.012 / 3;
        assertEquals(expected, variance(values), expected * 0.03);
        assertEquals(0.0, mean(values), 0.002);
    }

    @Test
    void glorotUniformVectorFans() {
        // A [n] weight has fanIn = fanOut = n, so limit = sqrt(6 / 8) for n = 4.
        float[] values = Initializers.glorotUniform().sample(new int[] {4}, new SeededRandom(3));
        for (float value : values) {
            assertTrue(Math.abs(value) <= Math.sqrt(6.0 / 8), "value " + value);
        }
    }

    @Test
    void orthogonalTallHasOrthonormalColumns() {
        float[] q = Initializers.orthogonal().sample(new int[] {6, 3}, new SeededRandom(4));
        assertGram(q, 6, 3, true, 1.0);
    }

    @Test
    void orthogonalWideHasOrthonormalRows() {
        float[] q = Initializers.orthogonal().sample(new int[] {3, 6}, new SeededRandom(4));
        assertGram(q, 3, 6, false, 1.0);
    }

    @Test
    void orthogonalSquareWithGain() {
        // W = gain * Q, so W^T W = gain^2 * I.
        float[] q = Initializers.orthogonal(2f).sample(new int[] {5, 5}, new SeededRandom(6));
        assertGram(q, 5, 5, true, 4.0);
        assertGram(q, 5, 5, false, 4.0);
    }

    @Test
    void orthogonalIsSeeded() {
        float[] first = Initializers.orthogonal().sample(new int[] {4, 4}, new SeededRandom(8));
        float[] second = Initializers.orthogonal().sample(new int[] {4, 4}, new SeededRandom(8));
        float[] third = Initializers.orthogonal().sample(new int[] {4, 4}, new SeededRandom(9));
        assertArrayEquals(first, second);
        assertTrue(!Arrays.equals(first, third));
    }

    @Test
    void orthogonalRejectsVector() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Initializers.orthogonal().sample(new int[] {4}, new SeededRandom(1)));
        assertTrue(error.getMessage().contains("rank 2"), error.getMessage());
        assertTrue(error.getMessage().contains("[4]"), error.getMessage());
    }

    @Test
    void constantOnesAndZeros() {
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f}, Initializers.constant(2.5f).sample(new int[] {3}, null));
        assertArrayEquals(new float[] {1, 1, 1, 1}, Initializers.ones().sample(new int[] {2, 2}, null));
        assertArrayEquals(new float[6], Initializers.zeros().sample(new int[] {2, 3}, null));
    }

    @Test
    void randomNormalHasMeanAndStddev() {
        float[] values = Initializers.randomNormal(1.5f, 0.5f).sample(new int[] {20_000}, new SeededRandom(10));
        // Standard error of the mean is 0.5 / sqrt(20000) = 0.0035; of the stddev about 0.0025.
        assertEquals(1.5, mean(values), 0.015);
        assertEquals(0.5, Math.sqrt(variance(values)), 0.01);
    }

    @Test
    void randomNormalDefaultIsKeras() {
        float[] values = Initializers.randomNormal().sample(new int[] {20_000}, new SeededRandom(11));
        assertEquals(0.0, mean(values), 0.002);
        assertEquals(0.05, Math.sqrt(variance(values)), 0.002);
    }

    @Test
    void randomUniformStaysInBounds() {
        float[] values = Initializers.randomUniform(2f, 3f).sample(new int[] {10_000}, new SeededRandom(12));
        for (float value : values) {
            assertTrue(value >= 2f, "value " + value);
            assertTrue(value <= 3f, "value " + value);
        }
        assertEquals(2.5, mean(values), 0.01);

        float[] defaults = Initializers.randomUniform().sample(new int[] {10_000}, new SeededRandom(13));
        for (float value : defaults) {
            assertTrue(value >= -0.05f, "value " + value);
            assertTrue(value <= 0.05f, "value " + value);
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> Initializers.constant(Float.NaN));
        assertTrue(constant.getMessage().contains("NaN"), constant.getMessage());

        IllegalArgumentException normal = assertThrows(IllegalArgumentException.class,
                () -> Initializers.randomNormal(0f, 0f));
        assertTrue(normal.getMessage().contains("stddev 0.0"), normal.getMessage());

        IllegalArgumentException uniform = assertThrows(IllegalArgumentException.class,
                () -> Initializers.randomUniform(1f, 1f));
        assertTrue(uniform.getMessage().contains("[1.0, 1.0]"), uniform.getMessage());
        assertTrue(uniform.getMessage().contains("minval < maxval"), uniform.getMessage());

        IllegalArgumentException gain = assertThrows(IllegalArgumentException.class,
                () -> Initializers.orthogonal(Float.POSITIVE_INFINITY));
        assertTrue(gain.getMessage().contains("Infinity"), gain.getMessage());
    }

    /** Checks Q^T Q (columns) or Q Q^T (rows) against {@code scale * I} within 1e-5. */
    private static void assertGram(float[] q, int rows, int columns, boolean overColumns, double scale) {
        int n = overColumns ? columns : rows;
        int inner = overColumns ? rows : columns;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int k = 0; k < inner; k++) {
                    double left = overColumns ? q[k * columns + a] : q[a * columns + k];
                    double right = overColumns ? q[k * columns + b] : q[b * columns + k];
                    dot += left * right;
                }
                double expected = a == b ? scale : 0.0;
                assertEquals(expected, dot, 1e-5 * scale, "entry (" + a + ", " + b + ")");
            }
        }
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double variance(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / (values.length - 1);
    }
}
