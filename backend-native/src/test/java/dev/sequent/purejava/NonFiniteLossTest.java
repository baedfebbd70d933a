package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code trainStep} must not touch weights or optimizer state when the loss is not finite. */
class NonFiniteLossTest {

    // One relu unit over 10 steps of 1 feature; no bias. With kernel k and recurrent kernel r,
    // h_t = relu(k x_t + r h_(t-1)).
    private static final Sequential MODEL = Sequential.of(Input.shape(10, 1),
            SimpleRNN.units(1).activation(Activation.RELU).useBias(false));
    private static final Tensor ONES = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 10, 1);
    private static final Tensor TARGET = Tensor.of(new float[] {0f}, 1, 1);

    private static Weights weights(float kernel, float recurrentKernel) {
        return TestModels.weights(MODEL, "simple_rnn/kernel", new float[] {kernel},
                "simple_rnn/recurrent_kernel", new float[] {recurrentKernel});
    }

    @Test
    void hugeWeightsLeaveWeightsUnchanged() {
        // k = r = 1e20 and x_t = 1: h_1 = 1e20, h_2 = 1e20 + 1e40 overflows float32 (max 3.4e38)
        // to +Infinity, and relu keeps it there, so the squared error is +Infinity.
        Weights huge = weights(1e20f, 1e20f);
        try (BackendModel model = TestModels.training(MODEL, huge, Optimizers.adam(), Loss.MEAN_SQUARED_ERROR)) {
            TrainStepResult result = model.trainStep(ONES, TARGET);

            assertFalse(result.applied());
            assertEquals(Double.POSITIVE_INFINITY, result.loss());
            assertEquals(Float.POSITIVE_INFINITY, result.predictions().getFlat(0));
            assertEquals(huge, model.weights());
        }
    }

    @Test
    void nonFiniteStepLeavesOptimizerStateUnchanged() {
        // k = 2, r = 0.5 and inputs of 1e38 overflow: h_1 = 2e38, h_2 = 2e38 + 0.5 * 2e38 = 3e38,
        // h_3 = 2e38 + 1.5e38 = 3.5e38, past the float32 maximum 3.4028e38, so +Infinity. Inputs
        // of 0.1 give h below 0.4 and a finite loss. A model that first trains on the
        // overflowing batch and then on a finite one must end exactly where a fresh model ends after
        // the finite batch alone: Adam's moments and step counter were not advanced.
        Tensor overflowing = Tensor.of(filled(1e38f), 1, 10, 1);
        Tensor small = Tensor.of(filled(0.1f), 1, 10, 1);

        Weights afterSkippedStep;
        try (BackendModel model = TestModels.training(MODEL, weights(2f, 0.5f), Optimizers.adam(0.01f),
                Loss.MEAN_SQUARED_ERROR)) {
            assertFalse(model.trainStep(overflowing, TARGET).applied());
            assertTrue(model.trainStep(small, TARGET).applied());
            afterSkippedStep = model.weights();
        }
        Weights afterOneStep;
        try (BackendModel model = TestModels.training(MODEL, weights(2f, 0.5f), Optimizers.adam(0.01f),
                Loss.MEAN_SQUARED_ERROR)) {
            assertTrue(model.trainStep(small, TARGET).applied());
            afterOneStep = model.weights();
        }

        assertEquals(afterOneStep, afterSkippedStep);
        assertFalse(afterOneStep.equals(weights(2f, 0.5f)), "the finite step must change the weights");
    }

    private static float[] filled(float value) {
        float[] values = new float[10];
        Arrays.fill(values, value);
        return values;
    }
}
