package dev.sequent.init;

/**
 * Draws the initial values of one weight. Implementations follow the Keras initializers of
 * the same name; see {@link Initializers} for the formulas.
 */
public sealed interface Initializer
        permits Initializers.GlorotUniform, Initializers.Zeros, Initializers.Ones, Initializers.Constant,
                Initializers.RandomNormal, Initializers.RandomUniform, Initializers.Orthogonal {

    /** Returns the values of a weight of the given Keras-layout shape, in row-major order. */
    float[] sample(int[] shape, SeededRandom random);

    /** Returns the Keras name, for example {@code "glorot_uniform"}. */
    String kerasName();
}
