package dev.sequent.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TensorFlowResourceTest {

    private static final TensorFlowBackendProvider PROVIDER = new TensorFlowBackendProvider();

    @Test
    void residentMemoryStaysBoundedOverTrainingSteps() throws IOException {
        Sequential model = Sequential.of(Input.shape(32), Dense.units(64).activation(Activation.RELU),
                Dense.units(10).activation(Activation.SOFTMAX));
        Tensor x = TensorFlowModelTest.randomTensor(1, 1f, 32, 32);
        Tensor y = TensorFlowModelTest.randomTensor(2, 0f, 32);
        try (BackendModel compiled = TensorFlowModelTest.compile(model, new Adam(0.001f, 0.9f, 0.999f, 1e-7f),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY, model.initialWeights(3))) {
            // Warm up first: TensorFlow allocates its kernels, thread pools and arenas on the
            // first runs, which is a fixed cost, not a leak. The module's surefire settings fix
            // and pre-touch the Java heap (-Xms128m -Xmx128m -XX:+AlwaysPreTouch). Without that,
            // the heap's pages become resident one by one, and the RSS grows by about 30 MB per
            // 1,000 steps until the whole heap is touched. That growth would hide a native leak.
            for (int step = 0; step < 300; step++) {
                compiled.trainStep(x, y);
                compiled.predict(x);
            }
            long before = residentKilobytes();

            for (int step = 0; step < 10_000; step++) {
                compiled.trainStep(x, y);
                compiled.predict(x);
            }
            long growth = residentKilobytes() - before;

            // One step and one predict create about ten native tensors (the batch twice, the
            // labels, the loss, the predictions twice, two Adam scalars) with about 11 KB of
            // data, so leaking them all costs about 110 MB over 10,000 iterations. On a 2-core
            // machine, a build of this backend that closed none of them grew by 19 to 25 MB over
            // 2,000 iterations. The correct build changed by -2.7 to +5.2 MB over 10,000 in three
            // runs, so the 30 MB limit lies well between the two.
            System.out.println("TensorFlow resident memory growth over 10,000 steps: " + growth + " kB");
            assertTrue(growth < 30 * 1024, "resident memory grew by " + growth + " kB over 10,000 steps");
        }
    }

    @Test
    void closeIsIdempotent() {
        Sequential model = Sequential.of(Input.shape(3, 2), SimpleRNN.units(2));
        BackendModel compiled = PROVIDER.compile(model, Optional.empty(), model.initialWeights(1));
        compiled.close();
        compiled.close();
    }

    @Test
    void useAfterCloseThrows() {
        Sequential model = Sequential.of(Input.shape(4), Dense.units(2));
        BackendModel compiled = TensorFlowModelTest.compile(model, new Adam(0.001f, 0.9f, 0.999f, 1e-7f),
                Loss.MEAN_SQUARED_ERROR, model.initialWeights(1));
        compiled.close();
        Tensor x = Tensor.zeros(1, 4);
        Tensor y = Tensor.zeros(1, 2);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> compiled.predict(x));
        assertEquals("The TensorFlow model '" + model.name() + "' is closed; compile the model again to use it.",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> compiled.trainStep(x, y));
        assertThrows(IllegalStateException.class, () -> compiled.gradients(x, y));
        assertThrows(IllegalStateException.class, compiled::weights);
        assertThrows(IllegalStateException.class, () -> compiled.setWeights(model.initialWeights(2)));
    }

    private static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
