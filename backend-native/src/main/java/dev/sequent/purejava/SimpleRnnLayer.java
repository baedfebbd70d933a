package dev.sequent.purejava;

import dev.sequent.layers.Activation;
import java.util.Arrays;

/**
 * {@code h_t = activation(x_t · kernel + h_(t-1) · recurrentKernel + bias)} with {@code h_0 = 0},
 * as Keras's SimpleRNN.
 *
 * <p>The layer computes in time-major order with the steps in processing order (reversed when
 * it goes backwards), so the {@code [batch, units]} states of one step are contiguous. The input
 * projection {@code x · kernel} of every step is one matrix product before the recurrence, and
 * backpropagation through time is a loop from the last step to the first, so a sequence of any
 * length needs no recursion and no allocation per step.
 *
 * <p>Scratch buffers: the time-major input {@code [timesteps, batch, features]}, the states
 * {@code [timesteps, batch, units]} and, for training, their gradients of the same size.
 */
final class SimpleRnnLayer implements NativeLayer {

    private static final int INPUTS = 0;
    private static final int STATES = 1;
    private static final int STATE_GRADIENTS = 2;

    private final String name;
    private final Kernels kernels;
    private final int inputDim;
    private final int units;
    private final Activation activation;
    private final boolean returnSequences;
    private final boolean goBackwards;
    private final float[] kernel;
    private final float[] recurrentKernel;
    private final float[] bias;

    /**
     * @param kernel {@code [inputDim, units]}, owned by the model and read on every call
     * @param recurrentKernel {@code [units, units]}, owned by the model
     * @param bias {@code [units]}, or null without a bias
     */
    SimpleRnnLayer(String name, Kernels kernels, int inputDim, int units, Activation activation,
            boolean returnSequences, boolean goBackwards, float[] kernel, float[] recurrentKernel, float[] bias) {
        this.name = name;
        this.kernels = kernels;
        this.inputDim = inputDim;
        this.units = units;
        this.activation = activation;
        this.returnSequences = returnSequences;
        this.goBackwards = goBackwards;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BatchShape outputShape(BatchShape input) {
        return returnSequences
                ? BatchShape.sequence(input.batch(), input.timesteps(), units)
                : BatchShape.flat(input.batch(), units);
    }

    @Override
    public float[][] newScratch(BatchShape input, boolean training) {
        int rows = input.rows();
        float[][] scratch = new float[training ? 3 : 2][];
        scratch[INPUTS] = new float[rows * inputDim];
        scratch[STATES] = new float[rows * units];
        if (training) {
            scratch[STATE_GRADIENTS] = new float[rows * units];
        }
        return scratch;
    }

    @Override
    public void forward(float[] input, BatchShape inputShape, float[] output, float[][] scratch) {
        int batch = inputShape.batch();
        int timesteps = inputShape.timesteps();
        int stepSize = batch * units;
        float[] inputs = scratch[INPUTS];
        float[] states = scratch[STATES];

        // Input projection of every step at once: states[t] = x_t · kernel.
        SequenceLayout.toTimeMajor(input, batch, timesteps, inputDim, goBackwards, inputs);
        kernels.matmul(inputs, 0, kernel, 0, states, 0, batch * timesteps, inputDim, units, false);

        // Recurrence: states[t] = activation(states[t] + h_(t-1) · recurrentKernel + bias).
        for (int t = 0; t < timesteps; t++) {
            if (t > 0) {
                kernels.matmul(states, (t - 1) * stepSize, recurrentKernel, 0, states, t * stepSize, batch, units,
                        units, true);
            }
            kernels.biasActivation(states, t * stepSize, batch, units, bias, activation);
        }

        // Every state in processing order, or the last one.
        if (returnSequences) {
            SequenceLayout.toBatchMajor(states, batch, timesteps, units, false, output);
        } else {
            System.arraycopy(states, (timesteps - 1) * stepSize, output, 0, stepSize);
        }
    }

    @Override
    public void backward(float[] input, BatchShape inputShape, float[] output, float[] outputGradient,
            float[] inputGradient, float[][] scratch, float[][] weightGradients) {
        int batch = inputShape.batch();
        int timesteps = inputShape.timesteps();
        int stepSize = batch * units;
        int rows = batch * timesteps;
        float[] inputs = scratch[INPUTS];
        float[] states = scratch[STATES];
        float[] gradients = scratch[STATE_GRADIENTS];

        // Gradient reaching each state from the layer's output, time-major in processing order.
        if (returnSequences) {
            SequenceLayout.toTimeMajor(outputGradient, batch, timesteps, units, false, gradients);
        } else {
            Arrays.fill(gradients, 0, (timesteps - 1) * stepSize, 0f);
            System.arraycopy(outputGradient, 0, gradients, (timesteps - 1) * stepSize, stepSize);
        }

        // Backpropagation through time, last step first: dz_t = dh_t * activation'(z_t), then
        // dh_(t-1) += dz_t · recurrentKernelᵀ. Afterwards gradients[t] contains dz_t.
        for (int t = timesteps - 1; t >= 0; t--) {
            kernels.activationBackward(states, t * stepSize, gradients, t * stepSize, batch, units, activation);
            if (t > 0) {
                kernels.matmulTransposedB(gradients, t * stepSize, recurrentKernel, 0, gradients, (t - 1) * stepSize,
                        batch, units, units, true);
            }
        }

        // dkernel = sum_t x_tᵀ · dz_t, drecurrentKernel = sum_(t>0) h_(t-1)ᵀ · dz_t, dbias = sum dz.
        kernels.matmulTransposedA(inputs, 0, gradients, 0, weightGradients[0], 0, rows, inputDim, units, false);
        kernels.matmulTransposedA(states, 0, gradients, stepSize, weightGradients[1], 0, rows - batch, units, units,
                false);
        if (bias != null) {
            kernels.columnSums(gradients, 0, rows, units, weightGradients[2], false);
        }

        // dx_t = dz_t · kernelᵀ, computed time-major into the input buffer (no longer needed),
        // then put back in the caller's step order.
        if (inputGradient != null) {
            kernels.matmulTransposedB(gradients, 0, kernel, 0, inputs, 0, rows, inputDim, units, false);
            SequenceLayout.toBatchMajor(inputs, batch, timesteps, inputDim, goBackwards, inputGradient);
        }
    }
}
