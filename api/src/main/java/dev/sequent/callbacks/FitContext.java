package dev.sequent.callbacks;

import dev.sequent.CompiledModel;

/** What a callback can see of a running {@code fit} call, and the way to stop it. */
public interface FitContext {

    /** Returns the model being trained. */
    CompiledModel model();

    /** Returns the number of epochs requested. */
    int epochs();

    /** Returns the number of training batches per epoch. */
    int batchesPerEpoch();

    /** Returns the number of training samples. */
    int trainingSamples();

    /** Asks {@code fit} to stop after the current epoch, recording {@code reason} in the history. */
    void stopTraining(String reason);
}
