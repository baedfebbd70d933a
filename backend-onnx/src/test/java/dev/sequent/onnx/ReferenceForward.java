package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.SimpleRNN;

/**
 * A plain, loop-by-loop forward pass in double precision that follows the Keras 3 formulas,
 * written independently of the exporter as the expected side of ONNX Runtime comparisons:
 * Dense is {@code activation(x · kernel + bias)} at every position; SimpleRNN is
 * {@code h_t = activation(x_t · kernel + h_(t-1) · recurrent_kernel + bias)} with
 * {@code h_0 = 0}, reading steps last-to-first for {@code goBackwards} and returning states
 * in processing order.
 */
final class ReferenceForward {

    private ReferenceForward() {
    }

    /** Runs the model on {@code x}, which is {@code [batch, features]} or {@code [batch, time, features]}. */
    static Tensor predict(Sequential model, Weights weights, Tensor x) {
        int batch = x.dim(0);
        int time = x.rank() == 3 ? x.dim(1) : 1;
        int width = x.dim(x.rank() - 1);
        boolean sequence = x.rank() == 3;
        double[][][] values = new double[batch][time][width];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                for (int f = 0; f < width; f++) {
                    values[b][t][f] = x.getFlat((b * time + t) * width + f);
                }
            }
        }

        for (BuiltLayer built : model.layers()) {
            if (built.layer() instanceof Dense dense) {
                values = dense(values, weights, built, dense);
            } else if (built.layer() instanceof SimpleRNN rnn) {
                values = simpleRnn(values, weights, built, rnn);
                sequence = rnn.returnSequences();
            }
        }

        int outTime = values[0].length;
        int outWidth = values[0][0].length;
        float[] flat = new float[batch * outTime * outWidth];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < outTime; t++) {
                for (int u = 0; u < outWidth; u++) {
                    flat[(b * outTime + t) * outWidth + u] = (float) values[b][t][u];
                }
            }
        }
        return sequence ? Tensor.wrap(flat, batch, outTime, outWidth) : Tensor.wrap(flat, batch, outWidth);
    }

    private static double[][][] dense(double[][][] in, Weights weights, BuiltLayer built, Dense dense) {
        Tensor kernel = weights.get(built.weightName("kernel"));
        int features = kernel.dim(0);
        int units = dense.units();
        double[][][] out = new double[in.length][in[0].length][units];
        for (int b = 0; b < in.length; b++) {
            for (int t = 0; t < in[0].length; t++) {
                for (int u = 0; u < units; u++) {
                    double sum = dense.useBias() ? weights.get(built.weightName("bias")).getFlat(u) : 0;
                    for (int f = 0; f < features; f++) {
                        sum += in[b][t][f] * kernel.getFlat(f * units + u);
                    }
                    out[b][t][u] = sum;
                }
                activate(out[b][t], dense.activation());
            }
        }
        return out;
    }

    private static double[][][] simpleRnn(double[][][] in, Weights weights, BuiltLayer built, SimpleRNN rnn) {
        Tensor kernel = weights.get(built.weightName("kernel"));
        Tensor recurrent = weights.get(built.weightName("recurrent_kernel"));
        int features = kernel.dim(0);
        int units = rnn.units();
        int time = in[0].length;
        double[][][] out = new double[in.length][rnn.returnSequences() ? time : 1][units];
        for (int b = 0; b < in.length; b++) {
            double[] h = new double[units];
            for (int step = 0; step < time; step++) {
                int t = rnn.goBackwards() ? time - 1 - step : step;
                double[] next = new double[units];
                for (int u = 0; u < units; u++) {
                    double sum = rnn.useBias() ? weights.get(built.weightName("bias")).getFlat(u) : 0;
                    for (int f = 0; f < features; f++) {
                        sum += in[b][t][f] * kernel.getFlat(f * units + u);
                    }
                    for (int v = 0; v < units; v++) {
                        sum += h[v] * recurrent.getFlat(v * units + u);
                    }
                    next[u] = sum;
                }
                activate(next, rnn.activation());
                h = next;
                if (rnn.returnSequences()) {
                    out[b][step] = h.clone();
                }
            }
            if (!rnn.returnSequences()) {
                out[b][0] = h;
            }
        }
        return out;
    }

    private static void activate(double[] row, Activation activation) {
        switch (activation) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.max(row[i], 0);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] = 1 / (1 + Math.exp(-row[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.tanh(row[i]);
                }
            }
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double value : row) {
                    max = Math.max(max, value);
                }
                double sum = 0;
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.exp(row[i] - max);
                    sum += row[i];
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] /= sum;
                }
            }
        }
    }
}
