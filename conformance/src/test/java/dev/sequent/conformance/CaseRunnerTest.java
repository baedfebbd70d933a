package dev.sequent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class CaseRunnerTest {

    private static final Sequential MODEL = Sequential.of(Input.shape(1), Dense.units(1).useBias(false));
    private static final Weights WEIGHTS = Weights.builder().put("dense/kernel", Tensor.of(new float[] {1}, 1, 1))
            .build();

    private final ConformanceTally tally = new ConformanceTally();

    private static BackendProvider provider(Capability... capabilities) {
        BackendProvider provider = mock(BackendProvider.class);
        when(provider.id()).thenReturn("fake");
        when(provider.capabilities()).thenReturn(Set.of(capabilities));
        return provider;
    }

    @Test
    void missingCapabilityIsUnsupported() {
        AtomicBoolean ran = new AtomicBoolean();
        ConformanceCase training = ConformanceCase.training("area", "needs training", context -> ran.set(true));

        TestAbortedException aborted = assertThrows(TestAbortedException.class,
                () -> CaseRunner.run(provider(Capability.INFERENCE), training, tally));

        assertTrue(aborted.getMessage().contains("'fake' does not report [TRAINING]"), aborted.getMessage());
        assertEquals(1, tally.unsupported());
        assertEquals(0, tally.failed());
        assertEquals(0, tally.passed());
        assertEquals(false, ran.get(), "the body must not run");
    }

    @Test
    void passingCaseIsCounted() throws Throwable {
        CaseRunner.run(provider(Capability.INFERENCE), ConformanceCase.inference("area", "passes", context -> {
        }), tally);

        assertEquals(1, tally.passed());
        assertEquals(0, tally.failed());
    }

    @Test
    void failureIsCountedAndRethrown() {
        AssertionError expected = new AssertionError("wrong value");
        ConformanceCase failing = ConformanceCase.inference("area", "fails", context -> {
            throw expected;
        });

        AssertionError thrown = assertThrows(AssertionError.class,
                () -> CaseRunner.run(provider(Capability.INFERENCE), failing, tally));

        assertSame(expected, thrown);
        assertEquals(1, tally.failed());
        assertEquals(0, tally.passed());
    }

    @Test
    void unsupportedOperationFromClaimedCapabilityFails() {
        ConformanceCase throwing = ConformanceCase.training("area", "throws", context -> {
            throw new UnsupportedOperationException("cannot train");
        });

        assertThrows(UnsupportedOperationException.class,
                () -> CaseRunner.run(provider(Capability.INFERENCE, Capability.TRAINING), throwing, tally));

        assertEquals(1, tally.failed());
        assertEquals(0, tally.unsupported());
    }

    @Test
    void abortInsideCaseIsUnsupported() {
        ConformanceCase aborting = ConformanceCase.inference("area", "aborts", context -> Assumptions.abort("no"));

        assertThrows(TestAbortedException.class,
                () -> CaseRunner.run(provider(Capability.INFERENCE), aborting, tally));

        assertEquals(1, tally.unsupported());
        assertEquals(0, tally.failed());
    }

    @Test
    void modelsAreClosedWhenCaseFails() {
        BackendProvider provider = provider(Capability.INFERENCE);
        BackendModel first = mock(BackendModel.class);
        BackendModel second = mock(BackendModel.class);
        when(provider.compile(any(), any(), any())).thenReturn(first, second);
        ConformanceCase failing = ConformanceCase.inference("area", "compiles twice, then fails", context -> {
            context.compile(MODEL, WEIGHTS);
            context.compile(MODEL, WEIGHTS);
            throw new AssertionError("wrong value");
        });

        assertThrows(AssertionError.class, () -> CaseRunner.run(provider, failing, tally));

        verify(first).close();
        verify(second).close();
        assertEquals(1, tally.failed());
    }

    @Test
    void closeFailureFailsAPassingCase() {
        BackendProvider provider = provider(Capability.INFERENCE);
        BackendModel model = mock(BackendModel.class);
        when(provider.compile(any(), any(), any())).thenReturn(model);
        doThrow(new IllegalStateException("double free")).when(model).close();
        ConformanceCase passing = ConformanceCase.inference("area", "compiles", context -> context.compile(MODEL,
                WEIGHTS));

        AssertionError thrown = assertThrows(AssertionError.class, () -> CaseRunner.run(provider, passing, tally));

        assertTrue(thrown.getMessage().contains("Closing a model of backend 'fake' failed"), thrown.getMessage());
        assertEquals(1, tally.failed());
        assertEquals(0, tally.passed());
    }

    @Test
    void summaryLineFormat() throws Throwable {
        CaseRunner.run(provider(Capability.INFERENCE), ConformanceCase.inference("a", "passes", context -> {
        }), tally);
        assertThrows(TestAbortedException.class, () -> CaseRunner.run(provider(Capability.INFERENCE),
                ConformanceCase.training("a", "needs training", context -> {
                }), tally));

        assertEquals("Conformance on fake: 1 passed, 0 failed, 1 unsupported", tally.summary("fake"));
    }

    @Test
    void trainingCasesUnsupportedWithoutTraining() {
        // Every training case on a provider without TRAINING is unsupported, whatever compile does.
        BackendProvider provider = provider(Capability.INFERENCE);
        int training = 0;
        for (ConformanceCase testCase : Catalogue.all()) {
            if (testCase.requires().contains(Capability.TRAINING)) {
                training++;
                assertThrows(TestAbortedException.class, () -> CaseRunner.run(provider, testCase, tally));
            }
        }
        assertTrue(training > 0, "the catalogue has training cases");
        assertEquals(training, tally.unsupported());
        assertEquals(0, tally.failed());
    }
}
