package dev.sequent.train;

/** Factories for the optimizers, with Keras's defaults. */
public final class Optimizers {

    private Optimizers() {
    }

    /** SGD with learning rate 0.01, no momentum. */
    public static Sgd sgd() {
        return new Sgd(0.01f, 0f, false);
    }

    /** SGD with the given learning rate, no momentum. */
    public static Sgd sgd(float learningRate) {
        return new Sgd(learningRate, 0f, false);
    }

    /** Adam with learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. */
    public static Adam adam() {
        return adam(0.001f);
    }

    public static Adam adam(float learningRate) {
        return new Adam(learningRate, 0.9f, 0.999f, 1e-7f);
    }

    /** RMSprop with learning rate 0.001, rho 0.9, no momentum, epsilon 1e-7, not centered. */
    public static RmsProp rmsprop() {
        return rmsprop(0.001f);
    }

    public static RmsProp rmsprop(float learningRate) {
        return new RmsProp(learningRate, 0.9f, 0f, 1e-7f, false);
    }

    /**
     * Returns {@code 1 - decay} as Keras forms it: in double precision from the decimal setting
     * (0.999, not the float nearest to it), then rounded to float32. {@code 1f - 0.999f} would be
     * 9.999871e-4 instead of 0.001, which shifts Adam's second moment by 1.3e-5 relative.
     */
    static float complement(float decay) {
        return (float) (1.0 - Double.parseDouble(Float.toString(decay)));
    }

    static void checkLearningRate(float learningRate) {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be positive and finite, but was " + learningRate
                    + "; Keras uses 0.001 for Adam and RMSprop and 0.01 for SGD.");
        }
    }
}
