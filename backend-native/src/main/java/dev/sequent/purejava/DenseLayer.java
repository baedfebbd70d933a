package dev.sequent.purejava;

import dev.sequent.layers.Activation;

/**
 * {@code output = activation(input · kernel + bias)}, row by row, so a sequence input
 * {@code [batch, timesteps, features]} is transformed at every time step.
 */
final class DenseLayer implements NativeLayer {

    private static final float[][] NO_SCRATCH = new float[0][];

    private final String name;
    private final Kernels kernels;
    private final int inputDim;
    private final int units;
    private final Activation activation;
    private final float[] kernel;
    private final float[] bias;

    /**
     * @param kernel {@code [inputDim, units]}, owned by the model and read on every call
     * @param bias {@code [units]}, or null without a bias
     */
    DenseLayer(String name, Kernels kernels, int inputDim, int units, Activation activation, float[] kernel,
            float[] bias) {
        this.name = name;
        this.kernels = kernels;
        this.inputDim = inputDim;
        this.units = units;
        this.activation = activation;
        this.kernel = kernel;
        this.bias = bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BatchShape outputShape(BatchShape input) {
        return input.withFeatures(units);
    }

    @Override
    public float[][] newScratch(BatchShape input, boolean training) {
        return NO_SCRATCH;
    }

    @Override
    public void forward(float[] input, BatchShape inputShape, float[] output, float[][] scratch) {
        int rows = inputShape.rows();
        kernels.matmul(input, 0, kernel, 0, output, 0, rows, inputDim, units, false);
        kernels.biasActivation(output, 0, rows, units, bias, activation);
    }

    @Override
    public void backward(float[] input, BatchShape inputShape, float[] output, float[] outputGradient,
            float[] inputGradient, float[][] scratch, float[][] weightGradients) {
        int rows = inputShape.rows();

        // dz = dy * activation'(z), written over dy.
        kernels.activationBackward(output, 0, outputGradient, 0, rows, units, activation);

        // dkernel = inputᵀ · dz and dbias = column sums of dz.
        kernels.matmulTransposedA(input, 0, outputGradient, 0, weightGradients[0], 0, rows, inputDim, units, false);
        if (bias != null) {
            kernels.columnSums(outputGradient, 0, rows, units, weightGradients[1], false);
        }

        // dinput = dz · kernelᵀ.
        if (inputGradient != null) {
            kernels.matmulTransposedB(outputGradient, 0, kernel, 0, inputGradient, 0, rows, inputDim, units, false);
        }
    }
}
