package dev.sequent.layers;

import dev.sequent.init.Initializer;
import java.util.Arrays;

/**
 * One weight of a layer: its short name ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}), its shape in the Keras layout and the initializer that draws it.
 */
public record WeightSpec(String name, int[] shape, Initializer initializer) {

    public WeightSpec {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the number of values. */
    public int size() {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
