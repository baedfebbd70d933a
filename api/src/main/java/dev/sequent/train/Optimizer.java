package dev.sequent.train;

/**
 * An optimizer's settings and its update rule, written once here so every backend applies
 * the same Keras 3 formula. A backend may run the rule through {@link #update} or rebuild it
 * from its own operations, but must give the same numbers.
 *
 * <p>Each weight has {@link #slotCount()} state arrays of its own size (momentum, moments,
 * velocity), all starting at zero.
 */
public sealed interface Optimizer permits Sgd, Adam, RmsProp {

    /** Returns the learning rate. */
    float learningRate();

    /** Returns the Keras name, for example {@code "adam"}. */
    String kerasName();

    /** Returns the number of state arrays each weight needs. */
    int slotCount();

    /**
     * Applies one update to {@code weight} in place.
     *
     * @param weight the weight's values, updated in place
     * @param gradient the gradient of the loss with respect to the weight, same length
     * @param slots {@link #slotCount()} state arrays of the same length, updated in place
     * @param step the 1-based number of this update (Keras's {@code iterations + 1})
     */
    void update(float[] weight, float[] gradient, float[][] slots, long step);
}
