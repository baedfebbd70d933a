package dev.sequent.purejava;

import dev.sequent.conformance.BackendConformanceTest;
import dev.sequent.spi.BackendProvider;

/** Runs the shared conformance kit on the native backend. */
class NativeConformanceTest extends BackendConformanceTest {

    @Override
    protected BackendProvider provider() {
        return new NativeBackendProvider();
    }
}
