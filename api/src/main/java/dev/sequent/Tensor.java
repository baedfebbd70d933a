package dev.sequent;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor: a shape and its values in row-major order.
 *
 * <p>Tensors are immutable from the caller's point of view: every factory copies its input,
 * and every conversion back to Java arrays returns a fresh copy. The one exception is
 * {@link #wrap(float[], int...)}, which takes ownership of an array without copying it, for
 * backends and the training loop.
 *
 * <p>Axis 0 is the batch (sample) axis everywhere in Sequent.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] data;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * Creates a tensor of the given shape from flat row-major values, copying them.
     *
     * @throws IllegalArgumentException if a dimension is negative or the product of the
     *     dimensions differs from {@code values.length}
     */
    public static Tensor of(float[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        checkShape(values.length, shape);
        return new Tensor(values.clone(), shape.clone());
    }

    /**
     * Creates a tensor that uses {@code values} as its storage, without copying. The caller
     * hands the array over and must not modify it afterwards.
     *
     * @throws IllegalArgumentException if the shape does not match the number of values
     */
    public static Tensor wrap(float[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        checkShape(values.length, shape);
        return new Tensor(values, shape.clone());
    }

    /** Creates a rank-1 tensor {@code [n]} from a copy of {@code values}. */
    public static Tensor of(float[] values) {
        return of(values, values.length);
    }

    /**
     * Creates a rank-2 tensor {@code [rows, columns]}.
     *
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public static Tensor of(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("Ragged array: row " + r + " has "
                        + rows[r].length + " values but row 0 has " + columns
                        + "; every row must have the same length.");
            }
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return new Tensor(flat, new int[] {rows.length, columns});
    }

    /**
     * Creates a rank-3 tensor {@code [samples, timesteps, features]}.
     *
     * @throws IllegalArgumentException if the nested arrays are ragged
     */
    public static Tensor of(float[][][] samples) {
        Objects.requireNonNull(samples, "samples");
        int steps = samples.length == 0 ? 0 : samples[0].length;
        int features = steps == 0 ? 0 : samples[0][0].length;
        float[] flat = new float[samples.length * steps * features];
        int offset = 0;
        for (int s = 0; s < samples.length; s++) {
            if (samples[s].length != steps) {
                throw new IllegalArgumentException("Ragged array: sample " + s + " has "
                        + samples[s].length + " time steps but sample 0 has " + steps
                        + "; every sample must have the same number of time steps.");
            }
            for (int t = 0; t < steps; t++) {
                if (samples[s][t].length != features) {
                    throw new IllegalArgumentException("Ragged array: sample " + s + ", step " + t
                            + " has " + samples[s][t].length + " features but sample 0, step 0 has "
                            + features + ".");
                }
                System.arraycopy(samples[s][t], 0, flat, offset, features);
                offset += features;
            }
        }
        return new Tensor(flat, new int[] {samples.length, steps, features});
    }

    /** Creates a tensor of the given shape filled with zeros. */
    public static Tensor zeros(int... shape) {
        long size = checkedSize(shape);
        return new Tensor(new float[(int) size], shape.clone());
    }

    /**
     * Creates a rank-1 tensor of integer class labels, as sparse categorical losses and
     * metrics expect them.
     */
    public static Tensor labels(int... classes) {
        float[] values = new float[classes.length];
        for (int i = 0; i < classes.length; i++) {
            values[i] = classes[i];
        }
        return new Tensor(values, new int[] {classes.length});
    }

    /**
     * One-hot encodes integer labels into a {@code [labels.length, classes]} tensor.
     *
     * @throws IllegalArgumentException if {@code classes <= 0} or a label is outside
     *     {@code [0, classes)}
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, but was " + classes + ".");
        }
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("Label at index " + i + " is " + label
                        + ", outside [0, " + classes + "); pass the number of classes that covers every label.");
            }
            values[i * classes + label] = 1f;
        }
        return new Tensor(values, new int[] {labels.length, classes});
    }

    /** Returns a copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the size of one axis. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Returns the number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Returns the total number of values. */
    public int size() {
        return data.length;
    }

    /** Returns the number of values in one sample: the product of every axis after axis 0. */
    public int sampleSize() {
        return shape.length == 0 || shape[0] == 0 ? productAfterFirst() : data.length / shape[0];
    }

    private int productAfterFirst() {
        int product = 1;
        for (int i = 1; i < shape.length; i++) {
            product *= shape[i];
        }
        return product;
    }

    /** Returns the value at a flat row-major index. */
    public float getFlat(int index) {
        return data[index];
    }

    /** Returns the value at the given multi-dimensional index. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Index has " + index.length + " axes but the tensor has rank "
                    + shape.length + " with shape " + Arrays.toString(shape) + ".");
        }
        int flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException("Index " + index[axis] + " on axis " + axis
                        + " is outside [0, " + shape[axis] + ").");
            }
            flat = flat * shape[axis] + index[axis];
        }
        return data[flat];
    }

    /** Returns a copy of the values in row-major order. */
    public float[] toFlatArray() {
        return data.clone();
    }

    /**
     * Copies {@code length} values starting at flat index {@code from} into {@code target}.
     * Backends use it to fill their own buffers without allocating.
     */
    public void copyTo(int from, float[] target, int targetOffset, int length) {
        System.arraycopy(data, from, target, targetOffset, length);
    }

    /**
     * Converts a rank-2 tensor to {@code float[rows][columns]}.
     *
     * @throws IllegalStateException if the rank is not 2
     */
    public float[][] toArray2d() {
        requireRank(2, "toArray2d");
        float[][] rows = new float[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(data, r * shape[1], rows[r], 0, shape[1]);
        }
        return rows;
    }

    /**
     * Converts a rank-3 tensor to {@code float[samples][timesteps][features]}.
     *
     * @throws IllegalStateException if the rank is not 3
     */
    public float[][][] toArray3d() {
        requireRank(3, "toArray3d");
        float[][][] out = new float[shape[0]][shape[1]][shape[2]];
        int offset = 0;
        for (int s = 0; s < shape[0]; s++) {
            for (int t = 0; t < shape[1]; t++) {
                System.arraycopy(data, offset, out[s][t], 0, shape[2]);
                offset += shape[2];
            }
        }
        return out;
    }

    /**
     * Returns the index of the largest value along the last axis, one entry for each position
     * of the leading axes in row-major order. For {@code [batch, classes]} predictions this is
     * the predicted class of each sample. Ties go to the lowest index and the first NaN counts as the
     * maximum, as in NumPy.
     */
    public int[] argmax() {
        if (shape.length == 0) {
            throw new IllegalStateException("argmax needs at least one axis, but the tensor is a scalar.");
        }
        int width = shape[shape.length - 1];
        if (width == 0) {
            throw new IllegalStateException("argmax needs a non-empty last axis, but the shape is "
                    + Arrays.toString(shape) + ".");
        }
        int positions = data.length / width;
        int[] result = new int[positions];
        for (int p = 0; p < positions; p++) {
            int base = p * width;
            int best = 0;
            for (int c = 1; c < width && !Float.isNaN(data[base + best]); c++) {
                if (data[base + c] > data[base + best] || Float.isNaN(data[base + c])) {
                    best = c;
                }
            }
            result[p] = best;
        }
        return result;
    }

    /** Returns a tensor with the same values and a new shape of the same size. */
    public Tensor reshape(int... newShape) {
        checkShape(data.length, newShape);
        return new Tensor(data, newShape.clone());
    }

    /** Returns a copy of samples {@code [from, to)} along axis 0. */
    public Tensor slice(int from, int to) {
        if (shape.length == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("Slice [" + from + ", " + to + ") is outside axis 0 of shape "
                    + Arrays.toString(shape) + ".");
        }
        int sample = sampleSize();
        int[] newShape = shape.clone();
        newShape[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * sample, to * sample), newShape);
    }

    /**
     * Returns the samples at {@code indices} along axis 0, in that order.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, dim(0))}
     */
    public Tensor gather(int[] indices) {
        if (shape.length == 0) {
            throw new IllegalStateException("gather needs at least one axis, but the tensor is a scalar.");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= shape[0]) {
                throw new IndexOutOfBoundsException("Index " + indices[i] + " at position " + i
                        + " is outside axis 0 of shape " + Arrays.toString(shape) + "; valid indices are [0, "
                        + shape[0] + ").");
            }
        }
        int sample = sampleSize();
        float[] values = new float[indices.length * sample];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * sample, values, i * sample, sample);
        }
        int[] newShape = shape.clone();
        newShape[0] = indices.length;
        return new Tensor(values, newShape);
    }

    private void requireRank(int rank, String operation) {
        if (shape.length != rank) {
            throw new IllegalStateException(operation + " needs a rank-" + rank + " tensor, but the shape is "
                    + Arrays.toString(shape) + ".");
        }
    }

    private static void checkShape(int length, int[] shape) {
        long size = checkedSize(shape);
        if (size != length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has " + size
                    + " values, but " + length + " were given.");
        }
    }

    private static long checkedSize(int[] shape) {
        long size = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("Dimensions must be non-negative, but the shape is "
                        + Arrays.toString(shape) + ".");
            }
            size *= dim;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has " + size
                    + " values, more than one Java array can hold.");
        }
        return size;
    }

    /** Returns true for tensors of equal shape whose values are bitwise equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int shown = Math.min(data.length, 8);
        text.append('[');
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(data[i]);
        }
        if (shown < data.length) {
            text.append(", ... (").append(data.length - shown).append(" more)");
        }
        return text.append(']').toString();
    }
}
