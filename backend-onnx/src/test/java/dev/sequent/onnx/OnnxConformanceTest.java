package dev.sequent.onnx;

import dev.sequent.conformance.BackendConformanceTest;
import dev.sequent.spi.BackendProvider;

/** Runs the shared conformance cases; the training cases count as unsupported. */
class OnnxConformanceTest extends BackendConformanceTest {

    @Override
    protected BackendProvider provider() {
        return new OnnxBackendProvider();
    }
}
