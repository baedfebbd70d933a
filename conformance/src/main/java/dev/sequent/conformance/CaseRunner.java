package dev.sequent.conformance;

import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/** Runs one case against one provider and records the outcome in a tally. */
public final class CaseRunner {

    private CaseRunner() {
    }

    /**
     * Runs {@code testCase}, closing every model it compiled, and counts the outcome.
     *
     * @throws TestAbortedException if the provider lacks a capability the case requires, or the
     *     case aborted itself; counted as unsupported
     * @throws Throwable whatever the case or a {@code close} threw; counted as a failure
     */
    public static void run(BackendProvider provider, ConformanceCase testCase, ConformanceTally tally)
            throws Throwable {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(testCase.requires());
        missing.removeAll(provider.capabilities());
        if (!missing.isEmpty()) {
            tally.recordUnsupported();
            Assumptions.abort("Backend '" + provider.id() + "' does not report " + missing + ", which case '"
                    + testCase + "' requires; counted as unsupported.");
        }

        Throwable failure = null;
        CaseContext context = new CaseContext(provider);
        try {
            testCase.body().run(context);
        } catch (Throwable thrown) {
            failure = thrown;
        }
        try {
            context.close();
        } catch (RuntimeException closeFailure) {
            if (failure == null) {
                failure = new AssertionError("Closing a model of backend '" + provider.id() + "' failed in case '"
                        + testCase + "'.", closeFailure);
            } else {
                failure.addSuppressed(closeFailure);
            }
        }

        if (failure == null) {
            tally.recordPassed();
            return;
        }
        if (failure instanceof TestAbortedException) {
            tally.recordUnsupported();
        } else {
            tally.recordFailed();
        }
        throw failure;
    }
}
