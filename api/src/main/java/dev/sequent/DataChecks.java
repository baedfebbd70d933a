package dev.sequent;

import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import java.util.Arrays;

/**
 * The one place where data meets a model: shape, sample-count, finiteness and label checks,
 * each raising a typed exception that names the array, the value found, what was expected
 * and what to change. Runs before any work is done.
 */
final class DataChecks {

    private DataChecks() {
    }

    /**
     * Checks inputs against the model's declared input shape.
     *
     * @throws ShapeMismatchException if the rank or a fixed dimension differs
     * @throws InvalidDataException if there are no samples or a value is NaN or infinite
     */
    static void checkInput(Sequential model, Tensor x, String name) {
        Shape expected = model.inputShape();
        int[] found = x.shape();
        BuiltLayer first = model.layers().get(0);
        String layer = "Layer '" + first.name() + "' (" + first.layer().typeName() + ")";

        // Empty data is reported first: Tensor.of(new float[0][n]) has shape [0, 0], whatever n is.
        if (found.length > 0 && found[0] == 0) {
            throw new InvalidDataException(name + " has no samples (shape " + Arrays.toString(found)
                    + "); pass at least one sample.");
        }
        if (found.length == 3 && found[1] == 0 && expected.rank() == 2) {
            throw new InvalidDataException(name + " has sequences of 0 time steps (shape " + Arrays.toString(found)
                    + "); " + layer + " needs at least one time step per sequence.");
        }
        if (!expected.accepts(found)) {
            StringBuilder message = new StringBuilder(layer).append(" expects ").append(name).append(" of shape ")
                    .append(describe(expected)).append(", but ").append(name).append(" has shape ")
                    .append(Arrays.toString(found)).append(". ");
            message.append(fix(first, expected, found, name));
            throw new ShapeMismatchException(message.toString());
        }
        checkFinite(x, name);
    }

    private static String fix(BuiltLayer first, Shape expected, int[] found, String name) {
        boolean recurrent = first.layer() instanceof SimpleRNN;
        if (recurrent && found.length == 2 && expected.isFixed() && found[1] == expected.size()) {
            return "Reshape it to [batch, timesteps, features]: " + name + ".reshape(" + found[0] + ", "
                    + expected.dim(0) + ", " + expected.dim(1) + ").";
        }
        if (recurrent && found.length == 2) {
            return "A recurrent layer reads [batch, timesteps, features]; build windows with"
                    + " dev.sequent.data, or reshape each row into timesteps x features.";
        }
        if (found.length != expected.rank() + 1) {
            return "Give " + name + " rank " + (expected.rank() + 1) + " with the batch on axis 0,"
                    + " or change the model's Input.shape(...).";
        }
        return "Give every sample the shape " + expected + ", or change the model's Input.shape(...) to match the data.";
    }

    /** Formats a sample shape with a {@code batch} axis, such as {@code [batch, 14, 4]}. */
    private static String describe(Shape shape) {
        StringBuilder text = new StringBuilder("[batch");
        for (int i = 0; i < shape.rank(); i++) {
            text.append(", ").append(shape.dim(i) == Shape.VARIABLE ? "timesteps" : Integer.toString(shape.dim(i)));
        }
        return text.append(']').toString();
    }

