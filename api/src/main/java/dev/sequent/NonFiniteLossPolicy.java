package dev.sequent;

/** The reaction of {@code fit} to a NaN or infinite batch loss. In both cases the update is not applied. */
public enum NonFiniteLossPolicy {
    /** Throw {@link NonFiniteLossException} naming the epoch and batch (the default). */
    THROW,
    /** End training and return the history so far, with the reason in {@link History#stopReason()}. */
    STOP_TRAINING
}
