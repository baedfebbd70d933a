package dev.sequent.conformance;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Layer;
import dev.sequent.layers.SimpleRNN;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A naive double-precision forward pass of a {@link Sequential} model, written from the layer
 * formulas with plain loops. Cases use it to derive expected outputs independently of any
 * backend; it is deliberately slow and simple.
 */
public final class Reference {

    private Reference() {
    }

    /** A double-precision array with its shape, axis 0 being the batch. */
    public record Values(double[] values, int[] shape) {

        /** Returns the values rounded to float32, as a backend would return them. */
        public float[] toFloats() {
            float[] result = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = (float) values[i];
            }
            return result;
        }

        @Override
        public String toString() {
            return "Values" + Arrays.toString(shape) + " " + Arrays.toString(values);
        }
    }

    /** Runs the whole model on {@code x} in double precision. */
    public static Values predict(Sequential model, Weights weights, Tensor x) {
        return predict(model, doubles(weights), x);
    }

    /**
     * Runs the whole model on {@code x} in double precision with one weight replaced by
     * double-precision values, for finite differences finer than float32 allows.
     */
    public static Values predict(Sequential model, Weights weights, Tensor x, String replacedName,
            double[] replacedValues) {
        Map<String, double[]> values = doubles(weights);
        if (values.put(replacedName, replacedValues.clone()) == null) {
            throw new IllegalArgumentException("No weight named '" + replacedName + "'; the weights are "
                    + weights.names() + ".");
        }
        return predict(model, values, x);
    }

    private static Values predict(Sequential model, Map<String, double[]> weights, Tensor x) {
        double[] values = new double[x.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = x.getFlat(i);
        }
        Values current = new Values(values, x.shape());
        for (BuiltLayer built : model.layers()) {
            current = apply(built, weights, current);
        }
        return current;
    }

    private static Values apply(BuiltLayer built, Map<String, double[]> weights, Values input) {
        Layer layer = built.layer();
        double[] kernel = weights.get(built.weightName("kernel"));
        if (layer instanceof Dense dense) {
            double[] bias = dense.useBias() ? weights.get(built.weightName("bias")) : null;
            return dense(input, kernel, bias, dense.units(), dense.activation());
        }
        SimpleRNN rnn = (SimpleRNN) layer;
        double[] recurrent = weights.get(built.weightName("recurrent_kernel"));
        double[] bias = rnn.useBias() ? weights.get(built.weightName("bias")) : null;
        return simpleRnn(input, kernel, recurrent, bias, rnn.units(), rnn.activation(), rnn.returnSequences(),
                rnn.goBackwards());
    }

    /**
     * Applies {@code activation(x · kernel + bias)} to every row of the last axis of
     * {@code input}. The kernel is {@code [features, units]} row-major, and the bias may be null.
     */
    public static Values dense(Values input, double[] kernel, double[] bias, int units, Activation activation) {
        int[] shape = input.shape();
        int features = shape[shape.length - 1];
        int rows = input.values().length / features;
        double[] output = new double[rows * units];
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                double sum = bias == null ? 0 : bias[u];
                for (int f = 0; f < features; f++) {
                    sum += input.values()[r * features + f] * kernel[f * units + u];
                }
                output[r * units + u] = sum;
            }
            activate(output, r * units, units, activation);
        }
        int[] outputShape = shape.clone();
        outputShape[outputShape.length - 1] = units;
        return new Values(output, outputShape);
    }

    /**
     * Runs {@code h_t = activation(x_t · kernel + h_(t-1) · recurrent + bias)} from
     * {@code h_0 = 0} over {@code input [batch, timesteps, features]}, reading the steps from
     * last to first when {@code goBackwards}, and returning the states in processing order.
     */
    public static Values simpleRnn(Values input, double[] kernel, double[] recurrent, double[] bias, int units,
            Activation activation, boolean returnSequences, boolean goBackwards) {
        int batch = input.shape()[0];
        int steps = input.shape()[1];
        int features = input.shape()[2];
        double[] output = new double[returnSequences ? batch * steps * units : batch * units];
        for (int b = 0; b < batch; b++) {
            double[] state = new double[units];
            for (int s = 0; s < steps; s++) {
                int t = goBackwards ? steps - 1 - s : s;
                double[] next = new double[units];
                for (int u = 0; u < units; u++) {
                    double sum = bias == null ? 0 : bias[u];
                    for (int f = 0; f < features; f++) {
                        sum += input.values()[(b * steps + t) * features + f] * kernel[f * units + u];
                    }
                    for (int v = 0; v < units; v++) {
                        sum += state[v] * recurrent[v * units + u];
                    }
                    next[u] = sum;
                }
                activate(next, 0, units, activation);
                state = next;
                if (returnSequences) {
                    System.arraycopy(state, 0, output, (b * steps + s) * units, units);
                }
            }
            if (!returnSequences) {
                System.arraycopy(state, 0, output, b * units, units);
            }
        }
        int[] shape = returnSequences ? new int[] {batch, steps, units} : new int[] {batch, units};
        return new Values(output, shape);
    }

    /** Applies an activation in place to {@code width} values from {@code offset}. */
    public static void activate(double[] values, int offset, int width, Activation activation) {
        switch (activation) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = offset; i < offset + width; i++) {
                    values[i] = Math.max(values[i], 0);
                }
            }
            case SIGMOID -> {
                for (int i = offset; i < offset + width; i++) {
                    values[i] = 1 / (1 + Math.exp(-values[i]));
                }
            }
            case TANH -> {
                for (int i = offset; i < offset + width; i++) {
                    values[i] = Math.tanh(values[i]);
                }
            }
            case SOFTMAX -> {
                // Subtracting the maximum keeps exp from overflowing; it cancels in the ratio.
                double max = Double.NEGATIVE_INFINITY;
                for (int i = offset; i < offset + width; i++) {
                    max = Math.max(max, values[i]);
                }
                double sum = 0;
                for (int i = offset; i < offset + width; i++) {
                    values[i] = Math.exp(values[i] - max);
                    sum += values[i];
                }
                for (int i = offset; i < offset + width; i++) {
                    values[i] /= sum;
                }
            }
            default -> throw new AssertionError(activation);
        }
    }

    private static Map<String, double[]> doubles(Weights weights) {
        Map<String, double[]> byName = new HashMap<>();
        for (Map.Entry<String, Tensor> entry : weights.asMap().entrySet()) {
            Tensor tensor = entry.getValue();
            double[] values = new double[tensor.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFlat(i);
            }
            byName.put(entry.getKey(), values);
        }
        return byName;
    }
}
