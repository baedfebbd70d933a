package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.LN2;
import static dev.sequent.conformance.Fixtures.LN3;
import static dev.sequent.conformance.Fixtures.d;
import static dev.sequent.conformance.Fixtures.f;
import static dev.sequent.conformance.Fixtures.shape;
import static dev.sequent.conformance.Fixtures.tensor;
import static dev.sequent.conformance.Fixtures.weights;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.util.ArrayList;
import java.util.List;

/** Forward passes of SimpleRNN layers, derived by hand or by {@link Reference}. */
final class RnnCases {

    static final String AREA = "simple_rnn";

    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-6;

    private RnnCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();

        cases.add(ConformanceCase.inference(AREA, "one step, tanh", context -> {
            // h1 = tanh(x * kernel + h0 * recurrent + bias) = tanh(1 * ln 2 + 0 + 0) = 0.6
            Sequential model = Sequential.of(Input.shape(1, 1), SimpleRNN.units(1));
            Weights weights = linearUnitWeights(LN2, 0.5f, 0);
            Tensor output = context.compile(model, weights).predict(tensor(f(1), 1, 1, 1));
            Checks.assertClose("one step", d(0.6), shape(1, 1), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "two steps, tanh", context -> {
            // kernel 1, recurrent ln(3) / 0.6, x = [ln 2, 0]:
            // h1 = tanh(ln 2) = 0.6;  h2 = tanh(0.6 * ln(3) / 0.6) = tanh(ln 3) = (3 - 1/3) / (3 + 1/3) = 0.8
            Sequential model = Sequential.of(Input.shape(2, 1), SimpleRNN.units(1).returnSequences(true));
            Weights weights = linearUnitWeights(1, LN3 / 0.6f, 0);
            Tensor output = context.compile(model, weights).predict(tensor(f(LN2, 0), 1, 2, 1));
            Checks.assertClose("two steps", d(0.6, 0.8), shape(1, 2, 1), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "three steps, every state", context -> {
            // Linear, kernel 1, recurrent 0.5, bias 0.1, x = [1, 2, -1]:
            // h1 = 1 + 0.1 = 1.1;  h2 = 2 + 0.55 + 0.1 = 2.65;  h3 = -1 + 1.325 + 0.1 = 0.425
            expectLinearSequence(context, true, false, d(1.1, 2.65, 0.425), shape(1, 3, 1));
        }));
        cases.add(ConformanceCase.inference(AREA, "three steps, last state", context -> {
            expectLinearSequence(context, false, false, d(0.425), shape(1, 1));
        }));
        cases.add(ConformanceCase.inference(AREA, "go backwards, every state in processing order", context -> {
            // The same weights, reading x from the end: [-1, 2, 1].
            // h1 = -1 + 0.1 = -0.9;  h2 = 2 - 0.45 + 0.1 = 1.65;  h3 = 1 + 0.825 + 0.1 = 1.925
            // Keras returns the states in processing order, not reversed back.
            expectLinearSequence(context, true, true, d(-0.9, 1.65, 1.925), shape(1, 3, 1));
        }));
        cases.add(ConformanceCase.inference(AREA, "go backwards, last state", context -> {
            expectLinearSequence(context, false, true, d(1.925), shape(1, 1));
        }));
        cases.add(ConformanceCase.inference(AREA, "recurrent kernel is [units, units], h times R", context -> {
            // Linear, 2 units, 1 feature, kernel [[1, 2]], recurrent [[0, 1], [0, 0]], no bias, x = [1, 1]:
            // h1 = [1, 2];  h2 = [1, 2] + h1 . R = [1, 2] + [0, h1[0] * R01] = [1, 3].
            // The transposed layout would give [1, 2] + [h1[1] * R01, 0] = [3, 2].
            Sequential model = Sequential.of(Input.shape(2, 1),
                    SimpleRNN.units(2).activation(Activation.LINEAR).useBias(false).returnSequences(true));
            Weights weights = weights("simple_rnn/kernel", tensor(f(1, 2), 1, 2), "simple_rnn/recurrent_kernel",
                    tensor(f(0, 1, 0, 0), 2, 2));
            Tensor output = context.compile(model, weights).predict(tensor(f(1, 1), 1, 2, 1));
            Checks.assertClose("layout", d(1, 2, 1, 3), shape(1, 2, 2), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "relu, one step with a negative pre-activation", context -> {
            // kernel [[1, -1]], x = 2, bias [0.5, 0.5]: relu([2.5, -1.5]) = [2.5, 0]
            Sequential model = Sequential.of(Input.shape(1, 1), SimpleRNN.units(2).activation(Activation.RELU));
            Weights weights = weights("simple_rnn/kernel", tensor(f(1, -1), 1, 2), "simple_rnn/recurrent_kernel",
                    DenseCases.identity(2), "simple_rnn/bias", tensor(f(0.5f, 0.5f), 2));
            Tensor output = context.compile(model, weights).predict(tensor(f(2), 1, 1, 1));
            Checks.assertClose("relu", d(2.5, 0), shape(1, 2), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "sigmoid, two steps", context -> {
            // kernel ln 3, recurrent 0, bias 0, x = [1, -1]: sigmoid(ln 3) = 0.75, sigmoid(-ln 3) = 0.25.
            Sequential model = Sequential.of(Input.shape(2, 1),
                    SimpleRNN.units(1).activation(Activation.SIGMOID).returnSequences(true));
            Weights weights = linearUnitWeights(LN3, 0, 0);
            Tensor output = context.compile(model, weights).predict(tensor(f(1, -1), 1, 2, 1));
            Checks.assertClose("sigmoid", d(0.75, 0.25), shape(1, 2, 1), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "relu overflows to infinity without an exception", context -> {
            // relu, kernel 1, recurrent 10, bias 0, x_t = 1 for 60 steps: h_t = 1 + 10 h_(t-1) = (10^t - 1) / 9.
            // h_39 = 1.1e38 is below the float32 maximum 3.4e38; h_40 = 1.1e39 overflows to +Infinity,
            // and every later state stays +Infinity (10 * inf + 1 = inf, relu(inf) = inf).
            int steps = 60;
            Sequential model = Sequential.of(Input.shape(steps, 1),
                    SimpleRNN.units(1).activation(Activation.RELU).returnSequences(true));
            Weights weights = linearUnitWeights(1, 10, 0);
            float[] ones = new float[steps];
            java.util.Arrays.fill(ones, 1f);
            Tensor output = context.compile(model, weights).predict(tensor(ones, 1, steps, 1));
            double[] expected = new double[steps];
            for (int t = 1; t <= steps; t++) {
                double exact = (Math.pow(10, t) - 1) / 9;
                expected[t - 1] = exact > Float.MAX_VALUE ? Double.POSITIVE_INFINITY : exact;
            }
            // Relative 1e-5: each of up to 39 steps rounds once to float32 (about 6e-8 each).
            Checks.assertClose("overflow", expected, shape(1, steps, 1), output, 0, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "stacked pair", context -> {
            // First layer: linear, kernel 1, recurrent 0.5, no bias, every state; x = [1, 2]:
            //   h = [1, 2 + 0.5] = [1, 2.5]
            // Second layer: linear, kernel 2, recurrent -1, bias 0.5, last state:
            //   g1 = 2 * 1 + 0.5 = 2.5;  g2 = 2 * 2.5 - 2.5 + 0.5 = 3
            Sequential model = Sequential.of(Input.shape(2, 1),
                    SimpleRNN.units(1).activation(Activation.LINEAR).useBias(false).returnSequences(true),
                    SimpleRNN.units(1).activation(Activation.LINEAR));
            Weights weights = weights("simple_rnn/kernel", tensor(f(1), 1, 1), "simple_rnn/recurrent_kernel",
                    tensor(f(0.5f), 1, 1), "simple_rnn_1/kernel", tensor(f(2), 1, 1),
                    "simple_rnn_1/recurrent_kernel", tensor(f(-1), 1, 1), "simple_rnn_1/bias", tensor(f(0.5f), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(1, 2), 1, 2, 1));
            Checks.assertClose("stacked", d(3), shape(1, 1), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "Dense after every state", context -> {
            // The first layer of the stacked case, h = [1, 2.5], then Dense(1) with kernel 2, bias -1:
            // [2 * 1 - 1, 2 * 2.5 - 1] = [1, 4], shape [batch 1, timesteps 2, 1].
            Sequential model = Sequential.of(Input.shape(2, 1),
                    SimpleRNN.units(1).activation(Activation.LINEAR).useBias(false).returnSequences(true),
                    Dense.units(1));
            Weights weights = weights("simple_rnn/kernel", tensor(f(1), 1, 1), "simple_rnn/recurrent_kernel",
                    tensor(f(0.5f), 1, 1), "dense/kernel", tensor(f(2), 1, 1), "dense/bias", tensor(f(-1), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(1, 2), 1, 2, 1));
            Checks.assertClose("dense after rnn", d(1, 4), shape(1, 2, 1), output, ABSOLUTE, RELATIVE);
        }));
        cases.add(ConformanceCase.inference(AREA, "batch equals each sequence alone", context -> {
            Sequential model = Sequential.of(Input.shape(4, 2), SimpleRNN.units(3).returnSequences(true));
            Weights weights = DenseCases.spreadWeights(model, 0.7f);
            Tensor batch = tensor(Fixtures.spread(3 * 4 * 2, 1.2f, 11), 3, 4, 2);
            BackendModel compiled = context.compile(model, weights);
            Tensor together = compiled.predict(batch);
            Checks.assertClose("batch of 3", Reference.predict(model, weights, batch), together);
            for (int sample = 0; sample < 3; sample++) {
                Tensor alone = compiled.predict(batch.slice(sample, sample + 1));
                Checks.assertClose("sequence " + sample + " alone", Reference.predict(model, weights,
                        batch.slice(sample, sample + 1)), alone);
                Tensor sameRows = together.slice(sample, sample + 1);
                Checks.assertClose("sequence " + sample + " alone against the batch", toDoubles(sameRows),
                        sameRows.shape(), alone, 1e-6, 1e-6);
            }
        }));

        for (Activation activation : List.of(Activation.TANH, Activation.RELU, Activation.SIGMOID,
                Activation.LINEAR)) {
            for (boolean goBackwards : new boolean[] {false, true}) {
                String name = activation.kerasName() + (goBackwards ? ", backwards" : "")
                        + ", stacked with Dense, matches the reference";
                cases.add(ConformanceCase.inference(AREA, name, context -> {
                    Sequential model = Sequential.of(Input.shape(5, 3),
                            SimpleRNN.units(4).activation(activation).returnSequences(true)
                                    .goBackwards(goBackwards),
                            SimpleRNN.units(3).activation(activation),
                            Dense.units(2));
                    Weights weights = DenseCases.spreadWeights(model, 0.6f);
                    Tensor x = tensor(Fixtures.spread(2 * 5 * 3, 1f, 3), 2, 5, 3);
                    Tensor output = context.compile(model, weights).predict(x);
                    Checks.assertClose(name, Reference.predict(model, weights, x), output);
                }));
            }
        }
        return cases;
    }

    /** Weights of a one-feature, one-unit SimpleRNN named {@code simple_rnn}. */
    private static Weights linearUnitWeights(float kernel, float recurrent, float bias) {
        return weights("simple_rnn/kernel", tensor(f(kernel), 1, 1), "simple_rnn/recurrent_kernel",
                tensor(f(recurrent), 1, 1), "simple_rnn/bias", tensor(f(bias), 1));
    }

    private static void expectLinearSequence(CaseContext context, boolean returnSequences, boolean goBackwards,
            double[] expected, int[] expectedShape) {
        Sequential model = Sequential.of(Input.shape(3, 1), SimpleRNN.units(1).activation(Activation.LINEAR)
                .returnSequences(returnSequences).goBackwards(goBackwards));
        Tensor output = context.compile(model, linearUnitWeights(1, 0.5f, 0.1f)).predict(tensor(f(1, 2, -1), 1, 3, 1));
        Checks.assertClose("sequence", expected, expectedShape, output, ABSOLUTE, RELATIVE);
    }

    static double[] toDoubles(Tensor tensor) {
        double[] values = new double[tensor.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFlat(i);
        }
        return values;
    }
}
