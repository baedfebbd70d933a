package dev.sequent.spi;

/** An operation a backend supports. */
public enum Capability {
    /** Forward passes: {@code predict} and {@code evaluate}. */
    INFERENCE,
    /** Gradients and optimizer steps: {@code fit}. */
    TRAINING
}
