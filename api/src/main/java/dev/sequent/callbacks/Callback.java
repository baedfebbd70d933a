package dev.sequent.callbacks;

import java.util.Map;

/**
 * Hooks into {@code fit}. Every method has an empty default, so a callback overrides only what
 * it needs. Logs map metric names ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to
 * their values so far.
 */
public interface Callback {

    /** Called once before the first epoch. */
    default void onTrainBegin(FitContext context) {
    }

    /** Called before each epoch; {@code epoch} is 1-based. */
    default void onEpochBegin(FitContext context, int epoch) {
    }

    /**
     * Called after each training batch with the running means of the epoch so far.
     *
     * @param batch the 1-based batch number within the epoch
     */
    default void onBatchEnd(FitContext context, int epoch, int batch, Map<String, Double> logs) {
    }

    /** Called after each epoch, with validation results when there is validation data. */
    default void onEpochEnd(FitContext context, int epoch, Map<String, Double> logs) {
    }

    /** Called once when training ends, normally or by a stop request, but not when it throws. */
    default void onTrainEnd(FitContext context) {
    }
}
