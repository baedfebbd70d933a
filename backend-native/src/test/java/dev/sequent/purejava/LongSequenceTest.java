package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backpropagation through time is a loop, so 10,000 steps cannot overflow the stack. */
class LongSequenceTest {

    private static final int STEPS = 10_000;

    @Test
    void tenThousandStepsForwardAndBackward() {
        Sequential model = Sequential.of(Input.shape(STEPS, 2), SimpleRNN.units(4).returnSequences(true));
        Random random = new Random(3);
        Tensor x = TestModels.uniformTensor(random, 1f, 2, STEPS, 2);
        Tensor y = TestModels.uniformTensor(random, 0.5f, 2, STEPS, 4);

        try (BackendModel compiled = TestModels.training(model, TestModels.randomWeights(model, 9, 0.4f),
                Optimizers.sgd(0.01f), Loss.MEAN_SQUARED_ERROR)) {
            assertArrayEquals(new int[] {2, STEPS, 4}, compiled.predict(x).shape());

            Weights gradients = compiled.gradients(x, y);
            for (String name : gradients.names()) {
                for (float value : gradients.get(name).toFlatArray()) {
                    assertTrue(Float.isFinite(value), name + " has a non-finite gradient " + value);
                }
            }
            assertTrue(compiled.trainStep(x, y).applied());
        }
    }

    @Test
    void tenThousandStepsLinearGradient() {
        // One linear unit, kernel 1, recurrent kernel 0, no bias: h_t = x_t, so the last state is
        // x_10000 and the loss (h - 0)² has d/dkernel = 2 * h * x_10000 = 2 * 0.5 * 0.5 = 0.5 when
        // every input is 0.5. d/drecurrentKernel = 2 * h * h_9999 = 0.5 as well.
        Sequential model = Sequential.of(Input.shape(STEPS, 1),
                SimpleRNN.units(1).activation(Activation.LINEAR).useBias(false));
        float[] inputs = new float[STEPS];
        java.util.Arrays.fill(inputs, 0.5f);
        try (BackendModel compiled = TestModels.training(model, TestModels.weights(model,
                "simple_rnn/kernel", new float[] {1f}, "simple_rnn/recurrent_kernel", new float[] {0f}),
                Loss.MEAN_SQUARED_ERROR)) {
            Weights gradients = compiled.gradients(Tensor.wrap(inputs, 1, STEPS, 1), Tensor.of(new float[] {0f}, 1, 1));
            assertEquals(0.5f, gradients.get("simple_rnn/kernel").getFlat(0), 1e-6f);
            assertEquals(0.5f, gradients.get("simple_rnn/recurrent_kernel").getFlat(0), 1e-6f);
        }
    }
}
