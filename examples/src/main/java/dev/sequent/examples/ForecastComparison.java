package dev.sequent.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A model's forecast and the persistence forecast scored on the same targets, with their mean
 * absolute errors and mean absolute percentage errors.
 */
public record ForecastComparison(int samples, double modelMae, double persistenceMae, double modelMape,
        double persistenceMape) {

    /**
     * Scores both forecasts against {@code actual}.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static ForecastComparison of(float[] model, float[] persistence, float[] actual) {
        return new ForecastComparison(actual.length,
                ForecastErrors.meanAbsoluteError(model, actual),
                ForecastErrors.meanAbsoluteError(persistence, actual),
                ForecastErrors.meanAbsolutePercentageError(model, actual),
                ForecastErrors.meanAbsolutePercentageError(persistence, actual));
    }

    /** Returns true if the model's mean absolute error is lower than persistence's. */
    public boolean modelIsBetter() {
        return modelMae < persistenceMae;
    }

    /** Prints both errors and which forecast is better. */
    void print(PrintStream out, String target, String unit) {
        out.printf(Locale.ROOT, "Test set: %d forecasts of the %s%n", samples, target);
        out.printf(Locale.ROOT, "  model        MAE %.3f %s%n", modelMae, unit);
        out.printf(Locale.ROOT, "  persistence  MAE %.3f %s%n", persistenceMae, unit);
        double difference = Math.abs(persistenceMae - modelMae);
        if (modelIsBetter()) {
            out.printf(Locale.ROOT, "The model beats persistence by %.3f %s (%.1f%% lower MAE).%n", difference, unit,
                    100 * difference / persistenceMae);
        } else {
            out.printf(Locale.ROOT, "Persistence beats the model by %.3f %s (%.1f%% lower MAE).%n", difference, unit,
                    100 * difference / modelMae);
        }
    }

    /** Prints the mean absolute percentage errors too. */
    void printPercentages(PrintStream out) {
        out.printf(Locale.ROOT, "  model        MAPE %.3f%%%n", modelMape);
        out.printf(Locale.ROOT, "  persistence  MAPE %.3f%%%n", persistenceMape);
    }
}
