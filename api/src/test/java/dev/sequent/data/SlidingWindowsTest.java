package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.InvalidDataException;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {

    @Test
    void singleSeriesNextValue() {
        // 5 values, 2 timesteps, horizon 1: 5 - 2 - 1 + 1 = 3 samples.
        // Windows [1,2] [2,3] [3,4]; targets are the values after them: 3, 4, 5.
        WindowedSeries data = SlidingWindows.timesteps(2).apply(new float[] {1, 2, 3, 4, 5});

        assertArrayEquals(new int[] {3, 2, 1}, data.inputs().shape());
        assertArrayEquals(new float[] {1, 2, 2, 3, 3, 4}, data.inputs().toFlatArray());
        assertArrayEquals(new int[] {3, 1}, data.targets().shape());
        assertArrayEquals(new float[] {3, 4, 5}, data.targets().toFlatArray());
        assertEquals(3, data.sampleCount());
    }

    @Test
    void persistenceIsLastWindowValue() {
        // The persistence forecast repeats each window's last value: 2, 3, 4.
        WindowedSeries data = SlidingWindows.timesteps(2).apply(new float[] {1, 2, 3, 4, 5});

        assertArrayEquals(new float[] {2, 3, 4}, data.persistenceForecast().toFlatArray());
        assertArrayEquals(new int[] {3, 1}, data.persistenceForecast().shape());
    }

    @Test
    void horizonTwoSkipsOneRow() {
        // Horizon 2: 5 - 2 - 2 + 1 = 2 samples; window [1,2] -> value at row 3 (4), [2,3] -> row 4 (5).
        WindowedSeries data = SlidingWindows.timesteps(2).horizon(2).apply(new float[] {1, 2, 3, 4, 5});

        assertArrayEquals(new float[] {1, 2, 2, 3}, data.inputs().toFlatArray());
        assertArrayEquals(new float[] {4, 5}, data.targets().toFlatArray());
        assertArrayEquals(new float[] {2, 3}, data.persistenceForecast().toFlatArray());
        assertEquals(3, data.targetRow(0));
        assertEquals(4, data.targetRow(1));
    }

    @Test
    void tableUsesAllColumnsAndTargetColumn() {
        float[][] rows = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};

        WindowedSeries data = SlidingWindows.timesteps(2).targetColumn(1).apply(rows);

        // Sample 0 reads rows 0-1, sample 1 rows 1-2, both columns as features; targets are column 1 of rows 2 and 3.
        assertArrayEquals(new int[] {2, 2, 2}, data.inputs().shape());
        assertArrayEquals(new float[] {1, 10, 2, 20, 2, 20, 3, 30}, data.inputs().toFlatArray());
        assertArrayEquals(new float[] {30, 40}, data.targets().toFlatArray());
        assertArrayEquals(new float[] {20, 30}, data.persistenceForecast().toFlatArray());
    }

    @Test
    void exactMinimumRowsGivesOneSample() {
        WindowedSeries data = SlidingWindows.timesteps(3).apply(new float[] {1, 2, 3, 4});

        assertEquals(1, data.sampleCount());
        assertArrayEquals(new float[] {4}, data.targets().toFlatArray());
    }

    @Test
    void inputIsCopied() {
        float[] series = {1, 2, 3};
        WindowedSeries data = SlidingWindows.timesteps(1).apply(series);

        series[2] = 99;

        assertArrayEquals(new float[] {2, 3}, data.targets().toFlatArray());
    }

    @Test
    void rejectsNonPositiveTimesteps() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.timesteps(0));

        assertTrue(error.getMessage().contains("must be positive, but was 0"), error.getMessage());
    }

    @Test
    void rejectsNonPositiveHorizon() {
        SlidingWindows windows = SlidingWindows.timesteps(3);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> windows.horizon(-1));

        assertTrue(error.getMessage().contains("Horizon must be positive, but was -1"), error.getMessage());
        assertTrue(error.getMessage().contains("use 1"), error.getMessage());
    }

    @Test
    void rejectsTooFewRows() {
        SlidingWindows windows = SlidingWindows.timesteps(3);

        InvalidDataException error = assertThrows(InvalidDataException.class,
                () -> windows.apply(new float[] {1, 2, 3}));

        assertTrue(error.getMessage().contains("has 3 rows"), error.getMessage());
        assertTrue(error.getMessage().contains("at least 4 rows"), error.getMessage());
        assertTrue(error.getMessage().contains("reduce timesteps"), error.getMessage());
    }

    @Test
    void rejectsNanWithRowAndColumn() {
        float[][] rows = {{1, 2}, {3, 4}, {5, Float.NaN}, {7, 8}};
        SlidingWindows windows = SlidingWindows.timesteps(1);

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> windows.apply(rows));

        assertTrue(error.getMessage().contains("NaN at row 2, column 1"), error.getMessage());
        assertTrue(error.getMessage().contains("fill or drop missing values"), error.getMessage());
    }

    @Test
    void rejectsRaggedTable() {
        float[][] rows = {{1, 2}, {3}, {5, 6}};
        SlidingWindows windows = SlidingWindows.timesteps(1);

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> windows.apply(rows));

        assertTrue(error.getMessage().contains("Row 1 of the series has 1 columns, but row 0 has 2"),
                error.getMessage());
    }

    @Test
    void rejectsMissingTargetColumn() {
        float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        SlidingWindows windows = SlidingWindows.timesteps(1).targetColumn(2);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> windows.apply(rows));

        assertTrue(error.getMessage().contains("Target column 2 does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains("indices 0 to 1"), error.getMessage());
    }

    @Test
    void rejectsEmptySeries() {
        SlidingWindows windows = SlidingWindows.timesteps(1);

        InvalidDataException error = assertThrows(InvalidDataException.class, () -> windows.apply(new float[0]));

        assertTrue(error.getMessage().contains("empty (0 rows)"), error.getMessage());
    }
}
