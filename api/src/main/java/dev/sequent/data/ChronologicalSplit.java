package dev.sequent.data;

import dev.sequent.InvalidDataException;

/**
 * Splits a time series into consecutive training, validation and test parts, in that order and
 * without shuffling, so the model is always evaluated on rows later than the ones it learned from.
 *
 * <p>Windows never straddle a boundary because each part is meant to be windowed on its own:
 * the first {@code timesteps + horizon - 1} rows of every part serve only as inputs. Splitting
 * therefore checks that each part has at least {@link SlidingWindows#minimumRows()} rows.
 *
 * <p>Part sizes come from either {@link #fractions(double, double)} (rounded to the nearest
 * row, the test part takes the rest) or {@link #rows(int, int)}. Instances are immutable.
 *
 * <pre>{@code
 * SeriesSplit split = ChronologicalSplit.fractions(0.7, 0.15).apply(rows, SlidingWindows.timesteps(30));
 * }</pre>
 */
public final class ChronologicalSplit {

    private final double trainFraction;
    private final double validationFraction;
    private final int trainRows;
    private final int validationRows;
    private final boolean byFractions;

    private ChronologicalSplit(double trainFraction, double validationFraction, int trainRows,
            int validationRows, boolean byFractions) {
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
        this.trainRows = trainRows;
        this.validationRows = validationRows;
        this.byFractions = byFractions;
    }

    /**
     * Creates a split that gives the first {@code train} fraction of the rows to training, the
     * next {@code validation} fraction to validation, and the rest to test.
     *
     * @throws IllegalArgumentException if a fraction is outside (0, 1) or they sum to 1 or more,
     *     which would leave no test rows
     */
    public static ChronologicalSplit fractions(double train, double validation) {
        checkFraction("Training", train);
        checkFraction("Validation", validation);
        if (train + validation >= 1.0) {
            throw new IllegalArgumentException("Training and validation fractions sum to " + (train + validation)
                    + " (" + train + " + " + validation + "), but they must sum to less than 1 so the test part"
                    + " gets the remaining rows; lower one of them, for example to 0.7 and 0.15.");
        }
        return new ChronologicalSplit(train, validation, 0, 0, true);
    }

    /**
     * Creates a split that gives the first {@code train} rows to training, the next
     * {@code validation} rows to validation, and the rest to test.
     *
     * @throws IllegalArgumentException if a count is zero or negative; a total too large for
     *     the series is rejected by {@link #apply}
     */
    public static ChronologicalSplit rows(int train, int validation) {
        checkCount("training", train);
        checkCount("validation", validation);
        return new ChronologicalSplit(0, 0, train, validation, false);
    }

    /**
     * Splits a single series; the parts are one-column tables.
     *
     * @see #apply(float[][], SlidingWindows)
     */
    public SeriesSplit apply(float[] series, SlidingWindows windows) {
        return splitChecked(SeriesTables.columnOf(series), windows);
    }

    /**
     * Splits the rows of a table into training, validation and test parts.
     *
     * @param windows the windows each part will be cut into; used to check that every part has
     *     at least one complete window
     * @throws InvalidDataException if the table is empty, ragged or not finite, if the row counts
     *     exceed the table, or if a part has fewer than {@code windows.minimumRows()} rows
     */
    public SeriesSplit apply(float[][] rows, SlidingWindows windows) {
        return splitChecked(SeriesTables.copyChecked(rows, "series"), windows);
    }

    private SeriesSplit splitChecked(float[][] rows, SlidingWindows windows) {
        int total = rows.length;
        int train = byFractions ? (int) Math.round(total * trainFraction) : trainRows;
        int validation = byFractions ? (int) Math.round(total * validationFraction) : validationRows;
        if (train + validation >= total) {
            throw new InvalidDataException("The split asks for " + train + " training and " + validation
                    + " validation rows, but the series has only " + total + " rows, leaving none for test;"
                    + " request fewer rows.");
        }
        int test = total - train - validation;

        checkPartSize("training", train, 0, windows, this);
        checkPartSize("validation", validation, train, windows, this);
        checkPartSize("test", test, train + validation, windows, this);

        return new SeriesSplit(rows, train, validation);
    }

    private static void checkPartSize(String part, int size, int firstRow, SlidingWindows windows,
            ChronologicalSplit split) {
        if (size < windows.minimumRows()) {
            throw new InvalidDataException("The " + part + " part (rows " + firstRow + " to "
                    + (firstRow + size - 1) + ") has " + size + " rows, but windows of " + windows.timesteps()
                    + " timesteps with horizon " + windows.horizon() + " need at least " + windows.minimumRows()
                    + " rows per part for one complete window; give that part more rows than " + split
                    + " does, or reduce timesteps.");
        }
    }

    private static void checkFraction(String part, double fraction) {
        if (!(fraction > 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException(part + " fraction must be between 0 and 1 (exclusive), but was "
                    + fraction + "; pass the share of rows for that part, such as 0.15.");
        }
    }

    private static void checkCount(String part, int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("Number of " + part + " rows must be positive, but was " + rows
                    + "; pass how many consecutive rows that part gets.");
        }
    }

    @Override
    public String toString() {
        return byFractions
                ? "ChronologicalSplit[train=" + trainFraction + ", validation=" + validationFraction + ", test=rest]"
                : "ChronologicalSplit[train=" + trainRows + " rows, validation=" + validationRows
                        + " rows, test=rest]";
    }
}
