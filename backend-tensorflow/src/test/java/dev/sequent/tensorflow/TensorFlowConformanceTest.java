package dev.sequent.tensorflow;

import dev.sequent.conformance.BackendConformanceTest;
import dev.sequent.spi.BackendProvider;

/** Runs the shared conformance cases on the TensorFlow backend. */
class TensorFlowConformanceTest extends BackendConformanceTest {

    @Override
    protected BackendProvider provider() {
        return new TensorFlowBackendProvider();
    }
}
