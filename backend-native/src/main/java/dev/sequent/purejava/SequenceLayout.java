package dev.sequent.purejava;

/**
 * Moves sequences between the batch-major layout that tensors use, {@code [batch, timesteps,
 * features]}, and the time-major layout the recurrent layer computes in, {@code [timesteps,
 * batch, features]}, where the rows of one time step are contiguous. With {@code reverse} the
 * time-major steps are in reverse input order, which is the processing order of a layer that
 * goes backwards.
 */
final class SequenceLayout {

    private SequenceLayout() {
    }

    /** Copies {@code batchMajor} into {@code timeMajor}, reversing the steps when asked. */
    static void toTimeMajor(float[] batchMajor, int batch, int timesteps, int features, boolean reverse,
            float[] timeMajor) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < timesteps; t++) {
                int step = reverse ? timesteps - 1 - t : t;
                System.arraycopy(batchMajor, (b * timesteps + t) * features, timeMajor,
                        (step * batch + b) * features, features);
            }
        }
    }

    /** Copies {@code timeMajor} into {@code batchMajor}; the inverse of {@link #toTimeMajor}. */
    static void toBatchMajor(float[] timeMajor, int batch, int timesteps, int features, boolean reverse,
            float[] batchMajor) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < timesteps; t++) {
                int step = reverse ? timesteps - 1 - t : t;
                System.arraycopy(timeMajor, (step * batch + b) * features, batchMajor,
                        (b * timesteps + t) * features, features);
            }
        }
    }
}
