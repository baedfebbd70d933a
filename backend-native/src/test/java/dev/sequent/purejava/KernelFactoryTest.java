package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs in both surefire executions, with and without the {@code jdk.incubator.vector} module. */
class KernelFactoryTest {

    @Test
    void fastestFollowsVectorModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

        String expected = module ? "VectorKernels" : "ScalarKernels";
        assertEquals(expected, KernelFactory.fastest().getClass().getSimpleName());
    }

    @Test
    void oneThreadGivesPlainKernels() {
        String previous = System.getProperty(KernelFactory.THREADS_PROPERTY);
        try {
            System.setProperty(KernelFactory.THREADS_PROPERTY, "1");
            assertSame(KernelFactory.fastest(), KernelFactory.forNewModel());

            System.setProperty(KernelFactory.THREADS_PROPERTY, "2");
            Kernels threaded = KernelFactory.forNewModel();
            assertEquals(ThreadedKernels.class, threaded.getClass());
            assertEquals(2, ((ThreadedKernels) threaded).threads());
        } finally {
            if (previous == null) {
                System.clearProperty(KernelFactory.THREADS_PROPERTY);
            } else {
                System.setProperty(KernelFactory.THREADS_PROPERTY, previous);
            }
        }
    }

    @Test
    void threadCountDefaultsWhenUnset() {
        assertEquals(6, KernelFactory.threadCount(null, 6));
        assertEquals(6, KernelFactory.threadCount(" ", 6));
        assertEquals(3, KernelFactory.threadCount(" 3 ", 6));
    }

    @Test
    void threadCountRejectsText() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelFactory.threadCount("all", 2));

        assertTrue(error.getMessage().contains("sequent.native.threads"), error.getMessage());
        assertTrue(error.getMessage().contains("'all'"), error.getMessage());
        assertTrue(error.getMessage().contains("set it to 1 or more"), error.getMessage());
    }

    @Test
    void threadCountRejectsZero() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelFactory.threadCount("0", 2));

        assertTrue(error.getMessage().contains("but was 0"), error.getMessage());
    }
}
