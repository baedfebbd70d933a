package dev.sequent.callbacks;

import dev.sequent.Weights;
import java.util.Map;
import java.util.Optional;

/**
 * Stops training when a monitored value stops improving, as Keras's {@code EarlyStopping} does.
 * After each epoch the value is compared with the best so far; after {@code patience} epochs
 * in a row without an improvement larger than {@code minDelta}, training stops. With
 * {@code restoreBestWeights}, the weights of the best epoch are put back when training ends.
 *
 * <p>Defaults: monitor {@code val_loss}, patience 0, minDelta 0, no restoring. Names containing
 * {@code acc} are maximized, others minimized. An instance keeps state across one {@code fit}
 * call and resets it when the next one begins.
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private int wait;
    private int bestEpoch;
    private Optional<Weights> bestWeights = Optional.empty();
    private Optional<Integer> stoppedEpoch = Optional.empty();

    private EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be 0 or more epochs, but was " + patience + ".");
        }
        this.monitor = new Monitor(monitor, minDelta);
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    /** Monitors {@code monitor} with patience 0, minDelta 0, and no restoring. */
    public static EarlyStopping monitor(String monitor) {
        return new EarlyStopping(monitor, 0, 0, false);
    }

    /** Returns a copy that waits {@code patience} epochs without improvement before stopping. */
    public EarlyStopping patience(int patience) {
        return new EarlyStopping(monitor.name(), minDelta, patience, restoreBestWeights);
    }

    /** Returns a copy where only changes larger than {@code minDelta} count as improvements. */
    public EarlyStopping minDelta(double minDelta) {
        return new EarlyStopping(monitor.name(), minDelta, patience, restoreBestWeights);
    }

    /** Returns a copy that does or does not restore the best epoch's weights at the end. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        return new EarlyStopping(monitor.name(), minDelta, patience, restore);
    }

    /** Returns the 1-based epoch at which training was stopped, if it was. */
    public Optional<Integer> stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Returns the best monitored value so far (infinite before the first epoch ends). */
    public double bestValue() {
        return monitor.best();
    }

    /** Returns the 1-based epoch with the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(FitContext context) {
        monitor.reset();
        wait = 0;
        bestEpoch = 0;
        bestWeights = Optional.empty();
        stoppedEpoch = Optional.empty();
    }

    @Override
    public void onEpochEnd(FitContext context, int epoch, Map<String, Double> logs) {
        double current = monitor.read(logs);
        if (monitor.improve(current)) {
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = Optional.of(context.model().weights());
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = Optional.of(epoch);
            context.stopTraining("early stopping: " + monitor.name() + " did not improve on " + monitor.best()
                    + " (epoch " + bestEpoch + ") for " + wait + " epoch" + (wait == 1 ? "" : "s"));
        }
    }

    @Override
    public void onTrainEnd(FitContext context) {
        if (restoreBestWeights) {
            bestWeights.ifPresent(weights -> context.model().setWeights(weights));
        }
    }
}
