package dev.sequent.data;

import dev.sequent.InvalidDataException;

/** Validation and copying of time-series tables ({@code float[rows][columns]}), shared by the helpers here. */
final class SeriesTables {

    private SeriesTables() {
    }

    /**
     * Checks that {@code rows} is non-empty, rectangular and finite, and returns a deep copy.
     *
     * @param tableName the name of the table in messages, such as "series" or "rows to fit"
     * @throws InvalidDataException if the table is null, empty, ragged or contains NaN or infinity
     */
    static float[][] copyChecked(float[][] rows, String tableName) {
        if (rows == null || rows.length == 0) {
            throw new InvalidDataException("The " + tableName + " is empty (" + (rows == null ? "null" : "0 rows")
                    + "), but at least one row is expected; pass the rows of the series.");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new InvalidDataException("Row 0 of the " + tableName + " has no columns, but at least one column is"
                    + " expected; pass one value per column in every row.");
        }
        int columns = rows[0].length;
        float[][] copy = new float[rows.length][];
        for (int row = 0; row < rows.length; row++) {
            if (rows[row] == null || rows[row].length != columns) {
                throw new InvalidDataException("Row " + row + " of the " + tableName + " has "
                        + (rows[row] == null ? "no array (null)" : rows[row].length + " columns")
                        + ", but row 0 has " + columns + "; every row must have the same number of columns.");
            }
            for (int column = 0; column < columns; column++) {
                float value = rows[row][column];
                if (!Float.isFinite(value)) {
                    throw new InvalidDataException("The " + tableName + " contains " + value + " at row " + row
                            + ", column " + column + ", but only finite values are expected; fill or drop"
                            + " missing values before windowing.");
                }
            }
            copy[row] = rows[row].clone();
        }
        return copy;
    }

    /** Wraps a single series as a one-column table, checked and copied like {@link #copyChecked}. */
    static float[][] columnOf(float[] series) {
        if (series == null) {
            return copyChecked(null, "series");
        }
        float[][] rows = new float[series.length][1];
        for (int row = 0; row < series.length; row++) {
            rows[row][0] = series[row];
        }
        return copyChecked(rows, "series");
    }
}
