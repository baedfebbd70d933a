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

    static void checkLearningRate(float learningRate) {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be positive and finite, but was " + learningRate
                    + "; Keras uses 0.001 for Adam and RMSprop and 0.01 for SGD.");
        }
    }
}
