package dev.sequent.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TensorFlowBackendProviderTest {

    private final TensorFlowBackendProvider provider = new TensorFlowBackendProvider();

    @Test
    void reportsIdPriorityAndCapabilities() {
        assertEquals("tensorflow", provider.id());
        assertEquals(50, provider.priority());
        assertEquals(EnumSet.of(Capability.TRAINING, Capability.INFERENCE), provider.capabilities());
    }

    @Test
    void nativeLibraryLoadsHere() {
        assertTrue(provider.availability().available(), provider.availability().reason());
    }

    @Test
    void linkErrorMakesBackendUnavailable() {
        Availability availability = TensorFlowBackendProvider.load(() -> {
            throw new UnsatisfiedLinkError("no jnitensorflow in java.library.path");
        });

        assertFalse(availability.available());
        assertEquals("the TensorFlow native library failed to load: no jnitensorflow in java.library.path",
                availability.reason());
    }

    @Test
    void initializerErrorWithoutMessageUsesItsName() {
        Availability availability = TensorFlowBackendProvider.load(() -> {
            throw new ExceptionInInitializerError();
        });

        assertFalse(availability.available());
        assertEquals("the TensorFlow native library failed to load: java.lang.ExceptionInInitializerError",
                availability.reason());
    }

    @Test
    void compileRejectsInvalidThreadProperty() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(1));
        String previous = System.getProperty(TensorFlowBackendProvider.THREADS_PROPERTY);
        System.setProperty(TensorFlowBackendProvider.THREADS_PROPERTY, "-2");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> provider.compile(model, Optional.empty(), model.initialWeights(1)));
            assertEquals("System property sequent.tensorflow.threads must be a positive integer, but was -2;"
                    + " set it to 1 or more, or leave it unset for 1.", e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(TensorFlowBackendProvider.THREADS_PROPERTY);
            } else {
                System.setProperty(TensorFlowBackendProvider.THREADS_PROPERTY, previous);
            }
        }
    }

    @Test
    void compileUsesThreadProperty() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(1));
        String previous = System.getProperty(TensorFlowBackendProvider.THREADS_PROPERTY);
        System.setProperty(TensorFlowBackendProvider.THREADS_PROPERTY, "2");
        try (BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1))) {
            // Java cannot observe the session's thread count. The model must still compute
            // x · kernel + bias, here 1 * k0 + 2 * k1 + 0.
            Tensor kernel = compiled.weights().get("dense/kernel");
            float expected = kernel.getFlat(0) + 2f * kernel.getFlat(1);
            assertEquals(expected, compiled.predict(Tensor.of(new float[] {1f, 2f}, 1, 2)).getFlat(0), 1e-6f);
        } finally {
            if (previous == null) {
                System.clearProperty(TensorFlowBackendProvider.THREADS_PROPERTY);
            } else {
                System.setProperty(TensorFlowBackendProvider.THREADS_PROPERTY, previous);
            }
        }
    }

    @Test
    void serviceLoaderFindsProvider() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(candidate -> candidate.type() == TensorFlowBackendProvider.class);
        assertTrue(found, "META-INF/services should list TensorFlowBackendProvider");
    }

    @Test
    void threadCountDefaultsToOne() {
        assertEquals(1, TensorFlowBackendProvider.threadCount(null));
        assertEquals(1, TensorFlowBackendProvider.threadCount(" "));
    }

    @Test
    void threadCountParsesPositiveValue() {
        assertEquals(4, TensorFlowBackendProvider.threadCount(" 4 "));
    }

    @Test
    void threadCountRejectsZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowBackendProvider.threadCount("0"));
        assertEquals("System property sequent.tensorflow.threads must be a positive integer, but was 0;"
                + " set it to 1 or more, or leave it unset for 1.", e.getMessage());
    }

    @Test
    void threadCountRejectsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowBackendProvider.threadCount("many"));
        assertEquals("System property sequent.tensorflow.threads must be a positive integer, but was 'many';"
                + " set it to 1 or more, or leave it unset for 1.", e.getMessage());
    }
}
