package dev.sequent.layers;

import dev.sequent.Shape;
import java.util.List;

/**
 * A layer placed in a built model: its resolved name, its specification and the shapes it
 * reads and writes for one sample.
 */
public record BuiltLayer(String name, Layer layer, Shape inputShape, Shape outputShape) {

    /** Returns the layer's weights with their full Keras names, such as {@code dense/kernel}. */
    public List<WeightSpec> weights() {
        return layer.weights(inputShape);
    }

    /** Returns the full name of one of this layer's weights, such as {@code dense/kernel}. */
    public String weightName(String shortName) {
        return name + "/" + shortName;
    }

    /** Returns the number of trainable values. */
    public long parameterCount() {
        long count = 0;
        for (WeightSpec weight : weights()) {
            count += weight.size();
        }
        return count;
    }
}
