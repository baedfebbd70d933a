package dev.sequent.conformance;

import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.train.Loss;
import java.util.Map;

/**
 * Checks, in double precision, that the finite-difference problems of
 * {@link GradientCheckCases} have no kink (relu at 0, |p - t| at 0, a clip boundary) near any
 * weight, since a central difference across a kink does not approximate the gradient.
 */
final class Smoothness {

    /** One-sided differences at this step approximate the derivative to about 1e-6 in double. */
    private static final double FINE_STEP = 1e-6;

    private Smoothness() {
    }

    /**
     * Requires, for every weight value, that the forward and backward differences at
     * {@link #FINE_STEP} agree (no kink at the point) and that the central difference at the
     * kit's step agrees with them within half the kit's tolerance (no kink within the step).
     *
     * @throws AssertionError naming the problem and the weight
     */
    static void require(GradientCheckCases.Problem problem) {
        for (Map.Entry<String, Tensor> entry : problem.weights().asMap().entrySet()) {
            for (int i = 0; i < entry.getValue().size(); i++) {
                String where = "problem '" + problem.name() + "', " + entry.getKey() + "[" + i + "]";
                double center = loss(problem, entry.getKey(), i, 0);
                double forward = (loss(problem, entry.getKey(), i, FINE_STEP) - center) / FINE_STEP;
                double backward = (center - loss(problem, entry.getKey(), i, -FINE_STEP)) / FINE_STEP;
                Checks.assertValue(where + ": forward against backward difference", backward, forward, 1e-4, 1e-4);

                double step = GradientCheckCases.STEP;
                double central = (loss(problem, entry.getKey(), i, step) - loss(problem, entry.getKey(), i, -step))
                        / (2 * step);
                Checks.assertValue(where + ": central difference at the kit's step", (forward + backward) / 2,
                        central, GradientCheckCases.ABSOLUTE / 2, GradientCheckCases.RELATIVE / 2);
            }
        }
    }

    /** Returns the derivative of the mean loss for one weight value, by double-precision central differences. */
    static double derivative(GradientCheckCases.Problem problem, String name, int index) {
        return (loss(problem, name, index, FINE_STEP) - loss(problem, name, index, -FINE_STEP)) / (2 * FINE_STEP);
    }

    private static double loss(GradientCheckCases.Problem problem, String name, int index, double offset) {
        Tensor base = problem.weights().get(name);
        double[] shifted = new double[base.size()];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = base.getFlat(i);
        }
        shifted[index] += offset;
        Weights weights = problem.weights();
        Reference.Values output = Reference.predict(problem.model(), weights, problem.x(), name, shifted);
        int width = problem.model().outputShape().last();
        return meanLoss(problem.loss(), problem.y().toFlatArray(), output.values(), output.values().length / width,
                width);
    }

    /** Computes the mean loss in double precision from the formulas in the {@link Loss} javadoc. */
    static double meanLoss(Loss loss, float[] labels, double[] predictions, int positions, int width) {
        double epsilon = Loss.EPSILON;
        double sum = 0;
        for (int p = 0; p < positions; p++) {
            int offset = p * width;
            switch (loss) {
                case MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR, BINARY_CROSSENTROPY -> {
                    double position = 0;
                    for (int c = 0; c < width; c++) {
                        double prediction = predictions[offset + c];
                        double target = labels[offset + c];
                        if (loss == Loss.MEAN_SQUARED_ERROR) {
                            position += (prediction - target) * (prediction - target);
                        } else if (loss == Loss.MEAN_ABSOLUTE_ERROR) {
                            position += Math.abs(prediction - target);
                        } else {
                            double clipped = Math.min(Math.max(prediction, epsilon), 1 - epsilon);
                            position -= target * Math.log(clipped) + (1 - target) * Math.log(1 - clipped);
                        }
                    }
                    sum += position / width;
                }
                case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> {
                    double total = 0;
                    for (int c = 0; c < width; c++) {
                        total += predictions[offset + c];
                    }
                    for (int c = 0; c < width; c++) {
                        double target = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                                ? ((int) labels[p] == c ? 1 : 0) : labels[offset + c];
                        double clipped = Math.min(Math.max(predictions[offset + c] / total, epsilon), 1 - epsilon);
                        sum -= target * Math.log(clipped);
                    }
                }
                default -> throw new AssertionError(loss);
            }
        }
        return sum / positions;
    }
}
