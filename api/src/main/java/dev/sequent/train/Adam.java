package dev.sequent.train;

/**
 * Adam, as Keras 3 writes it (Kingma and Ba, 2014), for update number {@code t}:
 *
 * <pre>
 * alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * m = m + (g - m) * (1 - beta1)
 * v = v + (g^2 - v) * (1 - beta2)
 * w = w - alpha * m / (sqrt(v) + epsilon)
 * </pre>
 *
 * Keras defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. Slot 0 is
 * {@code m}, slot 1 is {@code v}.
 */
public record Adam(float learningRate, float beta1, float beta2, float epsilon) implements Optimizer {

    public Adam {
        Optimizers.checkLearningRate(learningRate);
        checkBeta("beta1", beta1);
        checkBeta("beta2", beta2);
        if (!(epsilon > 0f) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be positive and finite, but was " + epsilon + ".");
        }
    }

    private static void checkBeta(String name, float beta) {
        if (!(beta >= 0f && beta < 1f)) {
            throw new IllegalArgumentException("Adam " + name + " must be in [0, 1), but was " + beta + ".");
        }
    }

    @Override
    public String kerasName() {
        return "adam";
    }

    @Override
    public int slotCount() {
        return 2;
    }

    /** Returns the step size {@code alpha} for update number {@code step}, in float32 as Keras computes it. */
    public float alpha(long step) {
        float beta1Power = (float) Math.pow(beta1, step);
        float beta2Power = (float) Math.pow(beta2, step);
        return learningRate * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
    }

    @Override
    public void update(float[] weight, float[] gradient, float[][] slots, long step) {
        float alpha = alpha(step);
        float[] m = slots[0];
        float[] v = slots[1];
        float oneMinusBeta1 = Optimizers.complement(beta1);
        float oneMinusBeta2 = Optimizers.complement(beta2);
        for (int i = 0; i < weight.length; i++) {
            float g = gradient[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            v[i] += (g * g - v[i]) * oneMinusBeta2;
            weight[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
        }
    }
}
