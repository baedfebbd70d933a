package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.InvalidDataException;
import dev.sequent.Tensor;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    // Column 0: 2, 4, 4, 4, 5, 5, 7, 9 has mean 40 / 8 = 5 and squared deviations
    // 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, so the population standard deviation is sqrt(32 / 8) = 2.
    // Column 1: four 1s and four 3s have mean 2 and standard deviation sqrt(8 / 8) = 1.
    private static final float[][] TRAIN = {
        {2, 1}, {4, 1}, {4, 1}, {4, 1}, {5, 3}, {5, 3}, {7, 3}, {9, 3},
    };

    @Test
    void fitComputesMeanAndPopulationDeviation() {
        Standardizer scaler = Standardizer.fit(TRAIN);

        assertEquals(2, scaler.columnCount());
        assertEquals(5.0, scaler.mean(0), 1e-12);
        assertEquals(2.0, scaler.standardDeviation(0), 1e-12);
        assertEquals(2.0, scaler.mean(1), 1e-12);
        assertEquals(1.0, scaler.standardDeviation(1), 1e-12);
    }

    @Test
    void transformAppliesTrainingStatistics() {
        Standardizer scaler = Standardizer.fit(TRAIN);

        // Other parts use the training statistics: (9 - 5) / 2 = 2, (3 - 2) / 1 = 1; (7 - 5) / 2 = 1, (0 - 2) / 1 = -2.
        float[][] transformed = scaler.transform(new float[][] {{9, 3}, {7, 0}});

        assertArrayEquals(new float[] {2, 1}, transformed[0], 1e-6f);
        assertArrayEquals(new float[] {1, -2}, transformed[1], 1e-6f);
    }

    @Test
    void inverseTransformRestoresUnits() {
        Standardizer scaler = Standardizer.fit(TRAIN);

        // Column 0: z * 2 + 5, so -1 -> 3 and 0.5 -> 6.
        Tensor restored = scaler.inverseTransform(Tensor.of(new float[] {-1, 0.5f}, 2, 1), 0);

        assertArrayEquals(new int[] {2, 1}, restored.shape());
        assertArrayEquals(new float[] {3, 6}, restored.toFlatArray(), 1e-6f);
        assertEquals(5f, scaler.inverseTransform(3f, 1), 1e-6f);
    }

    @Test
    void singleSeriesUsesColumnZero() {
        // 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, std sqrt(5 / 4) = 1.1180340.
        Standardizer scaler = Standardizer.fit(new float[] {1, 2, 3, 4});

        float[] transformed = scaler.transform(new float[] {1, 4});

        // (1 - 2.5) / 1.1180340 = -1.3416408, (4 - 2.5) / 1.1180340 = 1.3416408.
        assertArrayEquals(new float[] {-1.3416408f, 1.3416408f}, transformed, 1e-6f);
    }

    @Test
    void rejectsConstantColumn() {
        float[][] rows = {{1, 7}, {2, 7}, {3, 7}};

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> Standardizer.fit(rows));

        assertTrue(error.getMessage().contains("Column 1 is constant (all 3 rows are 7.0)"), error.getMessage());
        assertTrue(error.getMessage().contains("standard deviation is 0"), error.getMessage());
        assertTrue(error.getMessage().contains("drop the column"), error.getMessage());
    }

    @Test
    void rejectsNanWhenFitting() {
        float[][] rows = {{1, 2}, {Float.NaN, 3}, {2, 4}};

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> Standardizer.fit(rows));

        assertTrue(error.getMessage().contains("NaN at row 1, column 0"), error.getMessage());
    }

    @Test
    void rejectsWrongColumnCount() {
        Standardizer scaler = Standardizer.fit(TRAIN);
        float[][] rows = {{1, 2, 3}};

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> scaler.transform(rows));

        assertTrue(error.getMessage().contains("3 column(s), but the standardizer was fitted on 2"),
                error.getMessage());
    }

    @Test
    void rejectsUnknownColumn() {
        Standardizer scaler = Standardizer.fit(TRAIN);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> scaler.mean(2));

        assertTrue(error.getMessage().contains("Column 2 does not exist"), error.getMessage());
    }
}
