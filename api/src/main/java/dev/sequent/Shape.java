package dev.sequent;

import java.util.Arrays;

/**
 * The shape of one sample, without the batch axis: {@code [features]} for tabular data,
 * {@code [timesteps, features]} for sequences.
 *
 * <p>A dimension equal to {@link #VARIABLE} has no fixed size; Sequent allows this only for
 * the time axis of a sequence input. Printed shapes add the batch axis as {@code None}, as
 * Keras prints them.
 */
public final class Shape {

    /** Marks a dimension whose size is known only when data arrives (printed as {@code None}). */
    public static final int VARIABLE = -1;

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** Creates a shape from its dimensions; each is positive or {@link #VARIABLE}. */
    public static Shape of(int... dims) {
        for (int dim : dims) {
            if (dim <= 0 && dim != VARIABLE) {
                throw new IllegalArgumentException("Dimensions must be positive (or Shape.VARIABLE), but the shape is "
                        + Arrays.toString(dims) + ".");
            }
        }
        return new Shape(dims.clone());
    }

    /** Returns the number of axes, not counting the batch axis. */
    public int rank() {
        return dims.length;
    }

    /** Returns one dimension, which may be {@link #VARIABLE}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** Returns the last dimension: the features, units or classes. */
    public int last() {
        return dims[dims.length - 1];
    }

    /** Returns a copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Returns true when every dimension is fixed. */
    public boolean isFixed() {
        for (int dim : dims) {
            if (dim == VARIABLE) {
                return false;
            }
        }
        return true;
    }

    /** Returns the number of values in one sample; only for fixed shapes. */
    public int size() {
        int size = 1;
        for (int dim : dims) {
            if (dim == VARIABLE) {
                throw new IllegalStateException("Shape " + this + " has a variable dimension, so it has no fixed size.");
            }
            size *= dim;
        }
        return size;
    }

    /** Returns this shape with its last dimension replaced. */
    public Shape withLast(int last) {
        int[] copy = dims.clone();
        copy[copy.length - 1] = last;
        return of(copy);
    }

    /** Returns true when {@code dataShape} (with its batch axis) fits this sample shape. */
    public boolean accepts(int[] dataShape) {
        if (dataShape.length != dims.length + 1) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != VARIABLE && dims[i] != dataShape[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** Formats the shape the way Keras does, with the batch axis: {@code (None, 30, 8)}. */
    public String withBatch() {
        StringBuilder text = new StringBuilder("(None");
        for (int dim : dims) {
            text.append(", ").append(dim == VARIABLE ? "None" : Integer.toString(dim));
        }
        return text.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape that && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats the sample shape without the batch axis, for example {@code [30, 8]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(dims[i] == VARIABLE ? "None" : Integer.toString(dims[i]));
        }
        return text.append(']').toString();
    }
}
