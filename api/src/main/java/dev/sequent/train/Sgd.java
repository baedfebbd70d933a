package dev.sequent.train;

/**
 * Stochastic gradient descent, as Keras 3 writes it.
 *
 * <pre>
 * momentum == 0:  w = w - lr * g
 * momentum  > 0:  m = momentum * m - lr * g
 *                 w = w + m                          (plain)
 *                 w = w + momentum * m - lr * g      (Nesterov)
 * </pre>
 *
 * Keras defaults: learning rate 0.01, momentum 0, Nesterov off.
 */
public record Sgd(float learningRate, float momentum, boolean nesterov) implements Optimizer {

    public Sgd {
        Optimizers.checkLearningRate(learningRate);
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), but was " + momentum + ".");
        }
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("SGD with Nesterov needs a momentum above 0, but momentum is 0;"
                    + " set withMomentum(0.9f), for example.");
        }
    }

    /** Returns a copy with the given momentum in {@code [0, 1)}. */
    public Sgd withMomentum(float momentum) {
        return new Sgd(learningRate, momentum, nesterov && momentum > 0f);
    }

    /** Returns a copy that does or does not use Nesterov momentum. */
    public Sgd withNesterov(boolean nesterov) {
        return new Sgd(learningRate, momentum, nesterov);
    }

    @Override
    public String kerasName() {
        return "sgd";
    }

    @Override
    public int slotCount() {
        return momentum > 0f ? 1 : 0;
    }

    @Override
    public void update(float[] weight, float[] gradient, float[][] slots, long step) {
        float lr = learningRate;
        if (momentum == 0f) {
            for (int i = 0; i < weight.length; i++) {
                weight[i] -= lr * gradient[i];
            }
            return;
        }

        float[] m = slots[0];
        for (int i = 0; i < weight.length; i++) {
            float g = gradient[i];
            m[i] = momentum * m[i] - lr * g;
            weight[i] += nesterov ? momentum * m[i] - lr * g : m[i];
        }
    }
}
