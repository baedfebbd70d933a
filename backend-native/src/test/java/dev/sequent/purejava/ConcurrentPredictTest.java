package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code predict} from many threads at once on one model must equal serial results bit for bit. */
class ConcurrentPredictTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    @Test
    void eightThreadsMatchSerial() throws Exception {
        Sequential model = Sequential.of(Input.sequence(3),
                SimpleRNN.units(16).returnSequences(true),
                SimpleRNN.units(8).activation(Activation.RELU),
                Dense.units(4).activation(Activation.SOFTMAX));
        Random random = new Random(11);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Batch sizes and lengths differ, so threads would clash on any shared buffer.
            inputs.add(TestModels.uniformTensor(random, 1f, 1 + i % 5, 2 + i % 7, 3));
        }

        try (BackendModel compiled = TestModels.inference(model, TestModels.randomWeights(model, 5, 0.5f))) {
            List<Tensor> serial = new ArrayList<>();
            for (Tensor input : inputs) {
                serial.add(compiled.predict(input));
            }

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Tensor>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t;
                    Callable<List<Tensor>> task = () -> {
                        start.await();
                        List<Tensor> results = new ArrayList<>();
                        for (int round = 0; round < ROUNDS; round++) {
                            results.add(compiled.predict(inputs.get((offset + round) % inputs.size())));
                        }
                        return results;
                    };
                    futures.add(pool.submit(task));
                }
                start.countDown();

                for (int t = 0; t < THREADS; t++) {
                    List<Tensor> results = futures.get(t).get(60, TimeUnit.SECONDS);
                    for (int round = 0; round < ROUNDS; round++) {
                        int index = (t + round) % inputs.size();
                        assertEquals(serial.get(index), results.get(round), "thread " + t + ", input " + index);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
