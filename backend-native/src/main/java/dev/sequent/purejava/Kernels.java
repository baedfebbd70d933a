package dev.sequent.purejava;

import dev.sequent.layers.Activation;

/**
 * The numeric kernels of the native backend: matrix products, bias plus activation, activation
 * derivatives and column sums, on row-major {@code float[]} buffers addressed by an offset.
 *
 * <p>Layers express their forward and backward passes only through these calls, so a faster
 * implementation (for example one on the JDK Vector API) can replace {@link #scalar()} without
 * touching layer code. Implementations know nothing of layers, hold no state and allocate
 * nothing, so one instance can serve any number of threads. Every method writes only the output
 * region it is given; with {@code accumulate} false the region is overwritten, with true the
 * result is added to what it holds.
 */
public interface Kernels {

    /** Returns the portable scalar implementation. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * Computes {@code c = a · b} for {@code a [m, k]}, {@code b [k, n]} and {@code c [m, n]}.
     */
    void matmul(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n,
            boolean accumulate);

    /**
     * Computes {@code c = aᵀ · b} for {@code a [m, k]}, {@code b [m, n]} and {@code c [k, n]}: the
     * kernel gradient {@code inputsᵀ · outputGradient}.
     */
    void matmulTransposedA(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k,
            int n, boolean accumulate);

    /**
     * Computes {@code c = a · bᵀ} for {@code a [m, n]}, {@code b [k, n]} and {@code c [m, k]}: the
     * input gradient {@code outputGradient · kernelᵀ}.
     */
    void matmulTransposedB(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k,
            int n, boolean accumulate);

    /**
     * Adds {@code bias} (when it is not null) to each of {@code rows} rows of {@code columns}
     * values and applies {@code activation} in place. Softmax runs over each row, after
     * subtracting the row's maximum so that large logits cannot overflow.
     */
    void biasActivation(float[] values, int offset, int rows, int columns, float[] bias, Activation activation);

    /**
     * Turns the gradient with respect to an activation's outputs into the gradient with respect
     * to its inputs, in place, using the outputs {@code y}: relu {@code y > 0}, sigmoid
     * {@code y (1 - y)}, tanh {@code 1 - y²}, linear 1, softmax
     * {@code y_i (g_i - sum_j g_j y_j)} per row.
     */
    void activationBackward(float[] outputs, int outputOffset, float[] gradient, int gradientOffset, int rows,
            int columns, Activation activation);

    /** Computes {@code sums[j] = sum_r a[r, j]} over {@code rows} rows: a bias gradient. */
    void columnSums(float[] a, int offset, int rows, int columns, float[] sums, boolean accumulate);
}
