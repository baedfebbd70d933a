package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.Layer;
import dev.sequent.layers.SimpleRNN;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's layer configuration as JSON in Keras's vocabulary, stored in the ONNX file's
 * {@code metadata_props} so that Sequent can rebuild the model from a file it exported:
 *
 * <pre>{@code
 * {"format_version": 1, "name": "sequential", "batch_shape": [null, null, 8],
 *  "layers": [{"class_name": "SimpleRNN", "config": {"name": "simple_rnn", "units": 16,
 *              "activation": "tanh", "use_bias": true, "return_sequences": false,
 *              "go_backwards": false}},
 *             {"class_name": "Dense", "config": {"name": "dense", "units": 1,
 *              "activation": "linear", "use_bias": true}}]}
 * }</pre>
 *
 * Initializers are not stored: the weights travel as ONNX initializers.
 */
final class LayerConfig {

    /** The {@code metadata_props} key of the configuration. */
    static final String METADATA_KEY = "sequent.model_config";
    static final int FORMAT_VERSION = 1;

    private LayerConfig() {
    }

    static String toJson(Sequential model) {
        StringBuilder json = new StringBuilder();
        json.append("{\"format_version\": ").append(FORMAT_VERSION);
        json.append(", \"name\": ").append(MiniJson.quote(model.name()));
        json.append(", \"batch_shape\": [null");
        for (int dim : model.inputShape().dims()) {
            json.append(", ").append(dim == Shape.VARIABLE ? "null" : Integer.toString(dim));
        }
        json.append("], \"layers\": [");
        List<BuiltLayer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(layerJson(layers.get(i)));
        }
        return json.append("]}").toString();
    }

    private static String layerJson(BuiltLayer built) {
        StringBuilder json = new StringBuilder("{\"class_name\": ");
        json.append(MiniJson.quote(built.layer().typeName()));
        json.append(", \"config\": {\"name\": ").append(MiniJson.quote(built.name()));
        if (built.layer() instanceof Dense dense) {
            json.append(", \"units\": ").append(dense.units());
            json.append(", \"activation\": ").append(MiniJson.quote(dense.activation().kerasName()));
            json.append(", \"use_bias\": ").append(dense.useBias());
        } else if (built.layer() instanceof SimpleRNN rnn) {
            json.append(", \"units\": ").append(rnn.units());
            json.append(", \"activation\": ").append(MiniJson.quote(rnn.activation().kerasName()));
            json.append(", \"use_bias\": ").append(rnn.useBias());
            json.append(", \"return_sequences\": ").append(rnn.returnSequences());
            json.append(", \"go_backwards\": ").append(rnn.goBackwards());
        }
        return json.append("}}").toString();
    }

    /**
     * Rebuilds the model described by {@code json}.
     *
     * @throws IllegalArgumentException naming the first missing or invalid entry
     */
    static Sequential fromJson(String json) {
        Map<String, Object> root = object(MiniJson.parse(json), "the configuration");
        int version = integer(root, "format_version");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version is " + version + ", but this Sequent reads version "
                    + FORMAT_VERSION + "; export the model again with this Sequent version.");
        }
        String name = string(root, "name");
        Input input = input(list(root, "batch_shape"));

        List<Layer> layers = new ArrayList<>();
        for (Object entry : list(root, "layers")) {
            layers.add(layer(object(entry, "a layer entry")));
        }
        return Sequential.named(name, input, layers.toArray(new Layer[0]));
    }

    private static Input input(List<Object> batchShape) {
        if (batchShape.size() == 2) {
            return Input.shape(dimension(batchShape.get(1)));
        }
        if (batchShape.size() == 3) {
            int features = dimension(batchShape.get(2));
            Object time = batchShape.get(1);
            return time == MiniJson.NULL ? Input.sequence(features) : Input.shape(dimension(time), features);
        }
        throw new IllegalArgumentException("batch_shape must have 2 or 3 entries, but has " + batchShape.size() + ".");
    }

    private static int dimension(Object value) {
        if (!(value instanceof Double number) || number != Math.rint(number) || number <= 0) {
            throw new IllegalArgumentException("batch_shape entry " + value + " is not a positive integer.");
        }
        return number.intValue();
    }

    private static Layer layer(Map<String, Object> entry) {
        String className = string(entry, "class_name");
        Map<String, Object> config = object(entry.get("config"), "the config of a " + className + " layer");
        String name = string(config, "name");
        int units = integer(config, "units");
        Activation activation = Activation.fromKerasName(string(config, "activation"));
        boolean useBias = bool(config, "use_bias");
        return switch (className) {
            case "Dense" -> Dense.units(units).activation(activation).useBias(useBias).name(name);
            case "SimpleRNN" -> SimpleRNN.units(units).activation(activation).useBias(useBias)
                    .returnSequences(bool(config, "return_sequences"))
                    .goBackwards(bool(config, "go_backwards"))
                    .name(name);
            default -> throw new IllegalArgumentException("Layer '" + name + "' has class_name '" + className
                    + "'; expected Dense or SimpleRNN.");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String description) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Expected " + description + " to be a JSON object, but found " + value + ".");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException("Key '" + key + "' must be a JSON array, but is " + object.get(key)
                    + ".");
        }
        return (List<Object>) list;
    }

    private static String string(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof String value)) {
            throw new IllegalArgumentException("Key '" + key + "' must be a string, but is " + object.get(key) + ".");
        }
        return value;
    }

    private static int integer(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof Double number) || number != Math.rint(number)) {
            throw new IllegalArgumentException("Key '" + key + "' must be an integer, but is " + object.get(key)
                    + ".");
        }
        return number.intValue();
    }

    private static boolean bool(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof Boolean value)) {
            throw new IllegalArgumentException("Key '" + key + "' must be true or false, but is " + object.get(key)
                    + ".");
        }
        return value;
    }
}
