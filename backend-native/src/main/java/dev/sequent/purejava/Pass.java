package dev.sequent.purejava;

import java.util.List;

/**
 * The buffers of one pass through a model at one input shape: every layer's output, its scratch
 * and, for training, the labels, the gradient with respect to every layer's output and the
 * gradient of every weight. {@code predict} reuses the last call's pass when no other call is using
 * it, and puts a new output array into it each time; training keeps one pass per input shape and
 * reuses it.
 */
final class Pass {

    /** {@code shapes[0]} is the input's, {@code shapes[l + 1]} layer {@code l}'s output's. */
    final BatchShape[] shapes;
    /** {@code values[0]} is the input, {@code values[l + 1]} layer {@code l}'s output. */
    final float[][] values;
    final float[][][] scratch;
    /** {@code outputGradients[l + 1]} is d(loss)/d(layer l's output); null without training. */
    final float[][] outputGradients;
    /** The labels of a training batch; null without training. */
    final float[] labels;
    /** Every weight's gradient, in model order; null without training. */
    final float[][] weightGradients;
    /** {@code layerWeightGradients[l]} are layer l's arrays of {@link #weightGradients}; null without training. */
    final float[][][] layerWeightGradients;

    /** Allocates the buffers of a forward pass only. */
    static Pass forInference(List<NativeLayer> layers, BatchShape input) {
        return new Pass(layers, input, false, 0, null, null);
    }

    /**
     * Allocates the buffers of a forward and backward pass.
     *
     * @param labelCount the number of label values a batch of this shape has
     * @param weightSizes the size of every weight, in model order
     * @param layerWeights for each layer, the model-order indexes of its weights
     */
    static Pass forTraining(List<NativeLayer> layers, BatchShape input, int labelCount, int[] weightSizes,
            int[][] layerWeights) {
        return new Pass(layers, input, true, labelCount, weightSizes, layerWeights);
    }

    private Pass(List<NativeLayer> layers, BatchShape input, boolean training, int labelCount, int[] weightSizes,
            int[][] layerWeights) {
        int count = layers.size();
        shapes = new BatchShape[count + 1];
        values = new float[count + 1][];
        scratch = new float[count][][];
        shapes[0] = input;
        values[0] = new float[input.size()];
        for (int l = 0; l < count; l++) {
            NativeLayer layer = layers.get(l);
            shapes[l + 1] = layer.outputShape(shapes[l]);
            values[l + 1] = new float[shapes[l + 1].size()];
            scratch[l] = layer.newScratch(shapes[l], training);
        }

        if (training) {
            outputGradients = new float[count + 1][];
            for (int l = 1; l <= count; l++) {
                outputGradients[l] = new float[shapes[l].size()];
            }
            labels = new float[labelCount];
            weightGradients = new float[weightSizes.length][];
            for (int w = 0; w < weightSizes.length; w++) {
                weightGradients[w] = new float[weightSizes[w]];
            }
            layerWeightGradients = new float[count][][];
            for (int l = 0; l < count; l++) {
                layerWeightGradients[l] = new float[layerWeights[l].length][];
                for (int i = 0; i < layerWeights[l].length; i++) {
                    layerWeightGradients[l][i] = weightGradients[layerWeights[l][i]];
                }
            }
        } else {
            outputGradients = null;
            labels = null;
            weightGradients = null;
            layerWeightGradients = null;
        }
    }

    float[] input() {
        return values[0];
    }

    float[] output() {
        return values[values.length - 1];
    }

    BatchShape outputShape() {
        return shapes[shapes.length - 1];
    }
}
