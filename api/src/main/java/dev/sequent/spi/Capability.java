package dev.sequent.spi;

/** What a backend can do. */
public enum Capability {
    /** Forward passes: {@code predict} and {@code evaluate}. */
    INFERENCE,
    /** Gradients and optimizer steps: {@code fit}. */
    TRAINING
}
