package dev.sequent.callbacks;

import java.util.Map;

/**
 * Tracks the best value of one logged quantity. As in Keras, a name containing {@code acc}
 * is maximized and anything else minimized; an improvement must beat the best by more than
 * {@code minDelta}.
 */
final class Monitor {

    private final String name;
    private final double minDelta;
    private final boolean maximize;
    private double best;

    Monitor(String name, double minDelta) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("monitor must name a logged value such as val_loss, but was '" + name + "'.");
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and non-negative, but was " + minDelta + ".");
        }
        this.name = name;
        this.minDelta = minDelta;
        this.maximize = name.contains("acc");
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    String name() {
        return name;
    }

    double best() {
        return best;
    }

    /**
     * Returns the monitored value from an epoch's logs.
     *
     * @throws IllegalStateException if the logs lack it, naming the logged values
     */
    double read(Map<String, Double> logs) {
        Double value = logs.get(name);
        if (value == null) {
            throw new IllegalStateException("The monitored value '" + name + "' is not in the epoch's logs "
                    + logs.keySet() + "; monitor one of those, or give fit validation data for val_ values.");
        }
        return value;
    }

    /** Records {@code value} as the best and returns true when it improves on the best so far. */
    boolean improve(double value) {
        boolean better = maximize ? value - minDelta > best : value + minDelta < best;
        if (better) {
            best = value;
        }
        return better;
    }

    void reset() {
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
