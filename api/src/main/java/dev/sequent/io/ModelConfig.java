package dev.sequent.io;

import dev.sequent.CompileOptions;
import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.init.Initializer;
import dev.sequent.init.Initializers;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.Layer;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizer;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts models and compile settings to and from JSON-ready maps in Keras's vocabulary:
 * {@code {"class_name": "Dense", "config": {"name": "dense", "units": 64, "activation": "relu",
 * "use_bias": true, ...}}}. Readers raise {@link IllegalArgumentException} naming the entry that
 * is missing or invalid.
 */
public final class ModelConfig {

    private ModelConfig() {
    }

    // ---- model ----

    /** Describes a model: its name, its input and its layers with every option and resolved name. */
    public static Map<String, Object> model(Sequential model) {
        List<Object> layers = new ArrayList<>();
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        for (int dim : model.inputShape().dims()) {
            batchShape.add(dim == Shape.VARIABLE ? null : dim);
        }
        layers.add(entry("InputLayer", ordered("batch_shape", batchShape)));
        for (BuiltLayer built : model.layers()) {
            layers.add(layer(built));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("layers", layers);
        return entry("Sequential", config);
    }

    private static Map<String, Object> layer(BuiltLayer built) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", built.name());
        if (built.layer() instanceof Dense dense) {
            config.put("units", dense.units());
            config.put("activation", dense.activation().kerasName());
            config.put("use_bias", dense.useBias());
            config.put("kernel_initializer", initializer(dense.kernelInitializer()));
            config.put("bias_initializer", initializer(dense.biasInitializer()));
            return entry("Dense", config);
        }
        SimpleRNN rnn = (SimpleRNN) built.layer();
        config.put("units", rnn.units());
        config.put("activation", rnn.activation().kerasName());
        config.put("use_bias", rnn.useBias());
        config.put("return_sequences", rnn.returnSequences());
        config.put("go_backwards", rnn.goBackwards());
        config.put("kernel_initializer", initializer(rnn.kernelInitializer()));
        config.put("recurrent_initializer", initializer(rnn.recurrentInitializer()));
        config.put("bias_initializer", initializer(rnn.biasInitializer()));
        return entry("SimpleRNN", config);
    }

    /** Rebuilds a model from {@link #model(Sequential)}'s description. */
    public static Sequential readModel(Map<String, Object> description) {
        expectClass(description, "Sequential", "model");
        Map<String, Object> config = object(description, "config");
        List<Object> entries = list(config, "layers");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the model has no layers, not even an InputLayer");
        }

        Map<String, Object> inputEntry = asObject(entries.get(0), "layers[0]");
        expectClass(inputEntry, "InputLayer", "layers[0]");
        List<Object> batchShape = list(object(inputEntry, "config"), "batch_shape");
        if (batchShape.size() < 2 || batchShape.size() > 3) {
            throw new IllegalArgumentException("InputLayer batch_shape " + batchShape
                    + " must have 2 or 3 entries: [null, features] or [null, timesteps, features]");
        }
        Input input;
        if (batchShape.size() == 3 && batchShape.get(1) == null) {
            input = Input.sequence(positiveInt(batchShape.get(2), "batch_shape[2]"));
        } else {
            int[] dims = new int[batchShape.size() - 1];
            for (int i = 1; i < batchShape.size(); i++) {
                dims[i - 1] = positiveInt(batchShape.get(i), "batch_shape[" + i + "]");
            }
            input = Input.shape(dims);
        }

