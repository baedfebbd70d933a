package dev.sequent.purejava;

/**
 * The runtime shape of the values flowing between two layers: {@code [batch, features]}, or
 * {@code [batch, timesteps, features]} when {@code sequence} is true. For a sequence the values
 * are batch-major, so the {@code batch * timesteps} rows of {@code features} values are the
 * time steps of sample 0, then those of sample 1, and so on.
 */
record BatchShape(int batch, int timesteps, int features, boolean sequence) {

    static BatchShape flat(int batch, int features) {
        return new BatchShape(batch, 1, features, false);
    }

    static BatchShape sequence(int batch, int timesteps, int features) {
        return new BatchShape(batch, timesteps, features, true);
    }

    /** Returns the number of rows of {@code features} values: one per sample and time step. */
    int rows() {
        return batch * timesteps;
    }

    /** Returns the number of values. */
    int size() {
        return rows() * features;
    }

    /** Returns the same shape with another last axis. */
    BatchShape withFeatures(int newFeatures) {
        return new BatchShape(batch, timesteps, newFeatures, sequence);
    }

    /** Returns the dimensions with the batch axis, as a tensor shape. */
    int[] dims() {
        return sequence ? new int[] {batch, timesteps, features} : new int[] {batch, features};
    }
}
