package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequent.layers.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Row splitting over worker threads must give the same bits as one thread, whatever the
 * kernels underneath (scalar or vector, depending on the surefire execution).
 */
class ThreadedKernelsTest {

    private static final RowWorkers WORKERS = new RowWorkers(3);

    private static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    @Test
    void largeProductsMatchOneThread() {
        Kernels single = KernelFactory.fastest();
        Kernels threaded = new ThreadedKernels(single, WORKERS);
        // Just above the split threshold, with a row count that 3 threads and their chunks do
        // not divide evenly.
        int k = 64;
        int n = 70;
        int m = (int) (ThreadedKernels.MIN_PARALLEL_WORK / (k * n)) + 7;
        Random random = new Random(5);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] expected = new float[m * n];
        float[] actual = new float[m * n];

        single.matmul(a, 0, b, 0, expected, 0, m, k, n, false);
        threaded.matmul(a, 0, b, 0, actual, 0, m, k, n, false);
        assertArrayEquals(expected, actual, 0f, "matmul");

        single.biasActivation(expected, 0, m, n, b, Activation.SOFTMAX);
        threaded.biasActivation(actual, 0, m, n, b, Activation.SOFTMAX);
        assertArrayEquals(expected, actual, 0f, "softmax");

        float[] expectedInput = new float[m * k];
        float[] actualInput = new float[m * k];
        single.matmulTransposedB(expected, 0, b, 0, expectedInput, 0, m, k, n, false);
        threaded.matmulTransposedB(expected, 0, b, 0, actualInput, 0, m, k, n, false);
        assertArrayEquals(expectedInput, actualInput, 0f, "matmulTransposedB");
    }

    @Test
    void concurrentCallersMatchOneThread() throws Exception {
        // Four callers share one worker pool: a caller that finds the workers busy computes its
        // chunks itself, and every caller must still get its own exact result.
        Kernels single = KernelFactory.fastest();
        Kernels threaded = new ThreadedKernels(single, WORKERS);
        int k = 64;
        int n = 64;
        int m = (int) (ThreadedKernels.MIN_PARALLEL_WORK / (k * n)) + 1;
        Random random = new Random(8);
        float[] b = random(random, k * n);
        float[][] inputs = new float[4][];
        float[][] expected = new float[4][];
        for (int caller = 0; caller < 4; caller++) {
            inputs[caller] = random(random, m * k);
            expected[caller] = new float[m * n];
            single.matmul(inputs[caller], 0, b, 0, expected[caller], 0, m, k, n, false);
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                float[] input = inputs[caller];
                results.add(pool.submit(() -> {
                    float[] c = new float[m * n];
                    for (int round = 0; round < 50; round++) {
                        threaded.matmul(input, 0, b, 0, c, 0, m, k, n, false);
                    }
                    return c;
                }));
            }
            for (int caller = 0; caller < 4; caller++) {
                assertArrayEquals(expected[caller], results.get(caller).get(30, TimeUnit.SECONDS), 0f,
                        "caller " + caller);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyRowRunsOnce() {
        int rows = 1000;
        AtomicIntegerArray counts = new AtomicIntegerArray(rows);

        WORKERS.run(rows, (from, to) -> {
            for (int i = from; i < to; i++) {
                counts.incrementAndGet(i);
            }
        });

        for (int i = 0; i < rows; i++) {
            assertEquals(1, counts.get(i), "row " + i);
        }
    }

    @Test
    void workerFailureReachesCaller() {
        IllegalStateException failure = new IllegalStateException("share failed");

        // The last share goes to a worker thread unless the worker is busy; either way the
        // failure must reach the caller.
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> WORKERS.run(9,
                (from, to) -> {
                    if (to == 9) {
                        throw failure;
                    }
                }));

        assertSame(failure, thrown);
    }
}
