package dev.sequent.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Trains the same model from the same initial weights on the same batches through the SPI on
 * the pure-Java {@code native} backend and on {@code tensorflow}, and compares every batch's
 * loss and the final weights.
 *
 * <p>Tolerance: {@code |tensorflow - native| <= 1e-4 * max(1, |native|)}, so relative 1e-4 for
 * values above 1 in magnitude and absolute 1e-4 below. Both backends compute in float32 but sum
 * in different orders (and ApplyMomentum and ApplyRMSProp round differently from the Keras
 * formulas as written), so they agree to rounding, which then grows slowly over the steps. The
 * largest scaled difference measured over these seven cases was 1.8e-7.
 */
class CrossBackendTest {

    private static final int BATCHES = 40;
    private static final int BATCH_SIZE = 16;
    private static final double TOLERANCE = 1e-4;

    @Test
    void mlpWithSgdMomentumAgrees() {
        assertBackendsAgree(mlp(), new Sgd(0.05f, 0.9f, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void mlpWithNesterovAgrees() {
        assertBackendsAgree(mlp(), new Sgd(0.05f, 0.9f, true), Loss.CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void mlpWithAdamAgrees() {
        assertBackendsAgree(mlp(), new Adam(0.01f, 0.9f, 0.999f, 1e-7f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void mlpWithRmsPropAgrees() {
        assertBackendsAgree(mlp(), new RmsProp(0.001f, 0.9f, 0f, 1e-7f, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void mlpWithCenteredRmsPropAndMomentumAgrees() {
        assertBackendsAgree(mlp(), new RmsProp(0.001f, 0.9f, 0.5f, 1e-7f, true), Loss.MEAN_SQUARED_ERROR);
    }

    @Test
    void simpleRnnWithAdamAgrees() {
        Sequential model = Sequential.of(Input.shape(6, 3), SimpleRNN.units(8).returnSequences(true),
                SimpleRNN.units(6).goBackwards(true), Dense.units(4).activation(Activation.SOFTMAX));
        assertBackendsAgree(model, new Adam(0.01f, 0.9f, 0.999f, 1e-7f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
    }

    @Test
    void sequenceOutputWithSgdAgrees() {
        Sequential model = Sequential.of(Input.shape(5, 2), SimpleRNN.units(6).returnSequences(true),
                Dense.units(4).activation(Activation.SIGMOID));
        assertBackendsAgree(model, new Sgd(0.1f, 0.9f, false), Loss.BINARY_CROSSENTROPY);
    }

    private static Sequential mlp() {
        return Sequential.of(Input.shape(8), Dense.units(16).activation(Activation.RELU),
                Dense.units(16).activation(Activation.TANH), Dense.units(4).activation(Activation.SOFTMAX));
    }

    private static void assertBackendsAgree(Sequential model, Optimizer optimizer, Loss loss) {
        Weights initial = model.initialWeights(42);
        TrainingConfig config = new TrainingConfig(optimizer, loss);
        try (BackendModel reference = provider("native").compile(model, Optional.of(config), initial);
                BackendModel tensorflow = provider("tensorflow").compile(model, Optional.of(config), initial)) {
            Random random = new Random(7);
            for (int batch = 0; batch < BATCHES; batch++) {
                Tensor x = inputs(model, random);
                Tensor y = labels(model, loss, random);

                TrainStepResult expected = reference.trainStep(x, y);
                TrainStepResult actual = tensorflow.trainStep(x, y);

                assertTrue(actual.applied(), "batch " + batch);
                assertClose(expected.loss(), actual.loss(), "loss of batch " + batch);
            }
            Weights expected = reference.weights();
            Weights actual = tensorflow.weights();
            for (String name : expected.names()) {
                float[] want = expected.get(name).toFlatArray();
                float[] got = actual.get(name).toFlatArray();
                for (int i = 0; i < want.length; i++) {
                    assertClose(want[i], got[i], "final " + name + "[" + i + "]");
                }
            }
        }
    }

    private static void assertClose(double expected, double actual, String description) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), description);
    }

    private static Tensor inputs(Sequential model, Random random) {
        int[] dims = model.inputShape().dims();
        int[] shape = new int[dims.length + 1];
        shape[0] = BATCH_SIZE;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        Tensor zeros = Tensor.zeros(shape);
        float[] values = new float[zeros.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Tensor.wrap(values, shape);
    }

    private static Tensor labels(Sequential model, Loss loss, Random random) {
        int[] outputDims = model.outputShape().dims();
        int width = outputDims[outputDims.length - 1];
        int positions = BATCH_SIZE;
        for (int axis = 0; axis < outputDims.length - 1; axis++) {
            positions *= outputDims[axis];
        }
        int[] shape = new int[outputDims.length + (loss.sparseLabels() ? 0 : 1)];
        shape[0] = BATCH_SIZE;
        System.arraycopy(outputDims, 0, shape, 1, shape.length - 1);
        float[] values = new float[positions * loss.labelWidth(width)];
        for (int p = 0; p < positions; p++) {
            int target = random.nextInt(width);
            switch (loss) {
                case SPARSE_CATEGORICAL_CROSSENTROPY -> values[p] = target;
                case CATEGORICAL_CROSSENTROPY -> values[p * width + target] = 1f;
                default -> {
                    for (int c = 0; c < width; c++) {
                        values[p * width + c] = random.nextFloat();
                    }
                }
            }
        }
        return Tensor.wrap(values, shape);
    }

    private static BackendProvider provider(String id) {
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.id().equals(id)) {
                return provider;
            }
        }
        throw new IllegalStateException("No backend provider with id '" + id + "' on the test class path.");
    }
}
