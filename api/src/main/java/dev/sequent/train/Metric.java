package dev.sequent.train;

import java.util.Objects;

/**
 * A metric reported during training and evaluation: a mean over positions of a per-position
 * value, accumulated over batches the way Keras's mean metrics are.
 *
 * <p>{@link #ACCURACY} resolves as Keras resolves the string {@code "accuracy"}: binary accuracy
 * when the output has width 1, sparse categorical accuracy when labels are class indices, and
 * categorical accuracy otherwise. It keeps the name {@code accuracy} in the history.
 */
public final class Metric {

    /** The computation a metric performs once it is resolved. */
    public enum Kind {
        /** 1 when {@code (p > 0.5) == t}, averaged over the output's width. */
        BINARY_ACCURACY,
        /** 1 when {@code argmax(p) == argmax(t)}. */
        CATEGORICAL_ACCURACY,
        /** 1 when {@code argmax(p) == t}. */
        SPARSE_CATEGORICAL_ACCURACY,
        /** {@code mean_c |p_c - t_c|}. */
        MEAN_ABSOLUTE_ERROR,
        /** {@code mean_c (p_c - t_c)^2}. */
        MEAN_SQUARED_ERROR
    }

    /** Accuracy, resolved from the output width and the labels as Keras resolves {@code "accuracy"}. */
    public static final Metric ACCURACY = new Metric("accuracy", null);
    public static final Metric BINARY_ACCURACY = new Metric("binary_accuracy", Kind.BINARY_ACCURACY);
    public static final Metric CATEGORICAL_ACCURACY = new Metric("categorical_accuracy", Kind.CATEGORICAL_ACCURACY);
    public static final Metric SPARSE_CATEGORICAL_ACCURACY =
            new Metric("sparse_categorical_accuracy", Kind.SPARSE_CATEGORICAL_ACCURACY);
    /** Mean absolute error, named {@code mae} as Keras names the string {@code "mae"}. */
    public static final Metric MAE = new Metric("mae", Kind.MEAN_ABSOLUTE_ERROR);
    public static final Metric MEAN_ABSOLUTE_ERROR = new Metric("mean_absolute_error", Kind.MEAN_ABSOLUTE_ERROR);
    public static final Metric MSE = new Metric("mse", Kind.MEAN_SQUARED_ERROR);

    private final String name;
    private final Kind kind;

    private Metric(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** Returns the name used in the history and progress output. */
    public String name() {
        return name;
    }

    /**
     * Returns what this metric computes for the given output width and label layout.
     *
     * @param outputWidth the last dimension of the model's output
     * @param sparseLabels whether labels are class indices
     * @throws IllegalArgumentException if the metric cannot be computed on those labels
     */
    public Kind resolve(int outputWidth, boolean sparseLabels) {
        if (kind == null) {
            if (outputWidth == 1) {
                return Kind.BINARY_ACCURACY;
            }
            return sparseLabels ? Kind.SPARSE_CATEGORICAL_ACCURACY : Kind.CATEGORICAL_ACCURACY;
        }
        if (sparseLabels && kind != Kind.SPARSE_CATEGORICAL_ACCURACY) {
            throw new IllegalArgumentException("Metric '" + name + "' needs labels of the output's width, but the"
                    + " loss takes class indices; use Metric.ACCURACY or Metric.SPARSE_CATEGORICAL_ACCURACY.");
        }
        if (!sparseLabels && kind == Kind.SPARSE_CATEGORICAL_ACCURACY) {
            throw new IllegalArgumentException("Metric '" + name + "' needs class-index labels, but the loss takes"
                    + " labels of the output's width; use Metric.ACCURACY or Metric.CATEGORICAL_ACCURACY.");
        }
        return kind;
    }

    /**
     * Returns the sum over positions of the per-position value.
     *
     * @param yTrue labels: one index per position when {@code kind} is sparse, else {@code width} values
     * @param yPred predictions, {@code positions * width} values
     */
    public static double sum(Kind kind, float[] yTrue, float[] yPred, int positions, int width) {
        double sum = 0;
        for (int p = 0; p < positions; p++) {
            int predOffset = p * width;
            switch (kind) {
                case BINARY_ACCURACY -> {
                    int hits = 0;
                    for (int c = 0; c < width; c++) {
                        float predicted = yPred[predOffset + c] > 0.5f ? 1f : 0f;
                        if (predicted == yTrue[predOffset + c]) {
                            hits++;
                        }
                    }
                    sum += (double) hits / width;
                }
                case CATEGORICAL_ACCURACY -> sum += argmax(yPred, predOffset, width)
                        == argmax(yTrue, predOffset, width) ? 1 : 0;
                case SPARSE_CATEGORICAL_ACCURACY -> sum += argmax(yPred, predOffset, width)
                        == (int) yTrue[p] ? 1 : 0;
                case MEAN_ABSOLUTE_ERROR -> {
                    double total = 0;
                    for (int c = 0; c < width; c++) {
                        total += Math.abs(yPred[predOffset + c] - yTrue[predOffset + c]);
                    }
                    sum += total / width;
                }
                case MEAN_SQUARED_ERROR -> {
                    double total = 0;
                    for (int c = 0; c < width; c++) {
                        double d = yPred[predOffset + c] - yTrue[predOffset + c];
                        total += d * d;
                    }
                    sum += total / width;
                }
                default -> throw new AssertionError(kind);
            }
        }
        return sum;
    }

    private static int argmax(float[] values, int offset, int width) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metric that && name.equals(that.name) && Objects.equals(kind, that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind);
    }

    @Override
    public String toString() {
        return name;
    }
}
