package dev.sequent.purejava;

import dev.sequent.layers.Activation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernels a model runs on: the Vector API kernels when the JVM has the
 * {@code jdk.incubator.vector} module, the scalar ones otherwise, wrapped in
 * {@link ThreadedKernels} when more than one thread is allowed.
 */
final class KernelFactory {

    /** The system property that sets the thread count of large kernel calls. */
    static final String THREADS_PROPERTY = "sequent.native.threads";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.sequent.purejava.VectorKernels";
    private static final Logger LOG = LoggerFactory.getLogger(KernelFactory.class);

    private static final Map<Integer, RowWorkers> WORKERS = new ConcurrentHashMap<>();
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private KernelFactory() {
    }

    /** The single-threaded kernels of this JVM, chosen on first use. */
    private static final class Fastest {
        static final Kernels KERNELS = load();

        private static Kernels load() {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                LOG.debug("Native backend uses scalar kernels: the JVM runs without --add-modules {}", VECTOR_MODULE);
                return Kernels.scalar();
            }
            try {
                Class<?> type = Class.forName(VECTOR_KERNELS);
                Kernels kernels = (Kernels) type.getDeclaredField("INSTANCE").get(null);
                LOG.debug("Native backend uses Vector API kernels, {} floats per vector",
                        type.getDeclaredMethod("lanes").invoke(null));
                return kernels;
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.debug("Native backend uses scalar kernels: the Vector API kernels failed to load", e);
                return Kernels.scalar();
            }
        }
    }

    /** Returns the Vector API kernels when the module is present, else the scalar ones. */
    static Kernels fastest() {
        return Fastest.KERNELS;
    }

    /**
     * Returns the kernels for a model compiled now: {@link #fastest()}, split over the thread
     * count that {@value #THREADS_PROPERTY} sets (default: every available processor), warmed
     * up on the first call in this JVM.
     *
     * @throws IllegalArgumentException if the property is set but is not a positive integer
     */
    static Kernels forNewModel() {
        int threads = threadCount(System.getProperty(THREADS_PROPERTY), Runtime.getRuntime().availableProcessors());
        Kernels single = fastest();
        warmUp(single);
        if (threads == 1) {
            return single;
        }
        return new ThreadedKernels(single, WORKERS.computeIfAbsent(threads, RowWorkers::new));
    }

    /** Parses the value of {@value #THREADS_PROPERTY}; null or blank means {@code defaultThreads}. */
    static int threadCount(String property, int defaultThreads) {
        if (property == null || property.isBlank()) {
            return defaultThreads;
        }
        int threads;
        try {
            threads = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + THREADS_PROPERTY + " must be a positive integer,"
                    + " but was '" + property + "'; set it to 1 or more, or leave it unset to use every core.", e);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("System property " + THREADS_PROPERTY + " must be a positive integer,"
                    + " but was " + threads + "; set it to 1 or more, or leave it unset to use every core.");
        }
        return threads;
    }

    /**
     * Runs every kernel on small inputs until the JIT has compiled them, once per JVM, so the
     * first real call does not run interpreted. Vector code runs about 1000 times slower before
     * it is compiled: a first batch-1024 MLP forward pass took about 200 ms on JDK 17. Rounds
     * repeat until {@value #STABLE_ROUNDS} rounds in a row take less than 1.5 times the fastest
     * round and that round is at least {@value #MIN_SPEED_UP} times faster than the first, or
     * until {@value #MAX_WARM_UP_MILLIS} ms have passed.
     *
     * <p>NOTE: the JIT is usually still compiling the large kernel methods when this returns.
     * On a 2-core AMD EPYC (JDK 17) busy with other builds, the first two batch-1024 MLP calls
     * after it took 3 to 30 ms. The next ones took 1 to 15 ms until compilation finished,
     * against 50 to 130 ms each without the warm-up and about 0.25 ms in steady state.
     */
    static void warmUp(Kernels kernels) {
        if (!WARMED_UP.compareAndSet(false, true)) {
            return;
        }
        WarmUpData data = new WarmUpData();
        long start = System.nanoTime();
        long deadline = start + MAX_WARM_UP_MILLIS * 1_000_000;
        long first = -1;
        long fastest = Long.MAX_VALUE;
        int stable = 0;
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            long roundStart = System.nanoTime();
            data.round(kernels, (rounds & 1) == 1);
            long took = System.nanoTime() - roundStart;
            rounds++;
            if (first < 0) {
                first = took;
            }
            fastest = Math.min(fastest, took);
            stable = took < fastest * 3 / 2 ? stable + 1 : 0;
            if (stable >= STABLE_ROUNDS && fastest * MIN_SPEED_UP < first) {
                break;
            }
        }
        LOG.debug("Warmed up the native kernels in {} ms ({} rounds, first {} us, fastest {} us)",
                (System.nanoTime() - start) / 1_000_000, rounds, first / 1000, fastest / 1000);
    }

    private static final int STABLE_ROUNDS = 200;
    private static final int MIN_SPEED_UP = 20;
    private static final long MAX_WARM_UP_MILLIS = 1000;

    /**
     * Inputs whose shapes reach every branch of the kernels. A branch the warm-up never takes
     * makes the JIT drop the compiled method when a real call takes it, which would bring back
     * the slow first calls.
     */
    private static final class WarmUpData {
        // 9 rows: blocks of 4 rows and single rows, and padded tails on many rows; 1 row: tails
        // on few rows. Widths: 80 is 4 vectors plus 1 (for 16-float vectors), 10 is a tail only,
        // 21 a vector and a tail.
        static final int ROWS = 9;
        static final int DEPTH = 64;
        static final int[] WIDTHS = {80, 10, 21};

        final float[] a = new float[ROWS * DEPTH];
        final float[] b = new float[DEPTH * 80];
        final float[] c = new float[ROWS * 80];
        final float[] gradient = new float[DEPTH * 80];
        final float[] bias = new float[80];

        void round(Kernels kernels, boolean accumulate) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (i % 7 - 3) * 0.01f;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (i % 5 - 2) * 0.01f;
            }
            for (int width : WIDTHS) {
                kernels.matmul(a, 0, b, 0, c, 0, ROWS, DEPTH, width, accumulate);
                kernels.matmul(a, 0, b, 0, c, 0, 1, DEPTH, width, accumulate);
                kernels.matmulTransposedA(a, 0, c, 0, gradient, 0, ROWS, DEPTH, width, accumulate);
                kernels.matmulTransposedB(c, 0, b, 0, a, 0, ROWS, DEPTH, width, accumulate);
                kernels.matmulTransposedB(c, 0, b, 0, a, 0, 1, DEPTH, width, accumulate);
                kernels.columnSums(c, 0, ROWS, width, bias, accumulate);
                for (Activation activation : Activation.values()) {
                    kernels.biasActivation(c, 0, ROWS, width, bias, activation);
                    kernels.biasActivation(c, 0, 1, width, null, activation);
                    kernels.activationBackward(c, 0, c, 0, ROWS, width, activation);
                }
            }
        }
    }
}
