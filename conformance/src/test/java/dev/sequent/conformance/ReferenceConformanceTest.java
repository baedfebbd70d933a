package dev.sequent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the whole catalogue on {@link ReferenceProvider}: every inference case must pass
 * (checking the hand-derived numbers against the reference), and every training case must be
 * counted as unsupported rather than failed.
 */
class ReferenceConformanceTest extends BackendConformanceTest {

    @Override
    protected BackendProvider provider() {
        return new ReferenceProvider();
    }

    @AfterAll
    void countsMatchTheCatalogue() {
        long training = Catalogue.all().stream().filter(c -> c.requires().contains(Capability.TRAINING)).count();
        long inference = Catalogue.all().size() - training;
        assertEquals(0, tally().failed(), "failed cases");
        assertEquals(inference, tally().passed(), "passed cases");
        assertEquals(training, tally().unsupported(), "unsupported cases");
    }
}
