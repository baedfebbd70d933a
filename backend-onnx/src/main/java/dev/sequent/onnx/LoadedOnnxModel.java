package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import java.util.Objects;

/**
 * A model read back from an ONNX file that Sequent exported: the layer configuration and the
 * weights in Keras layouts, ready for {@code compile} and {@code setWeights} on any backend.
 */
public record LoadedOnnxModel(Sequential model, Weights weights) {

    public LoadedOnnxModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(weights, "weights");
    }
}
