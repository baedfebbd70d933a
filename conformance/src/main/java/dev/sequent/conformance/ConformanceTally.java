package dev.sequent.conformance;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts of passed, failed and unsupported cases for one backend. Thread-safe. */
public final class ConformanceTally {

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger unsupported = new AtomicInteger();

    void recordPassed() {
        passed.incrementAndGet();
    }

    void recordFailed() {
        failed.incrementAndGet();
    }

    void recordUnsupported() {
        unsupported.incrementAndGet();
    }

    public int passed() {
        return passed.get();
    }

    public int failed() {
        return failed.get();
    }

    public int unsupported() {
        return unsupported.get();
    }

    /** Formats the summary line, for example {@code Conformance on native: 80 passed, 0 failed, 0 unsupported}. */
    public String summary(String backendId) {
        return "Conformance on " + backendId + ": " + passed() + " passed, " + failed() + " failed, "
                + unsupported() + " unsupported";
    }
}
