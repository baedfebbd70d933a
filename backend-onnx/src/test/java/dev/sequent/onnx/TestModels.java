package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The models the export tests run, by case name, and seeded random inputs and weights. */
final class TestModels {

    static final int FEATURES = 5;
    static final int TIME = 6;

    private TestModels() {
    }

    /** Returns one model for each exported feature, keyed by a short case name. */
    static Map<String, Sequential> exportCases() {
        Map<String, Sequential> cases = new LinkedHashMap<>();
        for (Activation activation : Activation.values()) {
            cases.put("dense " + activation.kerasName(), Sequential.of(Input.shape(FEATURES),
                    Dense.units(7).activation(Activation.RELU), Dense.units(4).activation(activation)));
        }
        cases.put("dense no bias", Sequential.of(Input.shape(FEATURES), Dense.units(3).useBias(false)));
        for (Activation activation : new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID,
                Activation.LINEAR}) {
            cases.put("rnn " + activation.kerasName(), Sequential.of(Input.shape(TIME, FEATURES),
                    SimpleRNN.units(4).activation(activation)));
        }
        cases.put("rnn sequences", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(4).returnSequences(true)));
        cases.put("rnn backwards", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(4).goBackwards(true)));
        cases.put("rnn backwards sequences", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(4).goBackwards(true).returnSequences(true)));
        cases.put("rnn no bias", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(4).useBias(false).returnSequences(true)));
        cases.put("rnn stacked", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(6).returnSequences(true), SimpleRNN.units(3)));
        cases.put("rnn then dense", Sequential.of(Input.shape(TIME, FEATURES),
                SimpleRNN.units(4).returnSequences(true).activation(Activation.RELU),
                Dense.units(3).activation(Activation.SOFTMAX), Dense.units(2).useBias(false)));
        cases.put("rnn variable length", Sequential.of(Input.sequence(FEATURES),
                SimpleRNN.units(4).returnSequences(true).goBackwards(true), SimpleRNN.units(2)));
        return cases;
    }

    /**
     * Returns the model's initial weights with every bias replaced by random values, since
     * the default zero bias would hide a wrong bias layout.
     */
    static Weights weights(Sequential model, long seed) {
        Weights initial = model.initialWeights(seed);
        SplittableRandom random = new SplittableRandom(seed);
        Weights.Builder weights = Weights.builder();
        for (Map.Entry<String, Tensor> entry : initial.asMap().entrySet()) {
            Tensor value = entry.getValue();
            if (entry.getKey().endsWith("/bias")) {
                value = uniform(random, value.shape());
            }
            weights.put(entry.getKey(), value);
        }
        return weights.build();
    }

    /** Returns an input batch for the model, with {@link #TIME} steps for sequence inputs. */
    static Tensor input(Sequential model, int batch, long seed) {
        int[] sample = model.inputShape().dims();
        int[] shape = new int[sample.length + 1];
        shape[0] = batch;
        for (int i = 0; i < sample.length; i++) {
            shape[i + 1] = sample[i] < 0 ? TIME : sample[i];
        }
        return uniform(new SplittableRandom(seed), shape);
    }

    /** Values uniform in [-1, 1). */
    static Tensor uniform(SplittableRandom random, int... shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Tensor.wrap(values, shape);
    }
}
