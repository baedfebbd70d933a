package dev.sequent.purejava;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.WeightSpec;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import dev.sequent.train.Optimizers;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Small helpers shared by the native backend's tests. */
final class TestModels {

    static final NativeBackendProvider PROVIDER = new NativeBackendProvider();

    private TestModels() {
    }

    /** Compiles for inference only. */
    static BackendModel inference(Sequential model, Weights weights) {
        return PROVIDER.compile(model, Optional.empty(), weights);
    }

    /** Compiles for training with the given optimizer and loss. */
    static BackendModel training(Sequential model, Weights weights, Optimizer optimizer, Loss loss) {
        return PROVIDER.compile(model, Optional.of(new TrainingConfig(optimizer, loss)), weights);
    }

    /** Compiles for training with plain SGD, for tests that only need {@code gradients}. */
    static BackendModel training(Sequential model, Weights weights, Loss loss) {
        return training(model, weights, Optimizers.sgd(), loss);
    }

    /** Builds weights from alternating names and flat values; shapes come from the model. */
    static Weights weights(Sequential model, Object... namesAndValues) {
        Map<String, WeightSpec> specs = model.weightSpecs();
        Weights.Builder builder = Weights.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            float[] values = (float[]) namesAndValues[i + 1];
            builder.put(name, Tensor.of(values, specs.get(name).shape()));
        }
        return builder.build();
    }

    /** Draws every weight, biases included, uniformly from {@code [-scale, scale)}. */
    static Weights randomWeights(Sequential model, long seed, float scale) {
        Random random = new Random(seed);
        Weights.Builder builder = Weights.builder();
        for (Map.Entry<String, WeightSpec> entry : model.weightSpecs().entrySet()) {
            builder.put(entry.getKey(), Tensor.wrap(uniform(random, entry.getValue().size(), scale),
                    entry.getValue().shape()));
        }
        return builder.build();
    }

    /** Returns {@code count} values drawn uniformly from {@code [-scale, scale)}. */
    static float[] uniform(Random random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (random.nextFloat() * 2f - 1f) * scale;
        }
        return values;
    }

    /** Returns a tensor of uniform values in {@code [-scale, scale)}. */
    static Tensor uniformTensor(Random random, float scale, int... shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return Tensor.wrap(uniform(random, size, scale), shape);
    }
}
