package dev.sequent.bench;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.Random;

/** The models and data every benchmark runs, identical on every backend. */
final class Workloads {

    /** Seed of the initial weights ({@link Sequential#initialWeights}) and of the random data. */
    static final long SEED = 42L;

    static final int MLP_FEATURES = 64;
    static final int MLP_HIDDEN = 64;
    static final int MLP_CLASSES = 10;

    static final int RNN_FEATURES = 8;
    static final int RNN_UNITS = 64;
    /** Sequence length of the SimpleRNN inference and training benchmarks. */
    static final int RNN_TIMESTEPS = 30;

    private Workloads() {
    }

    /** Returns the MLP 64-64-64-10: Dense 64 relu, Dense 64 relu, Dense 10 softmax. */
    static Sequential mlp() {
        return Sequential.named("mlp", Input.shape(MLP_FEATURES),
                Dense.units(MLP_HIDDEN).activation(Activation.RELU),
                Dense.units(MLP_HIDDEN).activation(Activation.RELU),
                Dense.units(MLP_CLASSES).activation(Activation.SOFTMAX));
    }

    /**
     * Returns the floating-point operations of one MLP forward pass: a multiply and an add per
     * kernel entry and sample, {@code 2 * batch * (64*64 + 64*64 + 64*10)}. Bias, activation and
     * softmax are left out, as is usual for a GFLOP/s figure.
     */
    static double mlpFlops(int batch) {
        return 2.0 * batch * (MLP_FEATURES * MLP_HIDDEN + MLP_HIDDEN * MLP_HIDDEN + MLP_HIDDEN * MLP_CLASSES);
    }

    /** Returns SimpleRNN(64, tanh) over sequences of 8 features of any length, then Dense 1. */
    static Sequential rnn() {
        return Sequential.named("rnn", Input.sequence(RNN_FEATURES),
                SimpleRNN.units(RNN_UNITS),
                Dense.units(1));
    }

    /** Returns Adam with Keras's defaults and sparse categorical cross-entropy, for the MLP. */
    static TrainingConfig mlpTraining() {
        return new TrainingConfig(Optimizers.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
    }

    /** Returns Adam with Keras's defaults and mean squared error, for the SimpleRNN. */
    static TrainingConfig rnnTraining() {
        return new TrainingConfig(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR);
    }

    /** Returns {@code [batch, 64]} values uniform in [0, 1), like the scaled digits pixels. */
    static Tensor mlpInput(int batch) {
        return Tensor.wrap(uniform(batch * MLP_FEATURES, 0f, 1f), batch, MLP_FEATURES);
    }

    /** Returns {@code [batch]} class indexes 0 to 9. */
    static Tensor mlpLabels(int batch) {
        Random random = new Random(SEED + 1);
        int[] classes = new int[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = random.nextInt(MLP_CLASSES);
        }
        return Tensor.labels(classes);
    }

    /** Returns {@code [batch, timesteps, 8]} values uniform in [-1, 1). */
    static Tensor rnnInput(int batch, int timesteps) {
        return Tensor.wrap(uniform(batch * timesteps * RNN_FEATURES, -1f, 1f), batch, timesteps, RNN_FEATURES);
    }

    /** Returns {@code [batch, 1]} targets uniform in [-1, 1). */
    static Tensor rnnTargets(int batch) {
        return Tensor.wrap(uniform(batch, -1f, 1f), batch, 1);
    }

    private static float[] uniform(int size, float low, float high) {
        Random random = new Random(SEED);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = low + (high - low) * random.nextFloat();
        }
        return values;
    }
}
