package dev.sequent.train;

/**
 * RMSprop, as Keras 3 writes it:
 *
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * a = rho * a + (1 - rho) * g                 (centered only)
 * denominator = v + epsilon                   (plain)
 * denominator = v - a^2 + epsilon             (centered)
 * increment = lr * g / sqrt(denominator)
 * w = w - increment                           (momentum == 0)
 * p = momentum * p + increment; w = w - p     (momentum  > 0)
 * </pre>
 *
 * Keras defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered.
 * Slot 0 is {@code v}; then {@code p} if momentum is used; then {@code a} if centered.
 */
public record RmsProp(float learningRate, float rho, float momentum, float epsilon, boolean centered)
        implements Optimizer {

    public RmsProp {
        Optimizers.checkLearningRate(learningRate);
        if (!(rho >= 0f && rho < 1f)) {
            throw new IllegalArgumentException("RMSprop rho must be in [0, 1), but was " + rho + ".");
        }
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("RMSprop momentum must be in [0, 1), but was " + momentum + ".");
        }
        if (!(epsilon > 0f) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("RMSprop epsilon must be positive and finite, but was " + epsilon + ".");
        }
    }

    public RmsProp withMomentum(float momentum) {
        return new RmsProp(learningRate, rho, momentum, epsilon, centered);
    }

    public RmsProp withCentered(boolean centered) {
        return new RmsProp(learningRate, rho, momentum, epsilon, centered);
    }

    @Override
    public String kerasName() {
        return "rmsprop";
    }

    @Override
    public int slotCount() {
        return 1 + (momentum > 0f ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    public void update(float[] weight, float[] gradient, float[][] slots, long step) {
        float[] velocity = slots[0];
        float[] momentumSlot = momentum > 0f ? slots[1] : null;
        float[] average = centered ? slots[slots.length - 1] : null;
        float oneMinusRho = Optimizers.complement(rho);
        for (int i = 0; i < weight.length; i++) {
            float g = gradient[i];
            velocity[i] = rho * velocity[i] + oneMinusRho * g * g;
            float denominator = velocity[i] + epsilon;
            if (average != null) {
                average[i] = rho * average[i] + oneMinusRho * g;
                denominator = velocity[i] - average[i] * average[i] + epsilon;
            }
            float increment = learningRate * g / (float) Math.sqrt(denominator);
            if (momentumSlot != null) {
                momentumSlot[i] = momentum * momentumSlot[i] + increment;
                weight[i] -= momentumSlot[i];
            } else {
                weight[i] -= increment;
            }
        }
    }
}
