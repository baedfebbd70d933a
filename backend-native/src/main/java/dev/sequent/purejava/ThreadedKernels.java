package dev.sequent.purejava;

import dev.sequent.layers.Activation;

/**
 * Splits the rows of large matrix products and activations over {@link RowWorkers}, and runs
 * small calls on the calling thread alone. Each row of the output is computed by one thread with
 * the same arithmetic as without threads, so results are identical whatever the thread count.
 * Weight gradients ({@link #matmulTransposedA}, {@link #columnSums}) sum over the batch and run on
 * the calling thread.
 */
final class ThreadedKernels implements Kernels {

    /**
     * Multiply-adds below which a product runs on one thread: 2^18, a 64x64 layer at batch 64.
     * NOTE: a kernel-only harness on a 2-core AMD EPYC (JDK 17) gained from two threads from
     * batch 64 of a 64x64 layer up. Through the SPI under JMH, two threads were 1.6x faster at
     * batch 1024 but, at batch 64 and 256, some JVM forks ran slower than with one thread (the
     * worker was not always running when work arrived). The right threshold for whole models
     * is still open.
     */
    static final long MIN_PARALLEL_WORK = 1L << 18;

    private final Kernels delegate;
    private final RowWorkers workers;

    ThreadedKernels(Kernels delegate, RowWorkers workers) {
        this.delegate = delegate;
        this.workers = workers;
    }

    /** Returns the kernels that do the arithmetic. */
    Kernels delegate() {
        return delegate;
    }

    /** Returns the number of threads a large call uses. */
    int threads() {
        return workers.threads();
    }

    @Override
    public void matmul(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n,
            boolean accumulate) {
        if ((long) m * k * n < MIN_PARALLEL_WORK || m < workers.threads()) {
            delegate.matmul(a, aOffset, b, bOffset, c, cOffset, m, k, n, accumulate);
            return;
        }
        workers.run(m, (from, to) -> delegate.matmul(a, aOffset + from * k, b, bOffset, c, cOffset + from * n,
                to - from, k, n, accumulate));
    }

    @Override
    public void matmulTransposedA(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        delegate.matmulTransposedA(a, aOffset, b, bOffset, c, cOffset, m, k, n, accumulate);
    }

    @Override
    public void matmulTransposedB(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m,
            int k, int n, boolean accumulate) {
        if ((long) m * k * n < MIN_PARALLEL_WORK || m < workers.threads()) {
            delegate.matmulTransposedB(a, aOffset, b, bOffset, c, cOffset, m, k, n, accumulate);
            return;
        }
        workers.run(m, (from, to) -> delegate.matmulTransposedB(a, aOffset + from * n, b, bOffset, c,
                cOffset + from * k, to - from, k, n, accumulate));
    }

    @Override
    public void biasActivation(float[] values, int offset, int rows, int columns, float[] bias,
            Activation activation) {
        // Activations cost a few operations per value, so only large blocks are worth splitting.
        if ((long) rows * columns * 64 < MIN_PARALLEL_WORK || rows < workers.threads()) {
            delegate.biasActivation(values, offset, rows, columns, bias, activation);
            return;
        }
        workers.run(rows, (from, to) -> delegate.biasActivation(values, offset + from * columns, to - from, columns,
                bias, activation));
    }

    @Override
    public void activationBackward(float[] outputs, int outputOffset, float[] gradient, int gradientOffset,
            int rows, int columns, Activation activation) {
        delegate.activationBackward(outputs, outputOffset, gradient, gradientOffset, rows, columns, activation);
    }

    @Override
    public void columnSums(float[] a, int offset, int rows, int columns, float[] sums, boolean accumulate) {
        delegate.columnSums(a, offset, rows, columns, sums, accumulate);
    }
}
