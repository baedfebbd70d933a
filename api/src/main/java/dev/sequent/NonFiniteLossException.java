package dev.sequent;

/**
 * Raised by {@code fit} when a batch's loss is NaN or infinite. The model keeps the weights
 * it had before that batch.
 */
public class NonFiniteLossException extends SequentException {

    private final int epoch;
    private final int batch;
    private final double loss;

    public NonFiniteLossException(int epoch, int batch, double loss) {
        super("Loss became " + loss + " at epoch " + epoch + ", batch " + batch
                + "; the model keeps the weights from before that batch. Lower the learning rate,"
                + " scale the inputs, or use a bounded activation such as tanh.");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /** Returns the 1-based epoch in which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** Returns the 1-based batch within that epoch. */
    public int batch() {
        return batch;
    }

    /** Returns the loss value that was found (NaN or infinite). */
    public double loss() {
        return loss;
    }
}
