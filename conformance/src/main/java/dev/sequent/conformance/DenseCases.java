package dev.sequent.conformance;

import static dev.sequent.conformance.Fixtures.LN2;
import static dev.sequent.conformance.Fixtures.LN3;
import static dev.sequent.conformance.Fixtures.LN5;
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
import dev.sequent.spi.BackendModel;
import java.util.ArrayList;
import java.util.List;

/** Forward passes of Dense layers, with outputs derived by hand or by {@link Reference}. */
final class DenseCases {

    static final String AREA = "dense";

    private DenseCases() {
    }

    // Shared by the first cases: x = [[1, 2], [3, -1]], kernel [[0.5, -1], [0.25, 2]], bias [0.1, -0.2].
    private static final Tensor X = tensor(f(1, 2, 3, -1), 2, 2);
    private static final Tensor KERNEL = tensor(f(0.5f, -1, 0.25f, 2), 2, 2);
    private static final Tensor BIAS = tensor(f(0.1f, -0.2f), 2);

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();

        cases.add(ConformanceCase.inference(AREA, "linear with bias, batch of 2", context -> {
            // sample 0: 1*0.5 + 2*0.25 + 0.1 = 1.1     1*(-1) + 2*2 - 0.2 = 2.8
            // sample 1: 3*0.5 - 1*0.25 + 0.1 = 1.35    3*(-1) - 1*2 - 0.2 = -5.2
            expectDense(context, Activation.LINEAR, true, d(1.1, 2.8, 1.35, -5.2));
        }));
        cases.add(ConformanceCase.inference(AREA, "linear without bias", context -> {
            // The sums above without the bias: [1.0, 3.0], [1.25, -5.0].
            expectDense(context, Activation.LINEAR, false, d(1.0, 3.0, 1.25, -5.0));
        }));
        cases.add(ConformanceCase.inference(AREA, "relu zeroes a negative pre-activation", context -> {
            // relu of [1.1, 2.8], [1.35, -5.2]: only -5.2 becomes 0.
            expectDense(context, Activation.RELU, true, d(1.1, 2.8, 1.35, 0));
        }));
        cases.add(ConformanceCase.inference(AREA, "relu without bias", context -> {
            expectDense(context, Activation.RELU, false, d(1.0, 3.0, 1.25, 0));
        }));
        cases.add(ConformanceCase.inference(AREA, "sigmoid", context -> {
            // One feature, one unit, kernel 1, bias 0: sigmoid(0) = 1/2,
            // sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4, sigmoid(-ln 3) = 1 / (1 + 3) = 1/4.
            Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.SIGMOID));
            Weights weights = weights("dense/kernel", tensor(f(1), 1, 1), "dense/bias", tensor(f(0), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(0, LN3, -LN3), 3, 1));
            Checks.assertClose("sigmoid", d(0.5, 0.75, 0.25), shape(3, 1), output, 1e-6, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "sigmoid with bias, no overflow at -100", context -> {
            // kernel 1, bias ln 3: sigmoid(0 + ln 3) = 3/4; sigmoid(-100 + ln 3) = e^-98.9, about 1.2e-43,
            // which float32 holds only as a subnormal or 0 (both within the tolerance), never NaN.
            Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.SIGMOID));
            Weights weights = weights("dense/kernel", tensor(f(1), 1, 1), "dense/bias", tensor(f(LN3), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(0, -100), 2, 1));
            Checks.assertClose("sigmoid", d(0.75, 0), shape(2, 1), output, 1e-6, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "tanh", context -> {
            // tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6, tanh(0) = 0, tanh(-ln 2) = -0.6.
            Sequential model = Sequential.of(Input.shape(1), Dense.units(1).activation(Activation.TANH).useBias(false));
            Weights weights = weights("dense/kernel", tensor(f(1), 1, 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(LN2, 0, -LN2), 3, 1));
            Checks.assertClose("tanh", d(0.6, 0, -0.6), shape(3, 1), output, 1e-6, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "softmax", context -> {
            // Identity kernel, zero bias, logits [0, ln 2, ln 5]: exp gives 1, 2, 5, sum 8,
            // so [1/8, 2/8, 5/8]. Second sample, logits [0, 0, 0]: [1/3, 1/3, 1/3].
            Sequential model = Sequential.of(Input.shape(3), Dense.units(3).activation(Activation.SOFTMAX));
            Weights weights = weights("dense/kernel", identity(3), "dense/bias", tensor(f(0, 0, 0), 3));
            Tensor output = context.compile(model, weights).predict(tensor(f(0, LN2, LN5, 0, 0, 0), 2, 3));
            Checks.assertClose("softmax", d(0.125, 0.25, 0.625, 1 / 3.0, 1 / 3.0, 1 / 3.0), shape(2, 3), output,
                    1e-6, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "softmax from the bias alone", context -> {
            // Zero kernel, bias [0, ln 2, ln 5]: the logits are the bias whatever x is, so [1/8, 2/8, 5/8].
            Sequential model = Sequential.of(Input.shape(2), Dense.units(3).activation(Activation.SOFTMAX));
            Weights weights = weights("dense/kernel", Tensor.zeros(2, 3), "dense/bias", tensor(f(0, LN2, LN5), 3));
            Tensor output = context.compile(model, weights).predict(tensor(f(7, -3), 1, 2));
            Checks.assertClose("softmax", d(0.125, 0.25, 0.625), shape(1, 3), output, 1e-6, 1e-5);
        }));
        cases.add(ConformanceCase.inference(AREA, "softmax of large logits", context -> {
            // Logits [1000, 1000 + ln 3, -1000]: exp(1000) overflows float32 and double, so a
            // backend must subtract the maximum first. Relative to 1000 + ln 3 the exponentials
            // are 1/3, 1 and e^-2000.98, so the result is [1/4, 3/4, 0]. float32 stores
            // 1000 + ln 3 with a spacing of 6.1e-5, hence the 1e-4 tolerance.
            Sequential model = Sequential.of(Input.shape(3), Dense.units(3).activation(Activation.SOFTMAX));
            Weights weights = weights("dense/kernel", identity(3), "dense/bias", tensor(f(0, 0, 0), 3));
            Tensor x = tensor(f(1000, 1000 + LN3, -1000, 1000, 1000, 1000), 2, 3);
            Tensor output = context.compile(model, weights).predict(x);
            Checks.assertClose("softmax", d(0.25, 0.75, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0), shape(2, 3), output,
                    1e-4, 1e-4);
        }));
        cases.add(ConformanceCase.inference(AREA, "applied per step on sequences", context -> {
            // Input [batch 2, timesteps 2, features 2], kernel [[1], [-2]], bias 0.5:
            // sample 0: [1, 1] -> 1 - 2 + 0.5 = -0.5     [2, 0] -> 2 + 0.5 = 2.5
            // sample 1: [0, 1] -> -2 + 0.5 = -1.5       [-1, -1] -> -1 + 2 + 0.5 = 1.5
            Sequential model = Sequential.of(Input.shape(2, 2), Dense.units(1));
            Weights weights = weights("dense/kernel", tensor(f(1, -2), 2, 1), "dense/bias", tensor(f(0.5f), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(1, 1, 2, 0, 0, 1, -1, -1), 2, 2, 2));
            Checks.assertClose("per step", d(-0.5, 2.5, -1.5, 1.5), shape(2, 2, 1), output, 1e-6, 1e-6);
        }));
        cases.add(ConformanceCase.inference(AREA, "stack of two layers", context -> {
            // Dense(2, relu) with kernel [[1, -1], [1, -1]], zero bias, then Dense(1) with kernel
            // [[2], [5]], bias 1.
            // x = [1, 2]:    [3, -3] -> relu [3, 0]   -> 3*2 + 0*5 + 1 = 7
            // x = [-1, 0.5]: [-0.5, 0.5] -> [0, 0.5]  -> 0*2 + 0.5*5 + 1 = 3.5
            Sequential model = Sequential.of(Input.shape(2), Dense.units(2).activation(Activation.RELU),
                    Dense.units(1));
            Weights weights = weights("dense/kernel", tensor(f(1, -1, 1, -1), 2, 2), "dense/bias",
                    tensor(f(0, 0), 2), "dense_1/kernel", tensor(f(2, 5), 2, 1), "dense_1/bias", tensor(f(1), 1));
            Tensor output = context.compile(model, weights).predict(tensor(f(1, 2, -1, 0.5f), 2, 2));
            Checks.assertClose("stack", d(7, 3.5), shape(2, 1), output, 1e-6, 1e-6);
        }));

        for (Activation activation : Activation.values()) {
            cases.add(ConformanceCase.inference(AREA, "three layers, " + activation.kerasName()
                    + ", matches the reference", context -> {
                        Sequential model = Sequential.of(Input.shape(4),
                                Dense.units(5).activation(activation),
                                Dense.units(3).activation(activation).useBias(false),
                                Dense.units(2).activation(activation));
                        Weights weights = spreadWeights(model, 0.8f);
                        Tensor x = tensor(Fixtures.spread(6 * 4, 1.5f, 7), 6, 4);
                        Tensor output = context.compile(model, weights).predict(x);
                        Checks.assertClose(activation.kerasName(), Reference.predict(model, weights, x), output);
                    }));
        }
        return cases;
    }

    private static void expectDense(CaseContext context, Activation activation, boolean useBias, double[] expected) {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(2).activation(activation).useBias(useBias));
        Weights weights = useBias
                ? weights("dense/kernel", KERNEL, "dense/bias", BIAS)
                : weights("dense/kernel", KERNEL);
        BackendModel compiled = context.compile(model, weights);
        Checks.assertClose(activation.kerasName(), expected, shape(2, 2), compiled.predict(X), 1e-6, 1e-6);
    }

    static Tensor identity(int size) {
        float[] values = new float[size * size];
        for (int i = 0; i < size; i++) {
            values[i * size + i] = 1;
        }
        return tensor(values, size, size);
    }

    /** Fills every weight of {@code model} from {@link Fixtures#spread}, a different salt per weight. */
    static Weights spreadWeights(Sequential model, float scale) {
        Weights.Builder builder = Weights.builder();
        int salt = 1;
        for (var entry : model.weightSpecs().entrySet()) {
            int[] weightShape = entry.getValue().shape();
            int size = 1;
            for (int dim : weightShape) {
                size *= dim;
            }
            builder.put(entry.getKey(), tensor(Fixtures.spread(size, scale, salt++), weightShape));
        }
        return builder.build();
    }
}
