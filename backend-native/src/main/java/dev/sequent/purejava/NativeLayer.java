package dev.sequent.purejava;

/**
 * One layer of a compiled native model. A layer reads its weights from arrays owned by the
 * model, runs its numbers through {@link Kernels}, and keeps no per-call state: everything a
 * pass needs lives in the scratch buffers the caller passes in, so concurrent forward passes with
 * their own buffers never interfere.
 */
sealed interface NativeLayer permits DenseLayer, SimpleRnnLayer {

    /** Returns the layer's name in the model, such as {@code dense_1}. */
    String name();

    /** Returns the shape this layer produces from an input of the given shape. */
    BatchShape outputShape(BatchShape input);

    /**
     * Allocates the scratch buffers one pass over an input of this shape needs; with
     * {@code training} also those the backward pass needs.
     */
    float[][] newScratch(BatchShape input, boolean training);

    /** Computes {@code output} from {@code input}. */
    void forward(float[] input, BatchShape inputShape, float[] output, float[][] scratch);

    /**
     * Computes the weight gradients and, when {@code inputGradient} is not null, the gradient
     * with respect to the input, after a {@link #forward} with the same buffers. May overwrite
     * {@code outputGradient}.
     *
     * @param weightGradients one array per weight of this layer, in Keras order, overwritten
     */
    void backward(float[] input, BatchShape inputShape, float[] output, float[] outputGradient,
            float[] inputGradient, float[][] scratch, float[][] weightGradients);
}
