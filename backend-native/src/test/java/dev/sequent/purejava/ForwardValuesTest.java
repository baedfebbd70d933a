package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import org.junit.jupiter.api.Test;

/** Forward passes of tiny models against values worked out by hand in the comments. */
class ForwardValuesTest {

    private static final float TOLERANCE = 1e-6f;

    // Dense with 2 inputs and 2 units: kernel [[1, -1], [2, 0.5]] (row i belongs to input i),
    // bias [0.5, -1].
    //   sample [1, 2]:  z0 = 1*1 + 2*2 + 0.5 = 5.5,   z1 = 1*(-1) + 2*0.5 - 1 = -1
    //   sample [-1, 0]: z0 = -1*1 + 0*2 + 0.5 = -0.5, z1 = -1*(-1) + 0*0.5 - 1 = 0
    private static final float[] DENSE_KERNEL = {1f, -1f, 2f, 0.5f};
    private static final float[] DENSE_BIAS = {0.5f, -1f};
    private static final Tensor DENSE_INPUT = Tensor.of(new float[][] {{1f, 2f}, {-1f, 0f}});

    private static float[] dense(Activation activation, Tensor input) {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(2).activation(activation));
        try (BackendModel compiled = TestModels.inference(model,
                TestModels.weights(model, "dense/kernel", DENSE_KERNEL, "dense/bias", DENSE_BIAS))) {
            return compiled.predict(input).toFlatArray();
        }
    }

    @Test
    void denseLinear() {
        assertArrayEquals(new float[] {5.5f, -1f, -0.5f, 0f}, dense(Activation.LINEAR, DENSE_INPUT), TOLERANCE);
    }

    @Test
    void denseRelu() {
        // max(z, 0): the negative pre-activations -1 and -0.5 become 0.
        assertArrayEquals(new float[] {5.5f, 0f, 0f, 0f}, dense(Activation.RELU, DENSE_INPUT), TOLERANCE);
    }

    @Test
    void denseSigmoid() {
        // 1 / (1 + e^-5.5) = 1 / 1.0040868 = 0.99592986; 1 / (1 + e^1) = 1 / 3.7182818 = 0.26894142;
        // 1 / (1 + e^0.5) = 1 / 2.6487213 = 0.37754067; 1 / (1 + e^0) = 0.5.
        assertArrayEquals(new float[] {0.99592986f, 0.26894142f, 0.37754067f, 0.5f},
                dense(Activation.SIGMOID, DENSE_INPUT), TOLERANCE);
    }

    @Test
    void denseTanh() {
        // tanh(5.5) = 0.99996660, tanh(-1) = -0.76159416, tanh(-0.5) = -0.46211716, tanh(0) = 0.
        assertArrayEquals(new float[] {0.9999666f, -0.76159416f, -0.46211716f, 0f},
                dense(Activation.TANH, DENSE_INPUT), TOLERANCE);
    }

    @Test
    void denseSoftmax() {
        // Row 1: e^-6.5 = 0.0015034392 relative to e^5.5, so [1, 0.0015034392] / 1.0015034392
        //   = [0.99849882, 0.00150118].
        // Row 2: z = [-0.5, 0]: [e^-0.5, 1] / (1 + e^-0.5) = [0.60653066, 1] / 1.60653066
        //   = [0.37754067, 0.62245933].
        assertArrayEquals(new float[] {0.99849882f, 0.00150118f, 0.37754067f, 0.62245933f},
                dense(Activation.SOFTMAX, DENSE_INPUT), TOLERANCE);
    }

    @Test
    void denseSoftmaxLargeLogits() {
        // Input [500, 0] gives z = [500*1 + 0*2 + 0.5, 500*(-1) + 0*0.5 - 1] = [500.5, -501], and
        // input [1000, 500.25] gives z = [1000 + 1000.5 + 0.5, -1000 + 250.125 - 1] = [2001, -750.875].
        // e^500.5 overflows float32 and e^2001 overflows double, so a naive softmax returns NaN.
        // Shifted by the row maximum: [e^0, e^-1001.5] / (1 + 0) = [1, 0], and [1, 0] again.
        Tensor input = Tensor.of(new float[][] {{500f, 0f}, {1000f, 500.25f}});
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, dense(Activation.SOFTMAX, input), TOLERANCE);
    }

    @Test
    void denseSoftmaxCloseLargeLogits() {
        // Kernel [[1, 1.001]], no bias, input [1000]: logits 1000 and 1000 * 1.001f. In float32,
        // 1.001f is 1.00100005 and the product 1001.00005 rounds to 1001.00006104 (the spacing
        // near 1001 is 2^-14 = 6.1e-5), so the gap is g = 1.00006104 and the softmax is
        // [1, e^g] / (1 + e^g) = [1, 2.71844774] / 3.71844774 = [0.26892942, 0.73107058].
        Sequential model = Sequential.of(Input.shape(1), Dense.units(2).activation(Activation.SOFTMAX).useBias(false));
        try (BackendModel compiled = TestModels.inference(model,
                TestModels.weights(model, "dense/kernel", new float[] {1f, 1.001f}))) {
            float[] actual = compiled.predict(Tensor.of(new float[][] {{1000f}})).toFlatArray();
            assertArrayEquals(new float[] {0.26892942f, 0.73107058f}, actual, TOLERANCE);
        }
    }

    @Test
    void denseAppliedAtEveryTimeStep() {
        // The two rows of DENSE_INPUT as two time steps of one sample give the same rows.
        Sequential model = Sequential.of(Input.shape(2, 2), Dense.units(2));
        try (BackendModel compiled = TestModels.inference(model,
                TestModels.weights(model, "dense/kernel", DENSE_KERNEL, "dense/bias", DENSE_BIAS))) {
            Tensor output = compiled.predict(Tensor.of(new float[][][] {{{1f, 2f}, {-1f, 0f}}}));
            assertArrayEquals(new int[] {1, 2, 2}, output.shape());
            assertArrayEquals(new float[] {5.5f, -1f, -0.5f, 0f}, output.toFlatArray(), TOLERANCE);
        }
    }

    // SimpleRNN with 1 feature and 2 linear units: kernel [[1, 2]], recurrent kernel
    // [[0.5, 0], [1, -1]], bias [0, 1]; one sample with steps x_1 = 1, x_2 = 2.
    //   h_1 = x_1 · kernel + h_0 · R + bias = [1, 2] + [0, 0] + [0, 1] = [1, 3]
    //   h_2 = [2, 4] + [1*0.5 + 3*1, 1*0 + 3*(-1)] + [0, 1] = [2, 4] + [3.5, -3] + [0, 1] = [5.5, 2]
    // Going backwards the steps are read as 2, 1:
    //   h_1 = [2, 4] + [0, 1] = [2, 5]
    //   h_2 = [1, 2] + [2*0.5 + 5*1, 2*0 + 5*(-1)] + [0, 1] = [1, 2] + [6, -5] + [0, 1] = [7, -2]
    private static final Tensor RNN_INPUT = Tensor.of(new float[][][] {{{1f}, {2f}}});

    private static Tensor rnn(boolean returnSequences, boolean goBackwards) {
        Sequential model = Sequential.of(Input.shape(2, 1), SimpleRNN.units(2).activation(Activation.LINEAR)
                .returnSequences(returnSequences).goBackwards(goBackwards));
        try (BackendModel compiled = TestModels.inference(model, TestModels.weights(model,
                "simple_rnn/kernel", new float[] {1f, 2f},
                "simple_rnn/recurrent_kernel", new float[] {0.5f, 0f, 1f, -1f},
                "simple_rnn/bias", new float[] {0f, 1f}))) {
            return compiled.predict(RNN_INPUT);
        }
    }

    @Test
    void rnnLastState() {
        Tensor output = rnn(false, false);
        assertArrayEquals(new int[] {1, 2}, output.shape());
        assertArrayEquals(new float[] {5.5f, 2f}, output.toFlatArray(), TOLERANCE);
    }

    @Test
    void rnnSequence() {
        Tensor output = rnn(true, false);
        assertArrayEquals(new int[] {1, 2, 2}, output.shape());
        assertArrayEquals(new float[] {1f, 3f, 5.5f, 2f}, output.toFlatArray(), TOLERANCE);
    }

    @Test
    void rnnBackwardsSequenceInProcessingOrder() {
        assertArrayEquals(new float[] {2f, 5f, 7f, -2f}, rnn(true, true).toFlatArray(), TOLERANCE);
    }

    @Test
    void rnnBackwardsLastState() {
        assertArrayEquals(new float[] {7f, -2f}, rnn(false, true).toFlatArray(), TOLERANCE);
    }

    @Test
    void rnnTanh() {
        // One unit, kernel 0.5, recurrent kernel 2, no bias, steps 1 and -1:
        //   h_1 = tanh(0.5) = 0.46211716
        //   h_2 = tanh(-1 * 0.5 + 2 * 0.46211716) = tanh(0.42423431) = 0.40049161
        Sequential model = Sequential.of(Input.shape(2, 1), SimpleRNN.units(1).useBias(false).returnSequences(true));
        try (BackendModel compiled = TestModels.inference(model, TestModels.weights(model,
                "simple_rnn/kernel", new float[] {0.5f}, "simple_rnn/recurrent_kernel", new float[] {2f}))) {
            Tensor output = compiled.predict(Tensor.of(new float[][][] {{{1f}, {-1f}}}));
            assertArrayEquals(new float[] {0.46211716f, 0.40049161f}, output.toFlatArray(), TOLERANCE);
        }
    }

    @Test
    void rnnBatchEqualsSamplesAlone() {
        // Two samples in one batch must give what each gives alone: the second is the first
        // reversed in time, so its last state is the going-backwards result [7, -2].
        Sequential model = Sequential.of(Input.shape(2, 1), SimpleRNN.units(2).activation(Activation.LINEAR));
        try (BackendModel compiled = TestModels.inference(model, TestModels.weights(model,
                "simple_rnn/kernel", new float[] {1f, 2f},
                "simple_rnn/recurrent_kernel", new float[] {0.5f, 0f, 1f, -1f},
                "simple_rnn/bias", new float[] {0f, 1f}))) {
            Tensor output = compiled.predict(Tensor.of(new float[][][] {{{1f}, {2f}}, {{2f}, {1f}}}));
            assertArrayEquals(new float[] {5.5f, 2f, 7f, -2f}, output.toFlatArray(), TOLERANCE);
        }
    }

    @Test
    void rnnVariableTimesteps() {
        // Input.sequence accepts any length; the 2-step batch gives h_2 = [5.5, 2] as above and a
        // 1-step batch [[1]] gives h_1 = [1, 3].
        Sequential model = Sequential.of(Input.sequence(1), SimpleRNN.units(2).activation(Activation.LINEAR));
        try (BackendModel compiled = TestModels.inference(model, TestModels.weights(model,
                "simple_rnn/kernel", new float[] {1f, 2f},
                "simple_rnn/recurrent_kernel", new float[] {0.5f, 0f, 1f, -1f},
                "simple_rnn/bias", new float[] {0f, 1f}))) {
            assertArrayEquals(new float[] {5.5f, 2f}, compiled.predict(RNN_INPUT).toFlatArray(), TOLERANCE);
            assertArrayEquals(new float[] {1f, 3f},
                    compiled.predict(Tensor.of(new float[][][] {{{1f}}})).toFlatArray(), TOLERANCE);
        }
    }
}