        Layer[] layers = new Layer[entries.size() - 1];
        for (int i = 1; i < entries.size(); i++) {
            layers[i - 1] = readLayer(asObject(entries.get(i), "layers[" + i + "]"), i);
        }
        return Sequential.named(string(config, "name"), input, layers);
    }

    private static Layer readLayer(Map<String, Object> entry, int index) {
        String className = string(entry, "class_name");
        Map<String, Object> config = object(entry, "config");
        String name = string(config, "name");
        int units = positiveInt(config.get("units"), name + ".units");
        Activation activation = Activation.fromKerasName(string(config, "activation"));
        boolean useBias = bool(config, "use_bias");
        switch (className) {
            case "Dense":
                return Dense.units(units).activation(activation).useBias(useBias)
                        .kernelInitializer(readInitializer(object(config, "kernel_initializer")))
                        .biasInitializer(readInitializer(object(config, "bias_initializer")))
                        .name(name);
            case "SimpleRNN":
                return SimpleRNN.units(units).activation(activation).useBias(useBias)
                        .returnSequences(bool(config, "return_sequences"))
                        .goBackwards(bool(config, "go_backwards"))
                        .kernelInitializer(readInitializer(object(config, "kernel_initializer")))
                        .recurrentInitializer(readInitializer(object(config, "recurrent_initializer")))
                        .biasInitializer(readInitializer(object(config, "bias_initializer")))
                        .name(name);
            default:
                throw new IllegalArgumentException("layer " + index + " ('" + name + "') has the unknown type '"
                        + className + "'; this version of Sequent knows Dense and SimpleRNN");
        }
    }

    // ---- initializers ----

    static Map<String, Object> initializer(Initializer initializer) {
        if (initializer instanceof Initializers.Constant constant) {
            return entry("Constant", ordered("value", constant.value()));
        }
        if (initializer instanceof Initializers.RandomNormal normal) {
            Map<String, Object> config = ordered("mean", normal.mean());
            config.put("stddev", normal.stddev());
            return entry("RandomNormal", config);
        }
        if (initializer instanceof Initializers.RandomUniform uniform) {
            Map<String, Object> config = ordered("minval", uniform.minval());
            config.put("maxval", uniform.maxval());
            return entry("RandomUniform", config);
        }
        if (initializer instanceof Initializers.Orthogonal orthogonal) {
            return entry("Orthogonal", ordered("gain", orthogonal.gain()));
        }
        if (initializer instanceof Initializers.GlorotUniform) {
            return entry("GlorotUniform", new LinkedHashMap<>());
        }
        if (initializer instanceof Initializers.Ones) {
            return entry("Ones", new LinkedHashMap<>());
        }
        return entry("Zeros", new LinkedHashMap<>());
    }

    static Initializer readInitializer(Map<String, Object> entry) {
        String className = string(entry, "class_name");
        Map<String, Object> config = object(entry, "config");
        return switch (className) {
            case "GlorotUniform" -> Initializers.glorotUniform();
            case "Zeros" -> Initializers.zeros();
            case "Ones" -> Initializers.ones();
            case "Constant" -> Initializers.constant(number(config, "value"));
            case "RandomNormal" -> Initializers.randomNormal(number(config, "mean"), number(config, "stddev"));
            case "RandomUniform" -> Initializers.randomUniform(number(config, "minval"), number(config, "maxval"));
            case "Orthogonal" -> Initializers.orthogonal(number(config, "gain"));
            default -> throw new IllegalArgumentException("unknown initializer '" + className + "'; expected one of"
                    + " GlorotUniform, Zeros, Ones, Constant, RandomNormal, RandomUniform, Orthogonal");
        };
    }

    // ---- compile settings ----

    /** Describes the compile settings: optimizer, loss, metrics and seed. */
    public static Map<String, Object> compile(CompileOptions options) {
        Map<String, Object> config = new LinkedHashMap<>();
        options.optimizer().ifPresent(optimizer -> config.put("optimizer", optimizer(optimizer)));
        options.loss().ifPresent(loss -> config.put("loss", loss.kerasName()));
        List<Object> metrics = new ArrayList<>();
        options.metrics().forEach(metric -> metrics.add(metric.name()));
        config.put("metrics", metrics);
        config.put("seed", Long.toString(options.seed()));
        return config;
    }

    /** Rebuilds compile options (without a backend) from {@link #compile(CompileOptions)}'s description. */
    public static CompileOptions readCompile(Map<String, Object> config) {
        CompileOptions options;
        if (config.containsKey("optimizer")) {
            options = CompileOptions.training(readOptimizer(object(config, "optimizer")), readLoss(string(config, "loss")));
        } else {
            options = CompileOptions.inference();
            if (config.containsKey("loss")) {
                options = options.loss(readLoss(string(config, "loss")));
            }
        }
        List<Object> names = list(config, "metrics");
        Metric[] metrics = new Metric[names.size()];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = readMetric(String.valueOf(names.get(i)));
        }
        String seed = string(config, "seed");
        try {
            return options.metrics(metrics).seed(Long.parseLong(seed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'seed' must be a whole number in a string but is \"" + seed + "\"");
        }
    }

    static Map<String, Object> optimizer(Optimizer optimizer) {
        Map<String, Object> config = ordered("learning_rate", optimizer.learningRate());
        if (optimizer instanceof Sgd sgd) {
            config.put("momentum", sgd.momentum());
            config.put("nesterov", sgd.nesterov());
            return entry("SGD", config);
        }
        if (optimizer instanceof Adam adam) {
            config.put("beta_1", adam.beta1());
            config.put("beta_2", adam.beta2());
            config.put("epsilon", adam.epsilon());
            return entry("Adam", config);
        }
        RmsProp rms = (RmsProp) optimizer;
        config.put("rho", rms.rho());
        config.put("momentum", rms.momentum());
        config.put("epsilon", rms.epsilon());
        config.put("centered", rms.centered());
        return entry("RMSprop", config);
    }

    static Optimizer readOptimizer(Map<String, Object> entry) {
        String className = string(entry, "class_name");
        Map<String, Object> config = object(entry, "config");
        float learningRate = number(config, "learning_rate");
        return switch (className) {
            case "SGD" -> new Sgd(learningRate, number(config, "momentum"), bool(config, "nesterov"));
            case "Adam" -> new Adam(learningRate, number(config, "beta_1"), number(config, "beta_2"),
                    number(config, "epsilon"));
            case "RMSprop" -> new RmsProp(learningRate, number(config, "rho"), number(config, "momentum"),
                    number(config, "epsilon"), bool(config, "centered"));
            default -> throw new IllegalArgumentException("unknown optimizer '" + className
                    + "'; expected SGD, Adam or RMSprop");
        };
    }

    static Loss readLoss(String name) {
        for (Loss loss : Loss.values()) {
            if (loss.kerasName().equals(name)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'");
    }

    static Metric readMetric(String name) {
        for (Metric metric : List.of(Metric.ACCURACY, Metric.BINARY_ACCURACY, Metric.CATEGORICAL_ACCURACY,
                Metric.SPARSE_CATEGORICAL_ACCURACY, Metric.MAE, Metric.MEAN_ABSOLUTE_ERROR, Metric.MSE)) {
            if (metric.name().equals(name)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'");
    }

    // ---- small readers ----

    static Map<String, Object> entry(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", config);
        return entry;
    }

    static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static void expectClass(Map<String, Object> entry, String className, String where) {
        String found = string(entry, "class_name");
        if (!found.equals(className)) {
            throw new IllegalArgumentException(where + " has class_name '" + found + "' where '" + className
                    + "' was expected");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("'" + where + "' must be a JSON object but is " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> object(Map<String, Object> map, String key) {
        return asObject(required(map, key), key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("'" + key + "' must be a JSON array but is " + describe(value));
        }
        return (List<Object>) value;
    }

    static String string(Map<String, Object> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof String string)) {
            throw new IllegalArgumentException("'" + key + "' must be a string but is " + describe(value));
        }
        return string;
    }

    static boolean bool(Map<String, Object> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof Boolean bool)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false but is " + describe(value));
        }
        return bool;
    }

    static float number(Map<String, Object> map, String key) {
        return (float) number(map, key, false);
    }

    static double number(Map<String, Object> map, String key, boolean whole) {
        Object value = required(map, key);
        if (!(value instanceof Double number) || (whole && number != Math.rint(number))) {
            throw new IllegalArgumentException("'" + key + "' must be a " + (whole ? "whole " : "") + "number but is "
                    + describe(value));
        }
        return number;
    }

    static int positiveInt(Object value, String where) {
        if (!(value instanceof Double number) || number != Math.rint(number) || number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + where + "' must be a positive whole number but is "
                    + describe(value));
        }
        return number.intValue();
    }

    private static Object required(Map<String, Object> map, String key) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException("the entry '" + key + "' is missing");
        }
        return map.get(key);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String string) {
            return "\"" + string + "\"";
        }
        return value.toString();
    }
}
