package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.InvalidDataException;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {

    private static float[] range(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    private static float[] column(float[][] rows) {
        float[] values = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][0];
        }
        return values;
    }

    @Test
    void rowCountsKeepOrder() {
        SeriesSplit split = ChronologicalSplit.rows(4, 3).apply(range(10), SlidingWindows.timesteps(2));

        assertArrayEquals(new float[] {0, 1, 2, 3}, column(split.train()));
        assertArrayEquals(new float[] {4, 5, 6}, column(split.validation()));
        assertArrayEquals(new float[] {7, 8, 9}, column(split.test()));
        assertEquals(4, split.validationStart());
        assertEquals(7, split.testStart());
        assertEquals(10, split.totalRows());
    }

    @Test
    void fractionsRoundToNearestRow() {
        // 10 rows: round(10 * 0.6) = 6 training, round(10 * 0.2) = 2 validation, 10 - 6 - 2 = 2 test.
        SeriesSplit split = ChronologicalSplit.fractions(0.6, 0.2).apply(range(10), SlidingWindows.timesteps(1));

        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, column(split.train()));
        assertArrayEquals(new float[] {6, 7}, column(split.validation()));
        assertArrayEquals(new float[] {8, 9}, column(split.test()));
    }

    @Test
    void partsWindowSeparately() {
        SlidingWindows windows = SlidingWindows.timesteps(2);
        SeriesSplit split = ChronologicalSplit.rows(4, 3).apply(range(10), windows);

        // Test rows are 7, 8, 9: one window [7, 8] with target 9; no window reaches back into validation.
        WindowedSeries test = windows.apply(split.test());

        assertArrayEquals(new float[] {7, 8}, test.inputs().toFlatArray());
        assertArrayEquals(new float[] {9}, test.targets().toFlatArray());
    }

    @Test
    void rejectsFractionOutsideUnitInterval() {
        for (double bad : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ChronologicalSplit.fractions(bad, 0.1));

            assertTrue(error.getMessage().contains("Training fraction must be between 0 and 1 (exclusive), but was "
                    + bad), error.getMessage());
        }
    }

    @Test
    void rejectsFractionsSummingToOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ChronologicalSplit.fractions(0.75, 0.25));

        assertTrue(error.getMessage().contains("sum to 1.0 (0.75 + 0.25)"), error.getMessage());
        assertTrue(error.getMessage().contains("less than 1"), error.getMessage());
    }

    @Test
    void rejectsNonPositiveRowCount() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ChronologicalSplit.rows(5, 0));

        assertTrue(error.getMessage().contains("validation rows must be positive, but was 0"), error.getMessage());
    }

    @Test
    void rejectsPartWithoutCompleteWindow() {
        // Timesteps 2 with horizon 1 need 3 rows per part, but validation gets only 2 (rows 6 and 7).
        ChronologicalSplit split = ChronologicalSplit.rows(6, 2);
        SlidingWindows windows = SlidingWindows.timesteps(2);

        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> split.apply(range(11), windows));

        assertTrue(error.getMessage().contains("validation part (rows 6 to 7) has 2 rows"), error.getMessage());
        assertTrue(error.getMessage().contains("at least 3 rows per part"), error.getMessage());
    }

    @Test
    void rejectsRowCountsLeavingNoTest() {
        ChronologicalSplit split = ChronologicalSplit.rows(8, 2);
        SlidingWindows windows = SlidingWindows.timesteps(1);

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> split.apply(range(10), windows));

        assertTrue(error.getMessage().contains("8 training and 2 validation rows"), error.getMessage());
        assertTrue(error.getMessage().contains("only 10 rows"), error.getMessage());
    }

    @Test
    void rejectsNanInSeries() {
        float[] series = range(10);
        series[4] = Float.NaN;
        ChronologicalSplit split = ChronologicalSplit.rows(4, 3);
        SlidingWindows windows = SlidingWindows.timesteps(1);

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> split.apply(series, windows));

        assertTrue(error.getMessage().contains("NaN at row 4, column 0"), error.getMessage());
    }
}
