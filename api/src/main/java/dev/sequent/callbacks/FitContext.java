package dev.sequent.callbacks;

import dev.sequent.CompiledModel;

/** The view a callback has of a running {@code fit} call, with the way to stop it. */
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
