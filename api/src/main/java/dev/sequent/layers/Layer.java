package dev.sequent.layers;

import dev.sequent.ModelDefinitionException;
import dev.sequent.Shape;
import java.util.List;
import java.util.Optional;

/**
 * An immutable layer specification. Layers hold no weights: the initial weights are drawn
 * by the API from each layer's {@link WeightSpec}s, and trained weights live in a backend.
 */
public sealed interface Layer permits Dense, SimpleRNN {

    /** Returns the name the user gave, if any; otherwise the model generates one. */
    Optional<String> name();

    /** Returns the layer type as Keras prints it, for example {@code "Dense"}. */
    String typeName();

    /** Returns the stem of generated names, for example {@code "dense"} for {@code dense_1}. */
    String namePrefix();

    /**
     * Returns the output shape for one sample of the given input shape.
     *
     * @param layerName the resolved name, used in error messages
     * @throws ModelDefinitionException if this layer cannot accept the input shape
     */
    Shape outputShape(Shape input, String layerName);

    /** Returns the weights this layer owns for the given input shape, in Keras order. */
    List<WeightSpec> weights(Shape input);
}
