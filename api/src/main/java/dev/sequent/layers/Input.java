package dev.sequent.layers;

import dev.sequent.Shape;

/**
 * The shape of one input sample, without the batch axis. {@code Input.shape(64)} declares
 * 64 features; {@code Input.shape(30, 8)} declares sequences of 30 time steps with 8 features;
 * {@code Input.sequence(8)} declares sequences of any length with 8 features.
 */
public record Input(Shape shape) {

    /**
     * Declares the sample shape.
     *
     * @throws IllegalArgumentException if there are no dimensions, more than two, or a
     *     dimension is not positive
     */
    public static Input shape(int... dims) {
        if (dims.length == 0 || dims.length > 2) {
            throw new IllegalArgumentException("Input takes [features] or [timesteps, features], but "
                    + dims.length + " dimensions were given.");
        }
        for (int dim : dims) {
            if (dim <= 0) {
                throw new IllegalArgumentException("Input dimensions must be positive, but were "
                        + java.util.Arrays.toString(dims) + "; use Input.sequence(features) for sequences of any length.");
            }
        }
        return new Input(Shape.of(dims));
    }

    /** Declares sequences of any number of time steps, each with {@code features} values. */
    public static Input sequence(int features) {
        if (features <= 0) {
            throw new IllegalArgumentException("features must be positive, but was " + features + ".");
        }
        return new Input(Shape.of(Shape.VARIABLE, features));
    }
}
