package dev.sequent.train;

/**
 * The losses Sequent supports, with Keras 3's formulas for probabilities (not logits).
 *
 * <p>A loss is computed per position: per sample for {@code [batch, width]} outputs, per sample
 * and time step for {@code [batch, timesteps, width]} outputs. The reported loss is the mean over
 * all positions (Keras's {@code sum_over_batch_size}). Cross-entropies clip probabilities to
 * {@code [EPSILON, 1 - EPSILON]}; the clip passes no gradient for values outside that range.
 *
 * <p>Label layouts: sparse categorical cross-entropy takes one class index per position; every
 * other loss takes a target of the output's width per position.
 */
public enum Loss {

    /**
     * {@code q = p / sum(p); loss = -sum_c t_c * log(clip(q_c))} with one-hot targets {@code t}.
     * Keras normalizes the probabilities before clipping, so this works on any positive output.
     */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", false),

    /** The same as {@link #CATEGORICAL_CROSSENTROPY} with the target class given as an index. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", true),

    /** {@code loss = mean_c -(t_c * log(clip(p_c)) + (1 - t_c) * log(1 - clip(p_c)))}. */
    BINARY_CROSSENTROPY("binary_crossentropy", false),

    /** {@code loss = mean_c (p_c - t_c)^2}. */
    MEAN_SQUARED_ERROR("mean_squared_error", false),

    /** {@code loss = mean_c |p_c - t_c|}; the gradient at {@code p == t} is 0. */
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", false);

    /** Keras's fuzz factor for clipping probabilities. */
    public static final float EPSILON = 1e-7f;

    private final String kerasName;
    private final boolean sparseLabels;

    Loss(String kerasName, boolean sparseLabels) {
        this.kerasName = kerasName;
        this.sparseLabels = sparseLabels;
    }

    public String kerasName() {
        return kerasName;
    }

    /** Returns true when labels are class indices, one per position, rather than full-width targets. */
    public boolean sparseLabels() {
        return sparseLabels;
    }

    /** Returns the number of label values per position for an output of the given width. */
    public int labelWidth(int outputWidth) {
        return sparseLabels ? 1 : outputWidth;
    }

    /**
     * Returns the mean loss over {@code positions} positions.
     *
     * @param yTrue labels, {@code positions * labelWidth(width)} values
     * @param yPred predictions, {@code positions * width} values
     */
    public double mean(float[] yTrue, float[] yPred, int positions, int width) {
        double sum = 0;
        for (int p = 0; p < positions; p++) {
            sum += positionLoss(yTrue, p * labelWidth(width), yPred, p * width, width);
        }
        return sum / positions;
    }

    /**
     * Writes the gradient of {@link #mean} with respect to every prediction into {@code gradient}
     * ({@code positions * width} values).
     */
    public void meanGradient(float[] yTrue, float[] yPred, int positions, int width, float[] gradient) {
        float scale = 1f / positions;
        for (int p = 0; p < positions; p++) {
            positionGradient(yTrue, p * labelWidth(width), yPred, p * width, width, scale, gradient, p * width);
        }
    }

    /** Returns the loss of one position. */
    public double positionLoss(float[] yTrue, int trueOffset, float[] yPred, int predOffset, int width) {
        switch (this) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY: {
                float total = 0f;
                for (int c = 0; c < width; c++) {
                    total += yPred[predOffset + c];
                }
                double loss = 0;
                for (int c = 0; c < width; c++) {
                    float target = target(yTrue, trueOffset, c);
                    if (target != 0f) {
                        float q = clip(yPred[predOffset + c] / total);
                        loss -= target * Math.log(q);
                    }
                }
                return loss;
            }
            case BINARY_CROSSENTROPY: {
                double loss = 0;
                for (int c = 0; c < width; c++) {
                    float t = yTrue[trueOffset + c];
                    float p = clip(yPred[predOffset + c]);
                    loss -= t * Math.log(p) + (1f - t) * Math.log(1f - p);
                }
                return loss / width;
            }
            case MEAN_SQUARED_ERROR: {
                double loss = 0;
                for (int c = 0; c < width; c++) {
                    float d = yPred[predOffset + c] - yTrue[trueOffset + c];
                    loss += d * d;
                }
                return loss / width;
            }
            case MEAN_ABSOLUTE_ERROR: {
                double loss = 0;
                for (int c = 0; c < width; c++) {
                    loss += Math.abs(yPred[predOffset + c] - yTrue[trueOffset + c]);
                }
                return loss / width;
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** Writes {@code scale} times the gradient of one position's loss into {@code gradient}. */
    public void positionGradient(float[] yTrue, int trueOffset, float[] yPred, int predOffset, int width,
            float scale, float[] gradient, int gradientOffset) {
        switch (this) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY: {
                // With q = p / S and S = sum(p): dL/dq_c = -t_c / q_c where the clip passes, and
                // dL/dp_j = (dL/dq_j - sum_c dL/dq_c * q_c) / S.
                float total = 0f;
                for (int c = 0; c < width; c++) {
                    total += yPred[predOffset + c];
                }
                float weighted = 0f;
                for (int c = 0; c < width; c++) {
                    float q = yPred[predOffset + c] / total;
                    float dq = passesClip(q) ? -target(yTrue, trueOffset, c) / q : 0f;
                    gradient[gradientOffset + c] = dq;
                    weighted += dq * q;
                }
                for (int c = 0; c < width; c++) {
                    gradient[gradientOffset + c] = scale * (gradient[gradientOffset + c] - weighted) / total;
                }
                return;
            }
            case BINARY_CROSSENTROPY: {
                for (int c = 0; c < width; c++) {
                    float t = yTrue[trueOffset + c];
                    float p = yPred[predOffset + c];
                    float d = passesClip(p) ? (-t / p + (1f - t) / (1f - p)) : 0f;
                    gradient[gradientOffset + c] = scale * d / width;
                }
                return;
            }
            case MEAN_SQUARED_ERROR: {
                for (int c = 0; c < width; c++) {
                    float d = yPred[predOffset + c] - yTrue[trueOffset + c];
                    gradient[gradientOffset + c] = scale * 2f * d / width;
                }
                return;
            }
            case MEAN_ABSOLUTE_ERROR: {
                for (int c = 0; c < width; c++) {
                    float d = yPred[predOffset + c] - yTrue[trueOffset + c];
                    gradient[gradientOffset + c] = scale * Math.signum(d) / width;
                }
                return;
            }
            default:
                throw new AssertionError(this);
        }
    }

    private float target(float[] yTrue, int trueOffset, int c) {
        if (sparseLabels) {
            return ((int) yTrue[trueOffset]) == c ? 1f : 0f;
        }
        return yTrue[trueOffset + c];
    }

    private static float clip(float p) {
        return Math.min(Math.max(p, EPSILON), 1f - EPSILON);
    }

    private static boolean passesClip(float p) {
        return p >= EPSILON && p <= 1f - EPSILON;
    }
}