    /**
     * Checks targets against the model's output and the loss, and returns them in the layout
     * backends receive: class indices of shape {@code output minus its last axis} for sparse
     * losses, otherwise the output's shape.
     *
     * @throws ShapeMismatchException if the shape fits neither layout
     * @throws InvalidDataException for non-finite values or labels outside {@code [0, classes)}
     */
    static Tensor checkTargets(Sequential model, Loss loss, Tensor x, Tensor y, String name) {
        int[] xShape = x.shape();
        int[] yShape = y.shape();
        if (yShape.length == 0 || yShape[0] != xShape[0]) {
            // Named after the targets, because the inputs may be "x" or "validation x".
            String found = yShape.length == 0 ? "no sample axis (it is a scalar)" : yShape[0] + " samples";
            throw new InvalidDataException(name + " has " + found + ", but its inputs have " + xShape[0]
                    + " samples; pass one target per sample.");
        }
        checkFinite(y, name);

        int[] output = outputShapeFor(model, xShape);
        int classes = output[output.length - 1];
        String lossName = loss.kerasName();

        if (loss.sparseLabels()) {
            int[] sparse = Arrays.copyOf(output, output.length - 1);
            Tensor canonical = reshapeIfMatches(y, sparse);
            if (canonical == null) {
                String hint = Arrays.equals(yShape, output)
                        ? " It looks one-hot: use Loss.CATEGORICAL_CROSSENTROPY, or pass class indices (Tensor.labels(...))."
                        : " Pass one class index per " + (output.length > 2 ? "time step" : "sample") + ".";
                throw new ShapeMismatchException(lossName + " expects " + name + " of shape "
                        + Arrays.toString(sparse) + " (class indices),"
                        + " but " + name + " has shape " + Arrays.toString(yShape) + "." + hint);
            }
            checkClassIndices(canonical, classes, name, lossName);
            return canonical;
        }

        Tensor canonical = reshapeIfMatches(y, output);
        if (canonical == null) {
            String hint;
            if (yShape.length == output.length - 1 && classes > 1) {
                hint = " It looks like class indices: use Loss.SPARSE_CATEGORICAL_CROSSENTROPY, or one-hot encode"
                        + " them with Tensor.oneHot(labels, " + classes + ").";
            } else if (yShape.length == output.length) {
                hint = " The model's output has width " + classes + " but " + name + " has width "
                        + yShape[yShape.length - 1] + "; change the last layer's units or the targets.";
            } else {
                hint = " Give " + name + " the model's output shape.";
            }
            throw new ShapeMismatchException(lossName + " expects " + name + " of shape " + Arrays.toString(output)
                    + " (the model's output), but " + name + " has shape " + Arrays.toString(yShape) + "." + hint);
        }
        return canonical;
    }

    /** Returns the output shape with the batch axis for inputs of the given shape. */
    static int[] outputShapeFor(Sequential model, int[] xShape) {
        int[] sample = model.outputShape().dims();
        int[] output = new int[sample.length + 1];
        output[0] = xShape[0];
        for (int i = 0; i < sample.length; i++) {
            output[i + 1] = sample[i] == Shape.VARIABLE ? xShape[1] : sample[i];
        }
        return output;
    }

    private static Tensor reshapeIfMatches(Tensor y, int[] expected) {
        int[] found = y.shape();
        if (Arrays.equals(found, expected)) {
            return y;
        }
        // Accept a trailing axis of 1 on either side, as Keras squeezes or expands targets.
        if (found.length == expected.length + 1 && found[found.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(found, expected.length), expected)) {
            return y.reshape(expected);
        }
        if (expected.length == found.length + 1 && expected[expected.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(expected, found.length), found)) {
            return y.reshape(expected);
        }
        return null;
    }

    private static void checkClassIndices(Tensor labels, int classes, String name, String lossName) {
        for (int i = 0; i < labels.size(); i++) {
            float label = labels.getFlat(i);
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                String labelText = label == Math.rint(label) ? Long.toString((long) label) : Float.toString(label);
                throw new InvalidDataException(name + " contains label " + labelText + " at " + position(labels, i)
                        + ", but " + lossName + " needs whole class indices in [0, " + classes + ") for an output of "
                        + classes + " classes. Fix the label, or give the last layer more units.");
            }
        }
    }

    /**
     * Checks that every value is finite.
     *
     * @throws InvalidDataException naming the array and the position of the first NaN or infinity
     */
    static void checkFinite(Tensor tensor, String name) {
        for (int i = 0; i < tensor.size(); i++) {
            float value = tensor.getFlat(i);
            if (!Float.isFinite(value)) {
                throw new InvalidDataException(name + " contains " + value + " at " + position(tensor, i)
                        + "; every value must be finite. Remove or impute missing values, or check the scaling that produced them.");
            }
        }
    }

    /** Describes a flat index as row and column (rank 2), sample, step and feature (rank 3), or an index. */
    private static String position(Tensor tensor, int flat) {
        int[] shape = tensor.shape();
        if (shape.length == 1) {
            return "row " + flat;
        }
        if (shape.length == 2) {
            return "row " + flat / shape[1] + ", column " + flat % shape[1];
        }
        if (shape.length == 3) {
            int perSample = shape[1] * shape[2];
            return "sample " + flat / perSample + ", time step " + (flat % perSample) / shape[2] + ", feature "
                    + flat % shape[2];
        }
        return "flat index " + flat;
    }
}
