package dev.sequent.data;

import dev.sequent.InvalidDataException;
import dev.sequent.Tensor;

/**
 * Cuts a time series into supervised samples: each sample's input is {@code timesteps}
 * consecutive rows, and its target is one column's value {@code horizon} rows after the
 * window's last row.
 *
 * <p>For rows {@code r[0..n)}, sample {@code i} has input {@code r[i .. i + timesteps)} and
 * target {@code r[i + timesteps - 1 + horizon][targetColumn]}, so there are
 * {@code n - timesteps - horizon + 1} samples. Inputs have shape
 * {@code [samples, timesteps, features]} with every column as a feature, the target column
 * included; targets have shape {@code [samples, 1]}.
 *
 * <p>Parameters and defaults: {@code timesteps} (required, positive), {@code horizon} 1 (the
 * next row), {@code targetColumn} 0. Instances are immutable; each setter returns a copy.
 *
 * <pre>{@code
 * WindowedSeries data = SlidingWindows.timesteps(14).targetColumn(1).apply(rows);
 * }</pre>
 */
public final class SlidingWindows {

    private final int timesteps;
    private final int horizon;
    private final int targetColumn;

    private SlidingWindows(int timesteps, int horizon, int targetColumn) {
        this.timesteps = timesteps;
        this.horizon = horizon;
        this.targetColumn = targetColumn;
    }

    /**
     * Creates windows of {@code timesteps} rows predicting the next row's column 0.
     *
     * @throws IllegalArgumentException if {@code timesteps <= 0}
     */
    public static SlidingWindows timesteps(int timesteps) {
        if (timesteps <= 0) {
            throw new IllegalArgumentException("Window size (timesteps) must be positive, but was " + timesteps
                    + "; pass the number of past rows each sample sees, such as 14.");
        }
        return new SlidingWindows(timesteps, 1, 0);
    }

    /**
     * Returns a copy whose target lies {@code horizon} rows after each window's last row.
     *
     * @throws IllegalArgumentException if {@code horizon <= 0}
     */
    public SlidingWindows horizon(int horizon) {
        if (horizon <= 0) {
            throw new IllegalArgumentException("Horizon must be positive, but was " + horizon
                    + "; use 1 to predict the row right after each window.");
        }
        return new SlidingWindows(timesteps, horizon, targetColumn);
    }

    /**
     * Returns a copy whose target is column {@code column} (zero-based) of the table.
     *
     * @throws IllegalArgumentException if {@code column < 0}; a column past the table's width
     *     is rejected by {@link #apply(float[][])}
     */
    public SlidingWindows targetColumn(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("Target column must be zero or more, but was " + column
                    + "; pass the zero-based index of the column to predict.");
        }
        return new SlidingWindows(timesteps, horizon, column);
    }

    public int timesteps() {
        return timesteps;
    }

    public int horizon() {
        return horizon;
    }

    public int targetColumn() {
        return targetColumn;
    }

    /** Returns the fewest rows that give one complete sample: {@code timesteps + horizon}. */
    public int minimumRows() {
        return timesteps + horizon;
    }

    /**
     * Windows a single series; the inputs have one feature and the target is the series itself.
     *
     * @throws InvalidDataException if the series is empty, has NaN or infinity, or has fewer than
     *     {@link #minimumRows()} values
     * @throws IllegalArgumentException if {@link #targetColumn()} is not 0
     */
    public WindowedSeries apply(float[] series) {
        return windowChecked(SeriesTables.columnOf(series));
    }

    /**
     * Windows a table of {@code rows x columns}; every column becomes a feature.
     *
     * @throws InvalidDataException if the table is empty or ragged, has NaN or infinity (the
     *     message names the row and column), or has fewer than {@link #minimumRows()} rows
     * @throws IllegalArgumentException if {@link #targetColumn()} is not a column of the table
     */
    public WindowedSeries apply(float[][] rows) {
        return windowChecked(SeriesTables.copyChecked(rows, "series"));
    }

    /** Windows a table that {@link SeriesTables} has already checked and copied. */
    private WindowedSeries windowChecked(float[][] rows) {
        int columns = rows[0].length;
        if (targetColumn >= columns) {
            throw new IllegalArgumentException("Target column " + targetColumn + " does not exist: the series has " + columns + " column(s), indices 0 to " + (columns - 1)
                    + "; pass one of those to targetColumn.");
        }
        if (rows.length < minimumRows()) {
            throw new InvalidDataException("The series has " + rows.length + " rows, but windows of "
                    + timesteps + " timesteps with horizon " + horizon + " need at least " + minimumRows()
                    + " rows for one sample; pass a longer series or reduce timesteps.");
        }

        int samples = rows.length - timesteps - horizon + 1;
        float[] inputs = new float[samples * timesteps * columns];
        float[] targets = new float[samples];
        float[] lastObserved = new float[samples];
        for (int sample = 0; sample < samples; sample++) {
            for (int step = 0; step < timesteps; step++) {
                System.arraycopy(rows[sample + step], 0, inputs, (sample * timesteps + step) * columns, columns);
            }
            int lastRow = sample + timesteps - 1;
            targets[sample] = rows[lastRow + horizon][targetColumn];
            lastObserved[sample] = rows[lastRow][targetColumn];
        }

        return new WindowedSeries(Tensor.wrap(inputs, samples, timesteps, columns),
                Tensor.wrap(targets, samples, 1), Tensor.wrap(lastObserved, samples, 1), timesteps, horizon);
    }

    @Override
    public String toString() {
        return "SlidingWindows[timesteps=" + timesteps + ", horizon=" + horizon + ", targetColumn="
                + targetColumn + "]";
    }
}
