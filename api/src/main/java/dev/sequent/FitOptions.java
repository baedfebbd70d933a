package dev.sequent;

import dev.sequent.callbacks.Callback;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of one {@code fit} call, with Keras's defaults: batch size 32, shuffling on, no
 * validation. Immutable; each method returns a new instance and rejects invalid values at once.
 *
 * <pre>{@code
 * FitOptions.epochs(20).batchSize(32).validationSplit(0.1)
 * }</pre>
 */
public final class FitOptions {

    /** How much progress {@code fit} prints. */
    public enum Verbosity {
        /** A bar redrawn in place on a terminal, one line per epoch otherwise. */
        AUTO,
        /** Nothing. */
        SILENT
    }

    private final int epochs;
    private final int batchSize;
    private final double validationSplit;
    private final Optional<Tensor[]> validationData;
    private final boolean shuffle;
    private final Verbosity verbosity;
    private final PrintStream progressOutput;
    private final List<Callback> callbacks;
    private final NonFiniteLossPolicy nonFiniteLoss;

    private FitOptions(int epochs, int batchSize, double validationSplit, Optional<Tensor[]> validationData,
            boolean shuffle, Verbosity verbosity, PrintStream progressOutput, List<Callback> callbacks,
            NonFiniteLossPolicy nonFiniteLoss) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.validationSplit = validationSplit;
        this.validationData = validationData;
        this.shuffle = shuffle;
        this.verbosity = verbosity;
        this.progressOutput = progressOutput;
        this.callbacks = callbacks;
        this.nonFiniteLoss = nonFiniteLoss;
    }

    /**
     * Starts options for {@code epochs} passes over the training data.
     *
     * @throws IllegalArgumentException if {@code epochs <= 0}
     */
    public static FitOptions epochs(int epochs) {
        return new FitOptions(1, 32, 0.0, Optional.empty(), true, Verbosity.AUTO, System.out, List.of(),
                NonFiniteLossPolicy.THROW).withEpochs(epochs);
    }

    /** Returns a copy with a new number of epochs. */
    public FitOptions withEpochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, but was " + epochs + ".");
        }
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity, progressOutput,
                callbacks, nonFiniteLoss);
    }

    /**
     * Returns a copy with a batch size; the last batch of an epoch may be smaller.
     *
     * @throws IllegalArgumentException if {@code batchSize <= 0}
     */
    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, but was " + batchSize
                    + "; Keras uses 32 by default.");
        }
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity, progressOutput,
                callbacks, nonFiniteLoss);
    }

    /**
     * Returns a copy that holds out the last {@code fraction} of the samples for validation,
     * taken before shuffling, as Keras does.
     *
     * @throws IllegalArgumentException if {@code fraction} is outside {@code [0, 1)}
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), but was " + fraction
                    + "; 0.1 holds out the last 10% of the samples.");
        }
        return new FitOptions(epochs, batchSize, fraction, validationData, shuffle, verbosity, progressOutput,
                callbacks, nonFiniteLoss);
    }

    /** Returns a copy that validates on {@code x} and {@code y} after each epoch. */
    public FitOptions validationData(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        return new FitOptions(epochs, batchSize, validationSplit, Optional.of(new Tensor[] {x, y}), shuffle,
                verbosity, progressOutput, callbacks, nonFiniteLoss);
    }

    /** Returns a copy that does or does not shuffle the training samples before each epoch. */
    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity, progressOutput,
                callbacks, nonFiniteLoss);
    }

    /** Returns a copy that prints progress ({@code true}, the default) or nothing. */
    public FitOptions verbose(boolean verbose) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle,
                verbose ? Verbosity.AUTO : Verbosity.SILENT, progressOutput, callbacks, nonFiniteLoss);
    }

    /** Returns a copy that prints progress to {@code out}, one line per epoch, instead of standard output. */
    public FitOptions progressOutput(PrintStream out) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity,
                Objects.requireNonNull(out, "out"), callbacks, nonFiniteLoss);
    }

    /** Returns a copy that calls these callbacks, in order, after the progress printer. */
    public FitOptions callbacks(Callback... callbacks) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity, progressOutput,
                List.of(callbacks), nonFiniteLoss);
    }

    /** Returns a copy that handles a NaN or infinite batch loss this way. */
    public FitOptions onNonFiniteLoss(NonFiniteLossPolicy policy) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, verbosity, progressOutput,
                callbacks, Objects.requireNonNull(policy, "policy"));
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** Returns {x, y} of the validation data, if given. */
    public Optional<Tensor[]> validationData() {
        return validationData.map(Tensor[]::clone);
    }

    public boolean shuffle() {
        return shuffle;
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public PrintStream progressOutput() {
        return progressOutput;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public NonFiniteLossPolicy nonFiniteLoss() {
        return nonFiniteLoss;
    }
}
