package dev.sequent.examples;

import java.util.List;

/**
 * The optdigits data set: each sample is an 8x8 grid of pixel counts (0 to 16, row-major, 64
 * features) and a class 0 to 9.
 *
 * @param pixels {@code [samples][64]} raw pixel counts
 * @param labels class of each sample, 0 to 9
 */
public record DigitsData(float[][] pixels, int[] labels) {

    /** Number of pixel features per sample. */
    public static final int FEATURES = 64;

    /** Number of classes. */
    public static final int CLASSES = 10;

    /** Loads the 3,823 training samples. */
    public static DigitsData training() {
        return load("optdigits.tra");
    }

    /** Loads the 1,797 test samples. */
    public static DigitsData test() {
        return load("optdigits.tes");
    }

    static DigitsData load(String file) {
        List<String[]> rows = DataFiles.readCsv(file);
        float[][] pixels = new float[rows.size()][FEATURES];
        int[] labels = new int[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] fields = rows.get(row);
            for (int column = 0; column < FEATURES; column++) {
                pixels[row][column] = DataFiles.parseFloat(fields[column], file, row, "Block " + (column + 1));
            }
            labels[row] = (int) DataFiles.parseFloat(fields[FEATURES], file, row, "Class");
            if (labels[row] < 0 || labels[row] >= CLASSES) {
                throw new IllegalStateException("Class " + labels[row] + " in " + file + ", data row " + row
                        + " is outside 0 to 9.");
            }
        }
        return new DigitsData(pixels, labels);
    }

    /** Returns the pixels scaled by 1/16 into [0, 1]. */
    public float[][] scaledPixels() {
        float[][] scaled = new float[pixels.length][FEATURES];
        for (int row = 0; row < pixels.length; row++) {
            for (int column = 0; column < FEATURES; column++) {
                scaled[row][column] = pixels[row][column] / 16f;
            }
        }
        return scaled;
    }

    public int size() {
        return labels.length;
    }
}
