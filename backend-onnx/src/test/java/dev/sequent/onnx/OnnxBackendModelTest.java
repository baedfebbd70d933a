package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The provider's registration and the compiled model's lifecycle, errors and threading. */
class OnnxBackendModelTest {

    private final OnnxBackendProvider provider = new OnnxBackendProvider();

    private static Sequential model() {
        return Sequential.of(Input.shape(4, 3), SimpleRNN.units(5).returnSequences(true),
                Dense.units(2).activation(Activation.SOFTMAX));
    }

    @Test
    void providerIsRegisteredAsService() {
        List<String> ids = new ArrayList<>();
        for (BackendProvider found : ServiceLoader.load(BackendProvider.class)) {
            ids.add(found.id());
        }
        assertTrue(ids.contains("onnx"), "ServiceLoader found " + ids);
    }

    @Test
    void providerReportsInferenceOnly() {
        assertEquals("onnx", provider.id());
        assertEquals(20, provider.priority());
        assertEquals(Set.of(Capability.INFERENCE), provider.capabilities());
        assertTrue(provider.availability().available(), provider.availability().reason());
    }

    @Test
    void trainingCallsAreRejected() {
        Sequential model = model();
        try (BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1))) {
            Tensor x = TestModels.input(model, 2, 1);
            Tensor y = Tensor.zeros(2, 4, 2);

            UnsupportedOperationException step = assertThrows(UnsupportedOperationException.class,
                    () -> compiled.trainStep(x, y));
            UnsupportedOperationException gradients = assertThrows(UnsupportedOperationException.class,
                    () -> compiled.gradients(x, y));

            assertTrue(step.getMessage().startsWith("The onnx backend is inference-only, so it cannot run trainStep"),
                    step.getMessage());
            assertTrue(gradients.getMessage().contains("cannot run gradients"), gradients.getMessage());
        }
    }

    @Test
    void closeIsIdempotent() {
        Sequential model = model();
        BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1));

        compiled.close();
        compiled.close();
    }

    @Test
    void useAfterCloseThrows() {
        Sequential model = model();
        BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1));
        compiled.close();
        Tensor x = TestModels.input(model, 1, 1);

        IllegalStateException predict = assertThrows(IllegalStateException.class, () -> compiled.predict(x));
        IllegalStateException weights = assertThrows(IllegalStateException.class, compiled::weights);
        IllegalStateException setWeights = assertThrows(IllegalStateException.class,
                () -> compiled.setWeights(model.initialWeights(2)));

        assertEquals("Cannot call predict on model 'sequential' after close(); compile the model again.",
                predict.getMessage());
        assertTrue(weights.getMessage().startsWith("Cannot call weights"), weights.getMessage());
        assertTrue(setWeights.getMessage().startsWith("Cannot call setWeights"), setWeights.getMessage());
    }

    @Test
    void setWeightsRebuildsSession() {
        Sequential model = model();
        Weights first = TestModels.weights(model, 1);
        Weights second = TestModels.weights(model, 2);
        Tensor x = TestModels.input(model, 3, 3);
        try (BackendModel compiled = provider.compile(model, Optional.empty(), first)) {
            compiled.setWeights(second);

            OnnxRuntimeNumericsTest.assertClose(ReferenceForward.predict(model, second, x), compiled.predict(x),
                    "after setWeights");
            assertArrayEquals(second.get("dense/kernel").toFlatArray(),
                    compiled.weights().get("dense/kernel").toFlatArray());
        }
    }

    @Test
    void weightsAreCopiedOnCompile() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(1).useBias(false));
        float[] kernel = {1, 2};
        Weights weights = Weights.builder().put("dense/kernel", Tensor.wrap(kernel, 2, 1)).build();
        try (BackendModel compiled = provider.compile(model, Optional.empty(), weights)) {
            kernel[0] = 100;

            assertNotSame(weights, compiled.weights());
            assertEquals(1f, compiled.weights().get("dense/kernel").getFlat(0));
            // [1, 1] · [1, 2]^T = 3, with the kernel as it was at compile time.
            assertEquals(3f, compiled.predict(Tensor.of(new float[] {1, 1}, 1, 2)).getFlat(0), 1e-6f);
        }
    }

    @Test
    void wrongInputShapeIsRejected() {
        Sequential model = model();
        try (BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> compiled.predict(Tensor.zeros(2, 4, 7)));

            assertEquals("Model 'sequential' expects input of shape [batch, 4, 3] but received [2, 4, 7].",
                    error.getMessage());
        }
    }

    @Test
    void emptyBatchGivesEmptyOutput() {
        Sequential model = model();
        try (BackendModel compiled = provider.compile(model, Optional.empty(), model.initialWeights(1))) {
            assertArrayEquals(new int[] {0, 4, 2}, compiled.predict(Tensor.zeros(0, 4, 3)).shape());
        }
    }

    @Test
    void concurrentPredictEqualsSerial() throws Exception {
        Sequential model = model();
        int tasks = 32;
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            inputs.add(TestModels.input(model, 1 + i % 5, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (BackendModel compiled = provider.compile(model, Optional.empty(), TestModels.weights(model, 4))) {
            List<Tensor> serial = new ArrayList<>();
            for (Tensor x : inputs) {
                serial.add(compiled.predict(x));
            }

            List<Future<Tensor>> parallel = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Tensor x : inputs) {
                    parallel.add(pool.submit(() -> compiled.predict(x)));
                }
            }

            for (int i = 0; i < parallel.size(); i++) {
                assertEquals(serial.get(i % tasks), parallel.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidThreadPropertyIsRejected() {
        Sequential model = model();
        String previous = System.getProperty(OrtRuntime.THREADS_PROPERTY);
        System.setProperty(OrtRuntime.THREADS_PROPERTY, "zero");
        try {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> provider.compile(model, Optional.empty(), model.initialWeights(1)));

            assertEquals("System property sequent.onnx.threads must be a positive integer, but was 'zero'; set it"
                    + " to the number of intra-op threads, for example 1.", error.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(OrtRuntime.THREADS_PROPERTY);
            } else {
                System.setProperty(OrtRuntime.THREADS_PROPERTY, previous);
            }
        }
    }

    @Test
    void threadPropertySetsIntraOpThreads() {
        Sequential model = model();
        Weights weights = TestModels.weights(model, 6);
        Tensor x = TestModels.input(model, 4, 6);
        System.setProperty(OrtRuntime.THREADS_PROPERTY, "2");
        try (BackendModel compiled = provider.compile(model, Optional.empty(), weights)) {
            assertEquals(2, OrtRuntime.intraOpThreads());
            OnnxRuntimeNumericsTest.assertClose(ReferenceForward.predict(model, weights, x), compiled.predict(x),
                    "two intra-op threads");
        } finally {
            System.clearProperty(OrtRuntime.THREADS_PROPERTY);
        }
    }
}
