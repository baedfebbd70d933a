package dev.sequent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.SlidingWindows;
import dev.sequent.data.WindowedSeries;
import org.junit.jupiter.api.Test;

class ForecastErrorsTest {

    // A tiny series: 10, 12, 11, 15, 14.
    private static final float[] SERIES = {10, 12, 11, 15, 14};

    @Test
    void persistenceRepeatsPreviousValue() {
        // Forecasts for indices 2, 3, 4 are the values at 1, 2, 3: 12, 11, 15.
        assertArrayEquals(new float[] {12, 11, 15}, ForecastErrors.persistence(SERIES, 2, 1));
    }

    @Test
    void persistenceMaeByHand() {
        float[] forecast = ForecastErrors.persistence(SERIES, 1, 1);
        float[] actual = {12, 11, 15, 14};

        // Forecasts 10, 12, 11, 15 against 12, 11, 15, 14: errors 2, 1, 4, 1, mean 8 / 4 = 2.
        assertEquals(2.0, ForecastErrors.meanAbsoluteError(forecast, actual), 1e-12);
    }

    @Test
    void windowPersistenceMatchesSeriesPersistence() {
        // Windows of 2 over the series have targets at indices 2, 3, 4, so both baselines forecast 12, 11, 15.
        WindowedSeries windows = SlidingWindows.timesteps(2).apply(SERIES);

        assertArrayEquals(ForecastErrors.persistence(SERIES, 2, 1), windows.persistenceForecast().toFlatArray());
    }

    @Test
    void percentageErrorByHand() {
        // |9 - 10| / 10 = 0.1 and |22 - 20| / 20 = 0.1, mean 0.1, so 10%.
        assertEquals(10.0, ForecastErrors.meanAbsolutePercentageError(new float[] {9, 22}, new float[] {10, 20}),
                1e-9);
    }

    @Test
    void comparisonPicksLowerMae() {
        // Model errors 1 and 1 (MAE 1); persistence errors 2 and 1 (MAE 1.5).
        ForecastComparison comparison = ForecastComparison.of(new float[] {11, 19}, new float[] {12, 21},
                new float[] {10, 20});

        assertEquals(1.0, comparison.modelMae(), 1e-12);
        assertEquals(1.5, comparison.persistenceMae(), 1e-12);
        assertTrue(comparison.modelIsBetter());
        assertFalse(ForecastComparison.of(new float[] {12}, new float[] {10}, new float[] {10}).modelIsBetter());
    }

    @Test
    void rejectsMismatchedLengths() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ForecastErrors.meanAbsoluteError(new float[] {1, 2}, new float[] {1}));

        assertTrue(error.getMessage().contains("2 predictions and 1 actual values"), error.getMessage());
    }

    @Test
    void rejectsPersistenceWithoutHistory() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ForecastErrors.persistence(SERIES, 0, 1));

        assertTrue(error.getMessage().contains("between 1 and 4, but was 0"), error.getMessage());
    }
}
