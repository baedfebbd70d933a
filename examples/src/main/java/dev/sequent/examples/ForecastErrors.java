package dev.sequent.examples;

/** Error measures for comparing a forecast with the observed values. */
public final class ForecastErrors {

    private ForecastErrors() {
    }

    /**
     * Computes the mean absolute error {@code sum |predicted[i] - actual[i]| / n}, in the units
     * of the inputs.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double meanAbsoluteError(float[] predicted, float[] actual) {
        checkLengths(predicted, actual);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs((double) predicted[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /**
     * Computes the mean absolute percentage error {@code 100 * sum |predicted[i] - actual[i]| / |actual[i]| / n}.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double meanAbsolutePercentageError(float[] predicted, float[] actual) {
        checkLengths(predicted, actual);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs((double) predicted[i] - actual[i]) / Math.abs((double) actual[i]);
        }
        return 100.0 * sum / actual.length;
    }

    /**
     * Returns the persistence forecast of a series for the given horizon: the prediction for
     * {@code series[t + horizon]} is {@code series[t]}. Element {@code i} of the result
     * forecasts {@code series[first + i]}, for every target index from {@code first} to the end.
     *
     * @throws IllegalArgumentException if {@code horizon <= 0} or {@code first < horizon} (no value
     *     observed early enough), or {@code first} is past the end of the series
     */
    public static float[] persistence(float[] series, int first, int horizon) {
        if (horizon <= 0) {
            throw new IllegalArgumentException("Horizon must be positive, but was " + horizon + ".");
        }
        if (first < horizon || first >= series.length) {
            throw new IllegalArgumentException("First forecast index must be between " + horizon + " and "
                    + (series.length - 1) + ", but was " + first + ".");
        }
        float[] forecast = new float[series.length - first];
        for (int i = 0; i < forecast.length; i++) {
            forecast[i] = series[first + i - horizon];
        }
        return forecast;
    }

    private static void checkLengths(float[] predicted, float[] actual) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("Expected two non-empty arrays of equal length, but got "
                    + predicted.length + " predictions and " + actual.length + " actual values.");
        }
    }
}
