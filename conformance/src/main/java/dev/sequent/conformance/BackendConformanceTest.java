package dev.sequent.conformance;

import dev.sequent.spi.BackendProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite a backend module runs from its own tests:
 *
 * <pre>{@code
 * class NativeConformanceTest extends BackendConformanceTest {
 *     protected BackendProvider provider() {
 *         return new NativeBackendProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Every case of {@link Catalogue} becomes one dynamic test, grouped by area. A case whose
 * capability the provider does not report is aborted (JUnit shows it as skipped) and counted
 * as unsupported. After all cases, one line goes to standard output:
 * {@code Conformance on <id>: N passed, N failed, N unsupported}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {

    private final ConformanceTally tally = new ConformanceTally();
    private BackendProvider provider;

    /** Returns the provider under test; called once per test class. */
    protected abstract BackendProvider provider();

    /** Returns the counts so far, for subclasses that want to assert on them. */
    protected final ConformanceTally tally() {
        return tally;
    }

    @TestFactory
    Stream<DynamicNode> conformanceCases() {
        BackendProvider tested = providerUnderTest();
        Map<String, List<ConformanceCase>> byArea = Catalogue.byArea();
        return byArea.entrySet().stream().map(area -> DynamicContainer.dynamicContainer(area.getKey(),
                area.getValue().stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(),
                        () -> CaseRunner.run(tested, testCase, tally)))));
    }

    @AfterAll
    void printSummary() {
        System.out.println(tally.summary(providerUnderTest().id()));
    }

    private BackendProvider providerUnderTest() {
        if (provider == null) {
            provider = provider();
        }
        return provider;
    }
}
