package dev.sequent.data;

import dev.sequent.Tensor;

/**
 * Supervised samples cut from a time series by {@link SlidingWindows}: inputs
 * {@code [samples, timesteps, features]}, targets {@code [samples, 1]}, and the persistence
 * forecast for each target. Immutable: {@link Tensor}s have no setters.
 *
 * <p>Sample {@code i} reads rows {@code [i, i + timesteps)} of the windowed table, and its
 * target is at row {@link #targetRow(int) i + timesteps - 1 + horizon}.
 */
public final class WindowedSeries {

    private final Tensor inputs;
    private final Tensor targets;
    private final Tensor persistence;
    private final int timesteps;
    private final int horizon;

    WindowedSeries(Tensor inputs, Tensor targets, Tensor persistence, int timesteps, int horizon) {
        this.inputs = inputs;
        this.targets = targets;
        this.persistence = persistence;
        this.timesteps = timesteps;
        this.horizon = horizon;
    }

    /** Returns the model inputs, shape {@code [samples, timesteps, features]}. */
    public Tensor inputs() {
        return inputs;
    }

    /** Returns the targets, shape {@code [samples, 1]}. */
    public Tensor targets() {
        return targets;
    }

    /**
     * Returns the persistence forecast, shape {@code [samples, 1]}: for each sample, the target
     * column's value at the window's last row ("the future equals the last value seen"). A
     * forecasting model must beat this baseline. It is in the same units as {@link #targets()}.
     */
    public Tensor persistenceForecast() {
        return persistence;
    }

    public int sampleCount() {
        return targets.dim(0);
    }

    public int timesteps() {
        return timesteps;
    }

    public int horizon() {
        return horizon;
    }

    /** Returns the row of the windowed table that contains sample {@code sample}'s target. */
    public int targetRow(int sample) {
        if (sample < 0 || sample >= sampleCount()) {
            throw new IndexOutOfBoundsException("Sample " + sample + " is out of range; expected 0 to "
                    + (sampleCount() - 1) + ".");
        }
        return sample + timesteps - 1 + horizon;
    }

    @Override
    public String toString() {
        return "WindowedSeries[samples=" + sampleCount() + ", timesteps=" + timesteps + ", features="
                + inputs.dim(2) + ", horizon=" + horizon + "]";
    }
}
