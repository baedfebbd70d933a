package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.io.Json;
import dev.sequent.io.ModelConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's configuration, stored as JSON in the ONNX file's {@code metadata_props} so that
 * Sequent can rebuild the model from a file it exported. The model entry is the same
 * Keras-vocabulary description that a saved Sequent model file contains (see {@link ModelConfig}):
 *
 * <pre>{@code
 * {"format_version": 1,
 *  "model": {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
 *      {"class_name": "InputLayer", "config": {"batch_shape": [null, null, 8]}},
 *      {"class_name": "SimpleRNN", "config": {"name": "simple_rnn", "units": 16, ...}},
 *      {"class_name": "Dense", "config": {"name": "dense", "units": 1, ...}}]}}}
 * }</pre>
 *
 * The weights travel as ONNX initializers.
 */
final class LayerConfig {

    /** The {@code metadata_props} key of the configuration. */
    static final String METADATA_KEY = "sequent.model_config";
    static final int FORMAT_VERSION = 1;

    private LayerConfig() {
    }

    static String toJson(Sequential model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("format_version", FORMAT_VERSION);
        entry.put("model", ModelConfig.model(model));
        return Json.write(entry);
    }

    /**
     * Rebuilds the model.
     *
     * @throws IllegalArgumentException naming the invalid entry, or an unknown format version
     */
    static Sequential fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the configuration is not a JSON object");
        }
        Object version = map.get("format_version");
        if (!(version instanceof Double number) || number != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version is " + version + ", but this Sequent reads version "
                    + FORMAT_VERSION);
        }
        Object model = map.get("model");
        if (!(model instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the entry 'model' is missing or not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> description = (Map<String, Object>) model;
        return ModelConfig.readModel(description);
    }
}
