package dev.sequent.data;

/**
 * The consecutive training, validation and test parts of a time series, made by
 * {@link ChronologicalSplit}. Immutable: every accessor returns a copy.
 */
public final class SeriesSplit {

    private final float[][] rows;
    private final int trainRows;
    private final int validationRows;

    SeriesSplit(float[][] rows, int trainRows, int validationRows) {
        this.rows = rows;
        this.trainRows = trainRows;
        this.validationRows = validationRows;
    }

    /** Returns a copy of the training rows, {@code [0, validationStart())}. */
    public float[][] train() {
        return part(0, trainRows);
    }

    /** Returns a copy of the validation rows, {@code [validationStart(), testStart())}. */
    public float[][] validation() {
        return part(trainRows, trainRows + validationRows);
    }

    /** Returns a copy of the test rows, {@code [testStart(), totalRows())}. */
    public float[][] test() {
        return part(trainRows + validationRows, rows.length);
    }

    /** Returns the index, in the original series, of the first validation row. */
    public int validationStart() {
        return trainRows;
    }

    /** Returns the index, in the original series, of the first test row. */
    public int testStart() {
        return trainRows + validationRows;
    }

    public int totalRows() {
        return rows.length;
    }

    private float[][] part(int from, int to) {
        float[][] copy = new float[to - from][];
        for (int row = from; row < to; row++) {
            copy[row - from] = rows[row].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return "SeriesSplit[train=" + trainRows + ", validation=" + validationRows + ", test="
                + (rows.length - testStart()) + " rows]";
    }
}
