package dev.sequent.data;

import dev.sequent.InvalidDataException;
import dev.sequent.Tensor;

/**
 * Standardizes each column to {@code (x - mean) / std}, with the mean and the population
 * standard deviation (divisor n, as scikit-learn's {@code StandardScaler}) of that column in the
 * rows passed to {@link #fit}. Fit it on the training part only and apply it to every part, so
 * no statistic of validation or test data leaks into training. Immutable.
 *
 * <pre>{@code
 * Standardizer scaler = Standardizer.fit(split.train());
 * WindowedSeries test = windows.apply(scaler.transform(split.test()));
 * Tensor degrees = scaler.inverseTransform(compiled.predict(test.inputs()), TEMP_MAX);
 * }</pre>
 */
public final class Standardizer {

    private final double[] means;
    private final double[] standardDeviations;

    private Standardizer(double[] means, double[] standardDeviations) {
        this.means = means;
        this.standardDeviations = standardDeviations;
    }

    /**
     * Computes each column's mean and standard deviation over {@code rows}.
     *
     * @throws InvalidDataException if the table is empty, ragged or not finite, or if a column is
     *     constant (its standard deviation is 0, so dividing by it is undefined)
     */
    public static Standardizer fit(float[][] rows) {
        return fitChecked(SeriesTables.copyChecked(rows, "rows to fit"));
    }

    /** Computes the mean and standard deviation of a single series, as column 0. */
    public static Standardizer fit(float[] series) {
        return fitChecked(SeriesTables.columnOf(series));
    }

    private static Standardizer fitChecked(float[][] rows) {
        int columns = rows[0].length;
        double[] means = new double[columns];
        double[] deviations = new double[columns];
        for (int column = 0; column < columns; column++) {
            checkNotConstant(rows, column);

            double sum = 0;
            for (float[] row : rows) {
                sum += row[column];
            }
            double mean = sum / rows.length;

            double squares = 0;
            for (float[] row : rows) {
                double centered = row[column] - mean;
                squares += centered * centered;
            }
            means[column] = mean;
            deviations[column] = Math.sqrt(squares / rows.length);
        }
        return new Standardizer(means, deviations);
    }

    private static void checkNotConstant(float[][] rows, int column) {
        float first = rows[0][column];
        for (float[] row : rows) {
            if (row[column] != first) {
                return;
            }
        }
        throw new InvalidDataException("Column " + column + " is constant (all " + rows.length + " rows are "
                + first + "), so its standard deviation is 0 and it cannot be standardized; drop the column,"
                + " or fit on more rows where it varies.");
    }

    public int columnCount() {
        return means.length;
    }

    public double mean(int column) {
        checkColumn(column);
        return means[column];
    }

    public double standardDeviation(int column) {
        checkColumn(column);
        return standardDeviations[column];
    }

    /**
     * Returns a standardized copy of {@code rows}.
     *
     * @throws InvalidDataException if the table is empty, ragged or not finite, or its column
     *     count differs from the fitted one
     */
    public float[][] transform(float[][] rows) {
        float[][] copy = SeriesTables.copyChecked(rows, "rows to transform");
        checkWidth(copy[0].length);
        for (float[] row : copy) {
            for (int column = 0; column < row.length; column++) {
                row[column] = (float) ((row[column] - means[column]) / standardDeviations[column]);
            }
        }
        return copy;
    }

    /** Returns a standardized copy of a single series, using column 0's statistics. */
    public float[] transform(float[] series) {
        float[][] rows = transform(SeriesTables.columnOf(series));
        float[] result = new float[rows.length];
        for (int row = 0; row < rows.length; row++) {
            result[row] = rows[row][0];
        }
        return result;
    }

    /** Maps one standardized value of {@code column} back to original units: {@code z * std + mean}. */
    public float inverseTransform(float value, int column) {
        checkColumn(column);
        return (float) (value * standardDeviations[column] + means[column]);
    }

    /**
     * Maps every value of {@code standardized} (for example model predictions of shape
     * {@code [samples, 1]}) back to the original units of {@code column}. The shape is kept.
     */
    public Tensor inverseTransform(Tensor standardized, int column) {
        checkColumn(column);
        float[] values = standardized.toFlatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = inverseTransform(values[i], column);
        }
        return Tensor.wrap(values, standardized.shape());
    }

    private void checkColumn(int column) {
        if (column < 0 || column >= means.length) {
            throw new IllegalArgumentException("Column " + column + " does not exist: the standardizer was fitted"
                    + " on " + means.length + " column(s), indices 0 to " + (means.length - 1) + ".");
        }
    }

    private void checkWidth(int columns) {
        if (columns != means.length) {
            throw new InvalidDataException("The rows have " + columns + " column(s), but the standardizer was"
                    + " fitted on " + means.length + "; transform tables with the same columns as the fitted one.");
        }
    }

    @Override
    public String toString() {
        return "Standardizer[columns=" + means.length + "]";
    }
}
