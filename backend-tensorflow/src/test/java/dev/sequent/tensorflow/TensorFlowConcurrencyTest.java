package dev.sequent.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TensorFlowConcurrencyTest {

    @Test
    void concurrentPredictEqualsSerialPredict() throws Exception {
        // A variable time axis, so that threads also build graphs for new lengths concurrently.
        Sequential model = Sequential.of(Input.sequence(3), SimpleRNN.units(8).returnSequences(true),
                Dense.units(4).activation(Activation.SOFTMAX));
        int threads = 4;
        int callsPerThread = 50;
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < threads * callsPerThread; i++) {
            inputs.add(TensorFlowModelTest.randomTensor(i, 1f, 1 + i % 3, 2 + i % 5, 3));
        }
        try (BackendModel compiled = new TensorFlowBackendProvider().compile(model, Optional.empty(),
                model.initialWeights(4))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Tensor>> futures = new ArrayList<>();
                for (Tensor input : inputs) {
                    futures.add(pool.submit(() -> compiled.predict(input)));
                }
                for (int i = 0; i < inputs.size(); i++) {
                    Tensor serial = compiled.predict(inputs.get(i));
                    Tensor concurrent = futures.get(i).get();
                    assertArrayEquals(serial.shape(), concurrent.shape(), "input " + i);
                    assertArrayEquals(serial.toFlatArray(), concurrent.toFlatArray(), 0f, "input " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
