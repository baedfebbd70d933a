package dev.sequent.layers;

import java.util.Locale;

/** Element-wise activation functions, named as in Keras. */
public enum Activation {
    /** {@code f(x) = x}. */
    LINEAR("linear"),
    /** {@code f(x) = max(x, 0)}. */
    RELU("relu"),
    /** {@code f(x) = 1 / (1 + exp(-x))}. */
    SIGMOID("sigmoid"),
    /** {@code f(x) = tanh(x)}. */
    TANH("tanh"),
    /** {@code f(x)_i = exp(x_i) / sum_j exp(x_j)} over the last axis. */
    SOFTMAX("softmax");

    private final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Returns the Keras name, for example {@code "relu"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Returns the activation with the given Keras name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation fromKerasName(String name) {
        for (Activation activation : values()) {
            if (activation.kerasName.equals(name.toLowerCase(Locale.ROOT))) {
                return activation;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + name
                + "'; expected one of linear, relu, sigmoid, tanh, softmax.");
    }
}
