package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.f;
import static dev.sequent.conformance.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finite-difference checks of {@code BackendModel.gradients}: for every value of every
 * weight, the central difference {@code (L(w + h) - L(w - h)) / (2h)} of the mean loss, with
 * {@code L} computed from the backend's own {@code predict} and {@link Loss#mean}.
 *
 * <p>Tolerance, for float32 backends: the truncation error of a central difference is
 * {@code h^2 / 6 * |L'''|}, about 4e-6 * |L'''| for h = 5e-3. Rounding errors of about 1e-6
 * relative in the predictions (a few dozen float32 operations) become errors of order 1e-4 in
 * the difference after the division by 2h. The bound
 * {@code |difference - gradient| <= 5e-4 + 5e-3 * |gradient|} covers both estimates, while a
 * missing factor, a wrong sign or a dropped time step moves a gradient by far more. As a check
 * of the estimates, a simulated backend with exact gradients and exact outputs rounded to
 * float32 uses at most 4% of the bound on the problems here.
 */
final class GradientCheckCases {

    static final String AREA = "finite_difference";

    /** The step h; the actual step is recomputed from the float32 values w + h and w - h. */
    static final double STEP = 5e-3;
    static final double ABSOLUTE = 5e-4;
    static final double RELATIVE = 5e-3;

    private GradientCheckCases() {
    }

    /** A model, its weights and one batch whose gradients are checked. */
    record Problem(String name, Sequential model, Weights weights, Loss loss, Tensor x, Tensor y) {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (Problem problem : problems()) {
            cases.add(ConformanceCase.training(AREA, problem.name(), context -> check(context, problem)));
        }
        return cases;
    }

    static List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();

        // Every activation, in a hidden and an output Dense layer, with mean squared error.
        for (Activation activation : Activation.values()) {
            Sequential model = Sequential.of(Input.shape(3), Dense.units(4).activation(activation),
                    Dense.units(2).activation(activation));
            problems.add(new Problem("Dense, " + activation.kerasName() + ", mean squared error", model,
                    DenseCases.spreadWeights(model, 0.8f), Loss.MEAN_SQUARED_ERROR,
                    tensor(Fixtures.spread(3 * 3, 1.5f, 21), 3, 3), tensor(Fixtures.spread(3 * 2, 0.9f, 22), 3, 2)));
        }

        // Every loss, on the output activation it is used with.
        Sequential linearOut = Sequential.of(Input.shape(3), Dense.units(4).activation(Activation.TANH),
                Dense.units(3));
        Sequential sigmoidOut = Sequential.of(Input.shape(3), Dense.units(4).activation(Activation.TANH),
                Dense.units(3).activation(Activation.SIGMOID));
        Sequential softmaxOut = Sequential.of(Input.shape(3), Dense.units(4).activation(Activation.TANH),
                Dense.units(3).activation(Activation.SOFTMAX));
        Tensor x = tensor(Fixtures.spread(4 * 3, 1.5f, 31), 4, 3);
        problems.add(new Problem("mean squared error", linearOut, DenseCases.spreadWeights(linearOut, 0.8f),
                Loss.MEAN_SQUARED_ERROR, x, tensor(Fixtures.spread(4 * 3, 1f, 32), 4, 3)));
        // The targets +-10 are far from every prediction (at most 4 * 0.8 + 0.8 = 4 in size), so
        // |p - t| has no kink within h.
        problems.add(new Problem("mean absolute error", linearOut, DenseCases.spreadWeights(linearOut, 0.8f),
                Loss.MEAN_ABSOLUTE_ERROR, x, tensor(f(10, -10, 10, -10, 10, -10, 10, -10, 10, -10, 10, -10), 4, 3)));
        problems.add(new Problem("binary cross-entropy", sigmoidOut, DenseCases.spreadWeights(sigmoidOut, 0.8f),
                Loss.BINARY_CROSSENTROPY, x, tensor(f(1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0), 4, 3)));
        problems.add(new Problem("categorical cross-entropy", softmaxOut,
                DenseCases.spreadWeights(softmaxOut, 0.8f), Loss.CATEGORICAL_CROSSENTROPY, x,
                Tensor.oneHot(new int[] {0, 2, 1, 2}, 3)));
        problems.add(new Problem("sparse categorical cross-entropy", softmaxOut,
                DenseCases.spreadWeights(softmaxOut, 0.8f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, x,
                Tensor.labels(0, 2, 1, 2)));

        // Dense applied per time step, with a loss over every position.
        Sequential perStep = Sequential.of(Input.shape(3, 2), Dense.units(2).activation(Activation.TANH));
        problems.add(new Problem("Dense per time step", perStep, DenseCases.spreadWeights(perStep, 0.8f),
                Loss.MEAN_SQUARED_ERROR, tensor(Fixtures.spread(2 * 3 * 2, 1f, 41), 2, 3, 2),
                tensor(Fixtures.spread(2 * 3 * 2, 0.5f, 42), 2, 3, 2)));

        // SimpleRNN: every activation, both directions, every state and the last state.
        for (Activation activation : List.of(Activation.TANH, Activation.RELU, Activation.SIGMOID,
                Activation.LINEAR)) {
            for (boolean goBackwards : new boolean[] {false, true}) {
                String direction = goBackwards ? ", backwards" : "";
                Sequential sequences = Sequential.of(Input.shape(4, 2),
                        SimpleRNN.units(3).activation(activation).returnSequences(true).goBackwards(goBackwards));
                problems.add(new Problem("SimpleRNN, " + activation.kerasName() + direction + ", every state",
                        sequences, DenseCases.spreadWeights(sequences, 0.6f), Loss.MEAN_SQUARED_ERROR,
                        tensor(Fixtures.spread(2 * 4 * 2, 1f, 51), 2, 4, 2),
                        tensor(Fixtures.spread(2 * 4 * 3, 0.5f, 52), 2, 4, 3)));
                Sequential last = Sequential.of(Input.shape(4, 2),
                        SimpleRNN.units(3).activation(activation).goBackwards(goBackwards), Dense.units(2));
                problems.add(new Problem("SimpleRNN, " + activation.kerasName() + direction
                        + ", last state, then Dense", last, DenseCases.spreadWeights(last, 0.6f),
                        Loss.MEAN_SQUARED_ERROR, tensor(Fixtures.spread(2 * 4 * 2, 1f, 53), 2, 4, 2),
                        tensor(Fixtures.spread(2 * 2, 0.5f, 54), 2, 2)));
            }
        }

        // A stacked pair and a softmax classifier on top, with sparse labels.
        Sequential stacked = Sequential.of(Input.shape(5, 2), SimpleRNN.units(3).returnSequences(true),
                SimpleRNN.units(2), Dense.units(3).activation(Activation.SOFTMAX));
        problems.add(new Problem("stacked SimpleRNN, softmax classifier", stacked,
                DenseCases.spreadWeights(stacked, 0.6f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                tensor(Fixtures.spread(3 * 5 * 2, 1f, 61), 3, 5, 2), Tensor.labels(1, 0, 2)));
        return problems;
    }

    private static void check(CaseContext context, Problem problem) {
        BackendModel compiled = context.compile(problem.model(), Optimizers.sgd(0.01f), problem.loss(),
                problem.weights());
        Weights analytic = compiled.gradients(problem.x(), problem.y());
        assertEquals(List.copyOf(problem.weights().names()), List.copyOf(analytic.names()),
                "gradients must name every weight, in layer order");
        Checks.assertSameTensorsOf("gradients must leave the weights unchanged", problem.weights(),
                compiled.weights());

        for (Map.Entry<String, Tensor> entry : problem.weights().asMap().entrySet()) {
            String name = entry.getKey();
            Tensor gradient = analytic.get(name);
            for (int i = 0; i < entry.getValue().size(); i++) {
                double difference = centralDifference(problem, (w, x) -> {
                    compiled.setWeights(w);
                    return compiled.predict(x).toFlatArray();
                }, name, i);
                Checks.assertValue("dL/d " + name + " at flat index " + i + " (central difference "
                        + difference + ")", difference, gradient.getFlat(i), ABSOLUTE, RELATIVE);
            }
        }
        compiled.setWeights(problem.weights());
    }

    /** Runs a model on a batch, returning the flat predictions. */
    @FunctionalInterface
    interface Forward {
        float[] predict(Weights weights, Tensor x);
    }

    /** Returns the central difference of the mean loss for one value of one weight. */
    static double centralDifference(Problem problem, Forward forward, String name, int index) {
        return centralDifference(problem, forward, name, index, STEP);
    }

    static double centralDifference(Problem problem, Forward forward, String name, int index, double step) {
        Tensor base = problem.weights().get(name);
        float[] values = base.toFlatArray();
        float plus = (float) (values[index] + step);
        float minus = (float) (values[index] - step);

        values[index] = plus;
        double lossPlus = meanLoss(problem, forward.predict(problem.weights().with(name,
                Tensor.of(values, base.shape())), problem.x()));
        values[index] = minus;
        double lossMinus = meanLoss(problem, forward.predict(problem.weights().with(name,
                Tensor.of(values, base.shape())), problem.x()));
        return (lossPlus - lossMinus) / ((double) plus - (double) minus);
    }

    private static double meanLoss(Problem problem, float[] predictions) {
        int width = problem.model().outputShape().last();
        int positions = predictions.length / width;
        return problem.loss().mean(problem.y().toFlatArray(), predictions, positions, width);
    }
}
