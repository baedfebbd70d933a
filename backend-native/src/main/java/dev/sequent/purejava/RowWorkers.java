package dev.sequent.purejava;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemon threads that take a share of the rows of a kernel call, so one call uses several cores.
 *
 * <p>The rows are cut into chunks that the caller and the workers claim one at a time from a
 * shared counter, so a worker that the operating system has not scheduled (on a machine busy
 * with other processes) leaves its chunks to the caller instead of stalling the call. When the
 * caller runs out of chunks it withdraws the job from workers that have not picked it up, so it
 * waits only for chunks a worker is computing.
 *
 * <p>Each worker spins for {@value #SPIN_NANOS} ns after its last job before it parks, so a
 * kernel call that follows another (the next layer, the next batch) hands over work in well
 * under a microsecond. Handing work to an executor cost about 50 us a call on a 2-core AMD EPYC
 * (JDK 17), more than a 64x64 layer takes at batch 1024.
 */
final class RowWorkers {

    /** A share of the rows of one call: rows {@code [from, to)}. */
    @FunctionalInterface
    interface RowTask {
        void run(int from, int to);
    }

    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = 200_000;
    /** Chunks per thread: enough to balance a slow thread, few enough to keep chunks large. */
    private static final int CHUNKS_PER_THREAD = 4;
    /** Spins of a caller waiting for a worker's chunk before it starts yielding its core. */
    private static final int WAIT_SPINS = 10_000;

    private final Worker[] workers;

    /** Starts {@code threads - 1} worker threads; the caller is the remaining one. */
    RowWorkers(int threads) {
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker("sequent-native-" + (w + 1));
            workers[w].start();
        }
    }

    /** Returns the number of threads a call can use, the caller included. */
    int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task} over rows {@code [0, rows)} in contiguous chunks spread over the
     * threads, and returns when every chunk is done.
     *
     * @throws RuntimeException or Error thrown by a chunk, rethrown on the calling thread
     */
    void run(int rows, RowTask task) {
        Job job = new Job(task, rows, Math.min(rows, threads() * CHUNKS_PER_THREAD));
        boolean[] posted = new boolean[workers.length];
        for (int w = 0; w < workers.length; w++) {
            posted[w] = workers[w].post(job);
        }

        job.runChunks();

        for (int w = 0; w < workers.length; w++) {
            if (posted[w]) {
                workers[w].finish(job);
            }
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** One call's chunks, claimed through {@link #next}. */
    private static final class Job {
        final RowTask task;
        final int rows;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(RowTask task, int rows, int chunks) {
            this.task = task;
            this.rows = rows;
            this.chunks = chunks;
        }

        void runChunks() {
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                try {
                    task.run((int) ((long) rows * chunk / chunks), (int) ((long) rows * (chunk + 1) / chunks));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        }
    }

    private static final class Worker extends Thread {

        /** A job waiting to be picked up, or null. */
        private final AtomicReference<Job> offered = new AtomicReference<>();
        /** The job this worker is running, or null. */
        private volatile Job running;
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Offers a job; returns false when another caller's job is still waiting here. */
        boolean post(Job job) {
            if (!offered.compareAndSet(null, job)) {
                return false;
            }
            if (parked) {
                LockSupport.unpark(this);
            }
            return true;
        }

        /** Withdraws the job if this worker has not picked it up, else waits until it is done. */
        void finish(Job job) {
            if (offered.compareAndSet(job, null)) {
                return;
            }
            int spins = 0;
            while (running == job || offered.get() == job) {
                if (++spins < WAIT_SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = offered.get();
                if (job != null) {
                    running = job;
                    if (offered.compareAndSet(job, null)) {
                        job.runChunks();
                    }
                    running = null;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (offered.get() == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
