package dev.sequent.purejava;

import dev.sequent.layers.Activation;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API ({@code jdk.incubator.vector}, JDK 17), loaded by
 * {@link KernelFactory#fastest()} only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Matrix products use a register-blocked micro-kernel: 4 rows of {@code c} by 4 vectors of
 * columns (16 accumulators), one fused multiply-add per {@code b} vector and row, over the whole
 * reduction axis. Columns left over after the full vectors are copied, zero-padded to one vector,
 * into a per-thread buffer, since masked loads and stores are slow on JDK 17; for fewer than
 * {@value #FEW_ROWS} rows they are computed with scalar FMAs instead. Every output value is the
 * fused multiply-add chain of its terms in index order, whichever block computes it, so results
 * depend neither on the batch size nor on how rows are split over threads. They can differ from
 * {@link ScalarKernels} in the last bits, because the scalar path rounds each product before
 * adding it.
 *
 * <p>Activations vectorize the bias addition, relu, and exp, tanh and sigmoid with a polynomial
 * exponential (see {@link #elementwiseVectors}); activation gradients and column sums use the
 * scalar code.
 *
 * <p>Each kernel creates its vectors inside its own loops, and vectors cross method boundaries
 * only through the tiny {@code start} helper, which HotSpot inlines, so they stay in registers
 * instead of being boxed. The only state is per-thread scratch buffers, so one instance serves
 * any number of threads.
 */
final class VectorKernels implements Kernels {

    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of {@code c} per micro-kernel block. */
    private static final int ROWS = 4;
    /** Functions of {@link #elementwise}. */
    private static final int EXP = 0;
    private static final int TANH = 1;
    private static final int SIGMOID = 2;

    private static final float EXP_LOWEST = -87.3365478515625f;
    private static final float EXP_HIGHEST = 88.3762626647949f;
    private static final float LOG2_E = 1.44269504088896341f;
    private static final float ROUNDING = 12582912f;
    /** The bits of {@link #ROUNDING}: 1.5 * 2^23 as a float is 0x4B400000. */
    private static final int ROUNDING_BITS = 0x4B400000;
    /** ln 2 as a part with few significant bits, so that {@code k * LN2_HIGH} is exact, plus the rest. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Cephes {@code expf} coefficients of {@code (e^r - 1 - r) / r^2}, highest degree first. */
    private static final float EXP_P0 = 1.9875691500e-4f;
    private static final float EXP_P1 = 1.3981999507e-3f;
    private static final float EXP_P2 = 8.3334519073e-3f;
    private static final float EXP_P3 = 4.1665795894e-2f;
    private static final float EXP_P4 = 1.6666665459e-1f;
    private static final float EXP_P5 = 5.0000001201e-1f;

    /** Below this many rows, columns past the last full vector are computed with scalar FMAs. */
    private static final int FEW_ROWS = 8;

    /**
     * Per-thread buffers: a transposed matrix, a zero-padded column block with its padded output
     * rows, and one padded vector for activations.
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private VectorKernels() {
    }

    /** Returns the vector width in floats, for logs and tests. */
    static int lanes() {
        return LANES;
    }

    @Override
    public void matmul(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n,
            boolean accumulate) {
        productRows(a, aOffset, k, 1, b, bOffset, n, c, cOffset, 0, m, k, n, accumulate);
    }

    @Override
    public void matmulTransposedA(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        // c[p, j] = sum_i a[i, p] b[i, j]: row p of c reads column p of a, stride k.
        productRows(a, aOffset, 1, k, b, bOffset, n, c, cOffset, 0, k, m, n, accumulate);
    }

    @Override
    public void matmulTransposedB(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        // c = a · bᵀ runs as a plain product with bᵀ [n, k], copied once per call: k n copies
        // against m k n multiply-adds.
        float[][] scratch = SCRATCH.get();
        float[] transposed = scratch[0].length >= k * n ? scratch[0] : (scratch[0] = new float[k * n]);
        for (int p = 0; p < k; p++) {
            int bRow = bOffset + p * n;
            for (int j = 0; j < n; j++) {
                transposed[j * k + p] = b[bRow + j];
            }
        }
        productRows(a, aOffset, n, 1, transposed, 0, k, c, cOffset, 0, m, n, k, accumulate);
    }

    /**
     * Computes rows {@code [rowStart, rowEnd)} of {@code c [rows, n] (+)= A · b} where
     * {@code A[i, p] = a[aOffset + i * rowStride + p * reduceStride]} and {@code b} is
     * {@code [depth, n]} row-major.
     */
    static void productRows(float[] a, int aOffset, int rowStride, int reduceStride, float[] b, int bOffset, int n,
            float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, boolean accumulate) {
        int fullBlocks = columns - columns % (4 * LANES);
        int fullVectors = columns - columns % LANES;
        for (int j = 0; j < fullBlocks; j += 4 * LANES) {
            blockOfFour(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, rowStart, rowEnd, depth,
                    columns, j, accumulate);
        }
        for (int j = fullBlocks; j < fullVectors; j += LANES) {
            blockOfOne(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, rowStart, rowEnd, depth,
                    columns, j, accumulate);
        }
        if (fullVectors < columns) {
            paddedTail(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, rowStart, rowEnd, depth,
                    columns, fullVectors, accumulate);
        }
    }

    /** Columns {@code [j, j + 4 LANES)}: 4 rows by 4 vectors per step of the reduction. */
    private static void blockOfFour(float[] a, int aOffset, int rowStride, int reduceStride, float[] b, int bOffset,
            int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        int i = rowStart;
        for (; i + ROWS <= rowEnd; i += ROWS) {
            int c0 = cOffset + i * columns + j;
            int c1 = c0 + columns;
            int c2 = c1 + columns;
            int c3 = c2 + columns;
            FloatVector s00 = start(c, c0, accumulate);
            FloatVector s01 = start(c, c0 + LANES, accumulate);
            FloatVector s02 = start(c, c0 + 2 * LANES, accumulate);
            FloatVector s03 = start(c, c0 + 3 * LANES, accumulate);
            FloatVector s10 = start(c, c1, accumulate);
            FloatVector s11 = start(c, c1 + LANES, accumulate);
            FloatVector s12 = start(c, c1 + 2 * LANES, accumulate);
            FloatVector s13 = start(c, c1 + 3 * LANES, accumulate);
            FloatVector s20 = start(c, c2, accumulate);
            FloatVector s21 = start(c, c2 + LANES, accumulate);
            FloatVector s22 = start(c, c2 + 2 * LANES, accumulate);
            FloatVector s23 = start(c, c2 + 3 * LANES, accumulate);
            FloatVector s30 = start(c, c3, accumulate);
            FloatVector s31 = start(c, c3 + LANES, accumulate);
            FloatVector s32 = start(c, c3 + 2 * LANES, accumulate);
            FloatVector s33 = start(c, c3 + 3 * LANES, accumulate);
            int a0 = aOffset + i * rowStride;
            int a1 = a0 + rowStride;
            int a2 = a1 + rowStride;
            int a3 = a2 + rowStride;
            for (int p = 0; p < depth; p++) {
                int bRow = bOffset + p * n + j;
                FloatVector b0 = FloatVector.fromArray(SPECIES, b, bRow);
                FloatVector b1 = FloatVector.fromArray(SPECIES, b, bRow + LANES);
                FloatVector b2 = FloatVector.fromArray(SPECIES, b, bRow + 2 * LANES);
                FloatVector b3 = FloatVector.fromArray(SPECIES, b, bRow + 3 * LANES);
                int reduce = p * reduceStride;
                FloatVector x0 = FloatVector.broadcast(SPECIES, a[a0 + reduce]);
                s00 = x0.fma(b0, s00);
                s01 = x0.fma(b1, s01);
                s02 = x0.fma(b2, s02);
                s03 = x0.fma(b3, s03);
                FloatVector x1 = FloatVector.broadcast(SPECIES, a[a1 + reduce]);
                s10 = x1.fma(b0, s10);
                s11 = x1.fma(b1, s11);
                s12 = x1.fma(b2, s12);
                s13 = x1.fma(b3, s13);
                FloatVector x2 = FloatVector.broadcast(SPECIES, a[a2 + reduce]);
                s20 = x2.fma(b0, s20);
                s21 = x2.fma(b1, s21);
                s22 = x2.fma(b2, s22);
                s23 = x2.fma(b3, s23);
                FloatVector x3 = FloatVector.broadcast(SPECIES, a[a3 + reduce]);
                s30 = x3.fma(b0, s30);
                s31 = x3.fma(b1, s31);
                s32 = x3.fma(b2, s32);
                s33 = x3.fma(b3, s33);
            }
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + LANES);
            s02.intoArray(c, c0 + 2 * LANES);
            s03.intoArray(c, c0 + 3 * LANES);
            s10.intoArray(c, c1);
            s11.intoArray(c, c1 + LANES);
            s12.intoArray(c, c1 + 2 * LANES);
            s13.intoArray(c, c1 + 3 * LANES);
            s20.intoArray(c, c2);
            s21.intoArray(c, c2 + LANES);
            s22.intoArray(c, c2 + 2 * LANES);
            s23.intoArray(c, c2 + 3 * LANES);
            s30.intoArray(c, c3);
            s31.intoArray(c, c3 + LANES);
            s32.intoArray(c, c3 + 2 * LANES);
            s33.intoArray(c, c3 + 3 * LANES);
        }
        if (i < rowEnd) {
            singleRowsOfFour(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, i, rowEnd, depth,
                    columns, j, accumulate);
        }
    }

    /** The rows of {@link #blockOfFour} after the last full block of 4, one at a time. */
    private static void singleRowsOfFour(float[] a, int aOffset, int rowStride, int reduceStride, float[] b,
            int bOffset, int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        for (int i = rowStart; i < rowEnd; i++) {
            int c0 = cOffset + i * columns + j;
            FloatVector s00 = start(c, c0, accumulate);
            FloatVector s01 = start(c, c0 + LANES, accumulate);
            FloatVector s02 = start(c, c0 + 2 * LANES, accumulate);
            FloatVector s03 = start(c, c0 + 3 * LANES, accumulate);
            int a0 = aOffset + i * rowStride;
            for (int p = 0; p < depth; p++) {
                int bRow = bOffset + p * n + j;
                FloatVector x0 = FloatVector.broadcast(SPECIES, a[a0 + p * reduceStride]);
                s00 = x0.fma(FloatVector.fromArray(SPECIES, b, bRow), s00);
                s01 = x0.fma(FloatVector.fromArray(SPECIES, b, bRow + LANES), s01);
                s02 = x0.fma(FloatVector.fromArray(SPECIES, b, bRow + 2 * LANES), s02);
                s03 = x0.fma(FloatVector.fromArray(SPECIES, b, bRow + 3 * LANES), s03);
            }
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + LANES);
            s02.intoArray(c, c0 + 2 * LANES);
            s03.intoArray(c, c0 + 3 * LANES);
        }
    }

    /** Columns {@code [j, j + LANES)}: 4 rows by 1 vector per step of the reduction. */
    private static void blockOfOne(float[] a, int aOffset, int rowStride, int reduceStride, float[] b, int bOffset,
            int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        int i = rowStart;
        for (; i + ROWS <= rowEnd; i += ROWS) {
            int c0 = cOffset + i * columns + j;
            FloatVector s0 = start(c, c0, accumulate);
            FloatVector s1 = start(c, c0 + columns, accumulate);
            FloatVector s2 = start(c, c0 + 2 * columns, accumulate);
            FloatVector s3 = start(c, c0 + 3 * columns, accumulate);
            int a0 = aOffset + i * rowStride;
            for (int p = 0; p < depth; p++) {
                FloatVector bp = FloatVector.fromArray(SPECIES, b, bOffset + p * n + j);
                int reduce = a0 + p * reduceStride;
                s0 = FloatVector.broadcast(SPECIES, a[reduce]).fma(bp, s0);
                s1 = FloatVector.broadcast(SPECIES, a[reduce + rowStride]).fma(bp, s1);
                s2 = FloatVector.broadcast(SPECIES, a[reduce + 2 * rowStride]).fma(bp, s2);
                s3 = FloatVector.broadcast(SPECIES, a[reduce + 3 * rowStride]).fma(bp, s3);
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + columns);
            s2.intoArray(c, c0 + 2 * columns);
            s3.intoArray(c, c0 + 3 * columns);
        }
        if (i < rowEnd) {
            singleRowsOfOne(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, i, rowEnd, depth,
                    columns, j, accumulate);
        }
    }

    /** The rows of {@link #blockOfOne} after the last full block of 4, one at a time. */
    private static void singleRowsOfOne(float[] a, int aOffset, int rowStride, int reduceStride, float[] b,
            int bOffset, int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        for (int i = rowStart; i < rowEnd; i++) {
            int c0 = cOffset + i * columns + j;
            FloatVector s0 = start(c, c0, accumulate);
            int a0 = aOffset + i * rowStride;
            for (int p = 0; p < depth; p++) {
                FloatVector bp = FloatVector.fromArray(SPECIES, b, bOffset + p * n + j);
                s0 = FloatVector.broadcast(SPECIES, a[a0 + p * reduceStride]).fma(bp, s0);
            }
            s0.intoArray(c, c0);
        }
    }

    /**
     * Columns {@code [j, columns)}, fewer than one vector: {@code b}'s columns are copied into a
     * zero-padded {@code [depth, LANES]} buffer and each block of 4 rows is computed into a
     * padded {@code [4, LANES]} buffer, whose valid columns are then copied to {@code c}.
     */
    private static void paddedTail(float[] a, int aOffset, int rowStride, int reduceStride, float[] b, int bOffset,
            int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        int width = columns - j;
        if (rowEnd - rowStart < FEW_ROWS) {
            fewRowsTail(a, aOffset, rowStride, reduceStride, b, bOffset, n, c, cOffset, rowStart, rowEnd, depth,
                    columns, j, accumulate);
            return;
        }
        float[][] scratch = SCRATCH.get();
        if (scratch[1].length < depth * LANES + ROWS * LANES) {
            scratch[1] = new float[depth * LANES + ROWS * LANES];
        }
        float[] padded = scratch[1];
        int tile = depth * LANES;
        for (int p = 0; p < depth; p++) {
            System.arraycopy(b, bOffset + p * n + j, padded, p * LANES, width);
            Arrays.fill(padded, p * LANES + width, (p + 1) * LANES, 0f);
        }

        for (int i = rowStart; i < rowEnd; i += ROWS) {
            int rows = Math.min(ROWS, rowEnd - i);
            if (accumulate) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cOffset + (i + r) * columns + j, padded, tile + r * LANES, width);
                }
            }
            FloatVector s0 = start(padded, tile, accumulate);
            FloatVector s1 = start(padded, tile + LANES, accumulate);
            FloatVector s2 = start(padded, tile + 2 * LANES, accumulate);
            FloatVector s3 = start(padded, tile + 3 * LANES, accumulate);
            // Rows past rowEnd read row i (always valid) and are discarded.
            int a0 = aOffset + i * rowStride;
            int a1 = rows > 1 ? a0 + rowStride : a0;
            int a2 = rows > 2 ? a0 + 2 * rowStride : a0;
            int a3 = rows > 3 ? a0 + 3 * rowStride : a0;
            for (int p = 0; p < depth; p++) {
                FloatVector bp = FloatVector.fromArray(SPECIES, padded, p * LANES);
                int reduce = p * reduceStride;
                s0 = FloatVector.broadcast(SPECIES, a[a0 + reduce]).fma(bp, s0);
                s1 = FloatVector.broadcast(SPECIES, a[a1 + reduce]).fma(bp, s1);
                s2 = FloatVector.broadcast(SPECIES, a[a2 + reduce]).fma(bp, s2);
                s3 = FloatVector.broadcast(SPECIES, a[a3 + reduce]).fma(bp, s3);
            }
            s0.intoArray(padded, tile);
            s1.intoArray(padded, tile + LANES);
            s2.intoArray(padded, tile + 2 * LANES);
            s3.intoArray(padded, tile + 3 * LANES);
            // A plain loop: System.arraycopy costs more than it saves on rows this short.
            for (int r = 0; r < rows; r++) {
                int from = tile + r * LANES;
                int to = cOffset + (i + r) * columns + j;
                for (int t = 0; t < width; t++) {
                    c[to + t] = padded[from + t];
                }
            }
        }
    }

    /**
     * Columns {@code [j, columns)} of a handful of rows, without padding {@code b}: scalar FMAs
     * in the same order give the same bits as a vector lane. A second, narrower vector species
     * would be faster here, but mixing species in one JVM made HotSpot box every vector
     * (JDK 17), which slowed all kernels down about tenfold.
     */
    private static void fewRowsTail(float[] a, int aOffset, int rowStride, int reduceStride, float[] b,
            int bOffset, int n, float[] c, int cOffset, int rowStart, int rowEnd, int depth, int columns, int j,
            boolean accumulate) {
        for (int i = rowStart; i < rowEnd; i++) {
            int cRow = cOffset + i * columns;
            int aRow = aOffset + i * rowStride;
            if (!accumulate) {
                Arrays.fill(c, cRow + j, cRow + columns, 0f);
            }
            for (int p = 0; p < depth; p++) {
                float x = a[aRow + p * reduceStride];
                int bRow = bOffset + p * n;
                for (int t = j; t < columns; t++) {
                    c[cRow + t] = Math.fma(x, b[bRow + t], c[cRow + t]);
                }
            }
        }
    }

    private static FloatVector start(float[] c, int offset, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, offset) : FloatVector.zero(SPECIES);
    }

    @Override
    public void biasActivation(float[] values, int offset, int rows, int columns, float[] bias,
            Activation activation) {
        int vectorEnd = columns - columns % LANES;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            switch (activation) {
                case LINEAR, RELU -> {
                    boolean relu = activation == Activation.RELU;
                    int j = 0;
                    for (; j < vectorEnd; j += LANES) {
                        FloatVector v = FloatVector.fromArray(SPECIES, values, row + j);
                        if (bias != null) {
                            v = v.add(FloatVector.fromArray(SPECIES, bias, j));
                        }
                        if (relu) {
                            v = v.max(0f);
                        }
                        v.intoArray(values, row + j);
                    }
                    for (; j < columns; j++) {
                        float v = bias != null ? values[row + j] + bias[j] : values[row + j];
                        values[row + j] = relu ? Math.max(v, 0f) : v;
                    }
                }
                case TANH, SIGMOID, SOFTMAX -> addBias(values, row, columns, bias);
                default -> throw new AssertionError(activation);
            }
        }
        if (activation == Activation.TANH) {
            elementwise(TANH, values, offset, rows * columns);
        } else if (activation == Activation.SIGMOID) {
            elementwise(SIGMOID, values, offset, rows * columns);
        } else if (activation == Activation.SOFTMAX) {
            softmax(values, offset, rows, columns);
        }
    }

    private static void addBias(float[] values, int row, int columns, float[] bias) {
        if (bias == null) {
            return;
        }
        int vectorEnd = columns - columns % LANES;
        int j = 0;
        for (; j < vectorEnd; j += LANES) {
            FloatVector.fromArray(SPECIES, values, row + j).add(FloatVector.fromArray(SPECIES, bias, j))
                    .intoArray(values, row + j);
        }
        for (; j < columns; j++) {
            values[row + j] += bias[j];
        }
    }

    /**
     * Softmax over each of {@code rows} rows: subtract the row's maximum, exponentiate the whole
     * block, then divide each row by its sum, added in index order.
     */
    private static void softmax(float[] values, int offset, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = row; j < row + columns; j++) {
                max = Math.max(max, values[j]);
            }
            for (int j = row; j < row + columns; j++) {
                values[j] -= max;
            }
        }

        elementwise(EXP, values, offset, rows * columns);

        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            float sum = 0f;
            for (int j = row; j < row + columns; j++) {
                sum += values[j];
            }
            float inverse = 1f / sum;
            for (int j = row; j < row + columns; j++) {
                values[j] *= inverse;
            }
        }
    }

    /**
     * Applies {@link #EXP}, {@link #TANH} or {@link #SIGMOID} to {@code count} values in place.
     * The values after the last full vector go through a zero-padded vector, so every value is
     * computed by the same instructions whatever its position. A row's result therefore does
     * not depend on the batch it came in or on how rows were split over threads.
     */
    private static void elementwise(int function, float[] values, int offset, int count) {
        int vectorEnd = offset + count - count % LANES;
        elementwiseVectors(function, values, offset, vectorEnd);
        if (vectorEnd < offset + count) {
            int length = offset + count - vectorEnd;
            float[] tail = paddedTail(values, vectorEnd, length);
            elementwiseVectors(function, tail, 0, LANES);
            System.arraycopy(tail, 0, values, vectorEnd, length);
        }
    }

    /**
     * Applies a function to whole vectors in {@code [from, to)}, built only from additions,
     * multiplications, divisions and exact bit operations. The Vector API's own {@code EXP}
     * and {@code TANH} are avoided on purpose: on JDK 17 the JIT-compiled code calls a vector
     * math library while the interpreter computes each lane in Java, so the same input gave
     * different last bits before and after compilation.
     *
     * <p>{@code e^u} follows the scheme of the Cephes {@code expf}: {@code u} is clamped to
     * {@code [-87.34, 88.38]}, split as {@code k ln 2 + r} with {@code |r| <= ln 2 / 2}, and
     * {@code e^r} is a degree-7 polynomial; {@code 2^k} is built from the exponent bits. NaN
     * stays NaN. tanh is {@code (e^2x - 1) / (e^2x + 1)}, whose error near 0 is absolute rather
     * than relative: against {@link Math#tanh} it was at most 6e-8 on inputs in (-2, 2).
     */
    private static void elementwiseVectors(int function, float[] values, int from, int to) {
        switch (function) {
            case EXP -> expVectors(values, from, to);
            case SIGMOID -> sigmoidVectors(values, from, to);
            case TANH -> tanhVectors(values, from, to);
            default -> throw new AssertionError(function);
        }
    }

    // The exponential is repeated in each of the three loops below instead of being a method
    // taking a FloatVector: a vector passed to a method that HotSpot does not inline is boxed.

    private static void expVectors(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector u = FloatVector.fromArray(SPECIES, values, i);
            // e^u = 2^k e^r with k = round(u / ln 2): adding 1.5 * 2^23 to u log2(e) rounds it
            // to an integer, and leaves k + 2^22 in the low bits of the sum.
            u = u.max(EXP_LOWEST).min(EXP_HIGHEST);
            FloatVector shifted = u.fma(LOG2_E, ROUNDING);
            FloatVector k = shifted.sub(ROUNDING);
            FloatVector r = u.sub(k.mul(LN2_HIGH)).sub(k.mul(LN2_LOW));
            FloatVector p = r.fma(EXP_P0, EXP_P1);
            p = p.mul(r).add(EXP_P2);
            p = p.mul(r).add(EXP_P3);
            p = p.mul(r).add(EXP_P4);
            p = p.mul(r).add(EXP_P5);
            p = p.mul(r.mul(r)).add(r).add(1f);
            FloatVector scale = shifted.reinterpretAsInts().sub(ROUNDING_BITS - 127)
                    .mul(1 << 23).reinterpretAsFloats();
            FloatVector e = p.mul(scale);
            e.intoArray(values, i);
        }
    }

    private static void sigmoidVectors(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector u = FloatVector.fromArray(SPECIES, values, i).neg();
            // e^u = 2^k e^r with k = round(u / ln 2): adding 1.5 * 2^23 to u log2(e) rounds it
            // to an integer, and leaves k + 2^22 in the low bits of the sum.
            u = u.max(EXP_LOWEST).min(EXP_HIGHEST);
            FloatVector shifted = u.fma(LOG2_E, ROUNDING);
            FloatVector k = shifted.sub(ROUNDING);
            FloatVector r = u.sub(k.mul(LN2_HIGH)).sub(k.mul(LN2_LOW));
            FloatVector p = r.fma(EXP_P0, EXP_P1);
            p = p.mul(r).add(EXP_P2);
            p = p.mul(r).add(EXP_P3);
            p = p.mul(r).add(EXP_P4);
            p = p.mul(r).add(EXP_P5);
            p = p.mul(r.mul(r)).add(r).add(1f);
            FloatVector scale = shifted.reinterpretAsInts().sub(ROUNDING_BITS - 127)
                    .mul(1 << 23).reinterpretAsFloats();
            FloatVector e = p.mul(scale);
            FloatVector.broadcast(SPECIES, 1f).div(e.add(1f)).intoArray(values, i);
        }
    }

    private static void tanhVectors(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector u = FloatVector.fromArray(SPECIES, values, i).mul(2f);
            // e^u = 2^k e^r with k = round(u / ln 2): adding 1.5 * 2^23 to u log2(e) rounds it
            // to an integer, and leaves k + 2^22 in the low bits of the sum.
            u = u.max(EXP_LOWEST).min(EXP_HIGHEST);
            FloatVector shifted = u.fma(LOG2_E, ROUNDING);
            FloatVector k = shifted.sub(ROUNDING);
            FloatVector r = u.sub(k.mul(LN2_HIGH)).sub(k.mul(LN2_LOW));
            FloatVector p = r.fma(EXP_P0, EXP_P1);
            p = p.mul(r).add(EXP_P2);
            p = p.mul(r).add(EXP_P3);
            p = p.mul(r).add(EXP_P4);
            p = p.mul(r).add(EXP_P5);
            p = p.mul(r.mul(r)).add(r).add(1f);
            FloatVector scale = shifted.reinterpretAsInts().sub(ROUNDING_BITS - 127)
                    .mul(1 << 23).reinterpretAsFloats();
            FloatVector e = p.mul(scale);
            // tanh x = (e^2x - 1) / (e^2x + 1) keeps the sign of x without a mask.
            e.sub(1f).div(e.add(1f)).intoArray(values, i);
        }
    }

    /** Returns this thread's {@code LANES}-long buffer holding {@code values[from, from + length)} then zeros. */
    private static float[] paddedTail(float[] values, int from, int length) {
        float[][] scratch = SCRATCH.get();
        if (scratch[2].length < LANES) {
            scratch[2] = new float[LANES];
        }
        float[] tail = scratch[2];
        System.arraycopy(values, from, tail, 0, length);
        Arrays.fill(tail, length, LANES, 0f);
        return tail;
    }

    @Override
    public void activationBackward(float[] outputs, int outputOffset, float[] gradient, int gradientOffset,
            int rows, int columns, Activation activation) {
        ScalarKernels.INSTANCE.activationBackward(outputs, outputOffset, gradient, gradientOffset, rows, columns,
                activation);
    }

    @Override
    public void columnSums(float[] a, int offset, int rows, int columns, float[] sums, boolean accumulate) {
        ScalarKernels.INSTANCE.columnSums(a, offset, rows, columns, sums, accumulate);
    }
}
