package dev.sequent.purejava;

import dev.sequent.layers.Activation;
import java.util.Arrays;

/**
 * Plain-Java kernels. The products loop in i-k-j order over blocks, so the innermost loop walks
 * rows of {@code b} and {@code c} contiguously and a block of {@code b} stays in cache while the
 * rows of {@code a} pass over it; four terms are added per pass over a row of {@code c}. Each
 * output value sums its terms one at a time in index order whatever the blocking and unrolling,
 * so a sample's result does not depend on the batch it is in, the block sizes or the thread.
 */
final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    /** Rows of {@code b} per block: 128 rows of 512 floats fill 256 KiB, about one L2 cache. */
    private static final int BLOCK_K = 128;
    /** Columns of {@code b} and {@code c} per block. */
    private static final int BLOCK_N = 512;

    private ScalarKernels() {
    }

    @Override
    public void matmul(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n,
            boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, cOffset, cOffset + m * n, 0f);
        }
        for (int kStart = 0; kStart < k; kStart += BLOCK_K) {
            int kEnd = Math.min(kStart + BLOCK_K, k);
            for (int nStart = 0; nStart < n; nStart += BLOCK_N) {
                int nEnd = Math.min(nStart + BLOCK_N, n);
                for (int i = 0; i < m; i++) {
                    int aRow = aOffset + i * k;
                    int cRow = cOffset + i * n;
                    int p = kStart;
                    for (; p + 4 <= kEnd; p += 4) {
                        int bRow = bOffset + p * n;
                        addFourRows(c, cRow, b, bRow, n, a[aRow + p], a[aRow + p + 1], a[aRow + p + 2],
                                a[aRow + p + 3], nStart, nEnd);
                    }
                    for (; p < kEnd; p++) {
                        addRow(c, cRow, b, bOffset + p * n, a[aRow + p], nStart, nEnd);
                    }
                }
            }
        }
    }

    @Override
    public void matmulTransposedA(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, cOffset, cOffset + k * n, 0f);
        }
        // Row p of c sums a[i, p] * (row i of b) over i. A block of BLOCK_K rows of c stays in
        // cache while the rows of a and b pass over it.
        for (int pStart = 0; pStart < k; pStart += BLOCK_K) {
            int pEnd = Math.min(pStart + BLOCK_K, k);
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int aRow = aOffset + i * k;
                int bRow = bOffset + i * n;
                for (int p = pStart; p < pEnd; p++) {
                    addFourRows(c, cOffset + p * n, b, bRow, n, a[aRow + p], a[aRow + k + p], a[aRow + 2 * k + p],
                            a[aRow + 3 * k + p], 0, n);
                }
            }
            for (; i < m; i++) {
                int aRow = aOffset + i * k;
                int bRow = bOffset + i * n;
                for (int p = pStart; p < pEnd; p++) {
                    addRow(c, cOffset + p * n, b, bRow, a[aRow + p], 0, n);
                }
            }
        }
    }

    /**
     * Adds {@code s0 b[row 0] + ... + s3 b[row 3]} to {@code c[cRow ...]} over columns
     * {@code [from, to)}, where the four rows of {@code b} start at {@code bRow} and are
     * {@code stride} apart. The terms are added one at a time in row order, exactly as four
     * calls of {@link #addRow} would add them, with one load and store of {@code c} instead of
     * four.
     */
    private static void addFourRows(float[] c, int cRow, float[] b, int bRow, int stride, float s0, float s1,
            float s2, float s3, int from, int to) {
        int b0 = bRow;
        int b1 = b0 + stride;
        int b2 = b1 + stride;
        int b3 = b2 + stride;
        for (int j = from; j < to; j++) {
            c[cRow + j] = (((c[cRow + j] + s0 * b[b0 + j]) + s1 * b[b1 + j]) + s2 * b[b2 + j]) + s3 * b[b3 + j];
        }
    }

    /** Adds {@code s * b[bRow ...]} to {@code c[cRow ...]} over columns {@code [from, to)}. */
    private static void addRow(float[] c, int cRow, float[] b, int bRow, float s, int from, int to) {
        for (int j = from; j < to; j++) {
            c[cRow + j] += s * b[bRow + j];
        }
    }

    @Override
    public void matmulTransposedB(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        // Four dot products at a time share each load of a's row and run as independent chains;
        // each still sums its terms in index order.
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * n;
            int cRow = cOffset + i * k;
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                int b0 = bOffset + p * n;
                int b1 = b0 + n;
                int b2 = b1 + n;
                int b3 = b2 + n;
                float sum0 = 0f;
                float sum1 = 0f;
                float sum2 = 0f;
                float sum3 = 0f;
                for (int j = 0; j < n; j++) {
                    float aValue = a[aRow + j];
                    sum0 += aValue * b[b0 + j];
                    sum1 += aValue * b[b1 + j];
                    sum2 += aValue * b[b2 + j];
                    sum3 += aValue * b[b3 + j];
                }
                store(c, cRow + p, sum0, accumulate);
                store(c, cRow + p + 1, sum1, accumulate);
                store(c, cRow + p + 2, sum2, accumulate);
                store(c, cRow + p + 3, sum3, accumulate);
            }
            for (; p < k; p++) {
                int bRow = bOffset + p * n;
                float sum = 0f;
                for (int j = 0; j < n; j++) {
                    sum += a[aRow + j] * b[bRow + j];
                }
                store(c, cRow + p, sum, accumulate);
            }
        }
    }

    private static void store(float[] c, int index, float sum, boolean accumulate) {
        c[index] = accumulate ? c[index] + sum : sum;
    }

    @Override
    public void biasActivation(float[] values, int offset, int rows, int columns, float[] bias,
            Activation activation) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            if (bias != null) {
                for (int j = 0; j < columns; j++) {
                    values[row + j] += bias[j];
                }
            }
            switch (activation) {
                case LINEAR -> {
                }
                case RELU -> {
                    for (int j = row; j < row + columns; j++) {
                        values[j] = Math.max(values[j], 0f);
                    }
                }
                case SIGMOID -> {
                    for (int j = row; j < row + columns; j++) {
                        values[j] = (float) (1.0 / (1.0 + Math.exp(-values[j])));
                    }
                }
                case TANH -> {
                    for (int j = row; j < row + columns; j++) {
                        values[j] = tanh(values[j]);
                    }
                }
                case SOFTMAX -> softmaxRow(values, row, columns);
                default -> throw new AssertionError(activation);
            }
        }
    }

    /**
     * Returns tanh(x) from the intrinsic {@link Math#exp}, since {@link Math#tanh} is a slow
     * library call on JDK 17. In double precision {@code (1 - e^-2|x|) / (1 + e^-2|x|)} has a
     * relative error below {@code 1e-12} for {@code |x| >= 4e-4}, far inside float32's
     * {@code 6e-8}; below that the series {@code x - x³/3} is exact to {@code 2x⁵/15 < 1e-17}.
     * NaN stays NaN and ±Infinity gives ±1.
     */
    static float tanh(float x) {
        double magnitude = Math.abs((double) x);
        if (magnitude < 4e-4) {
            double value = x;
            return (float) (value - value * value * value / 3.0);
        }
        double e = Math.exp(-2.0 * magnitude);
        return (float) Math.copySign((1.0 - e) / (1.0 + e), x);
    }

    private static void softmaxRow(float[] values, int row, int columns) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = row; j < row + columns; j++) {
            max = Math.max(max, values[j]);
        }

        float sum = 0f;
        for (int j = row; j < row + columns; j++) {
            float e = (float) Math.exp(values[j] - max);
            values[j] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int j = row; j < row + columns; j++) {
            values[j] *= inverse;
        }
    }

    @Override
    public void activationBackward(float[] outputs, int outputOffset, float[] gradient, int gradientOffset,
            int rows, int columns, Activation activation) {
        int count = rows * columns;
        switch (activation) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    if (!(outputs[outputOffset + i] > 0f)) {
                        gradient[gradientOffset + i] = 0f;
                    }
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < count; i++) {
                    float y = outputs[outputOffset + i];
                    gradient[gradientOffset + i] *= y * (1f - y);
                }
            }
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    float y = outputs[outputOffset + i];
                    gradient[gradientOffset + i] *= 1f - y * y;
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int yRow = outputOffset + r * columns;
                    int gRow = gradientOffset + r * columns;
                    float dot = 0f;
                    for (int j = 0; j < columns; j++) {
                        dot += gradient[gRow + j] * outputs[yRow + j];
                    }
                    for (int j = 0; j < columns; j++) {
                        gradient[gRow + j] = outputs[yRow + j] * (gradient[gRow + j] - dot);
                    }
                }
            }
            default -> throw new AssertionError(activation);
        }
    }

    @Override
    public void columnSums(float[] a, int offset, int rows, int columns, float[] sums, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(sums, 0, columns, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            for (int j = 0; j < columns; j++) {
                sums[j] += a[row + j];
            }
        }
    }
}
