package dev.sequent;

import dev.sequent.init.SeededRandom;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Input;
import dev.sequent.layers.Layer;
import dev.sequent.layers.WeightSpec;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A linear stack of layers, built and validated when it is created.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(
 *         Input.shape(64),
 *         Dense.units(64).activation(Activation.RELU),
 *         Dense.units(10).activation(Activation.SOFTMAX));
 * }</pre>
 *
 * <p>Building infers every layer's output shape and fails with a
 * {@link ModelDefinitionException} naming the first layer that cannot accept its input. Layers
 * without a name get one the Keras way: the first Dense is {@code dense}, the next
 * {@code dense_1}, counted within this model. Immutable and thread-safe.
 */
public final class Sequential {

    private final String name;
    private final Input input;
    private final List<BuiltLayer> layers;

    private Sequential(String name, Input input, List<BuiltLayer> layers) {
        this.name = name;
        this.input = input;
        this.layers = Collections.unmodifiableList(layers);
    }

    /**
     * Builds a model named {@code sequential}.
     *
     * @throws ModelDefinitionException if there are no layers, two layers share a name, or a
     *     layer cannot accept its input shape
     */
    public static Sequential of(Input input, Layer... layers) {
        return named("sequential", input, layers);
    }

    /** Builds a model with the given name; see {@link #of}. */
    public static Sequential named(String name, Input input, Layer... layers) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        if (layers.length == 0) {
            throw new ModelDefinitionException("Model '" + name + "' has no layers after its input;"
                    + " add at least one layer, for example Dense.units(1).");
        }

        Map<String, Integer> counters = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<BuiltLayer> built = new ArrayList<>(layers.length);
        Shape shape = input.shape();
        for (Layer layer : layers) {
            Objects.requireNonNull(layer, "layer");
            String layerName = layer.name().orElseGet(() -> generateName(layer.namePrefix(), counters, used));
            if (!used.add(layerName)) {
                throw new ModelDefinitionException("Model '" + name + "' has two layers named '" + layerName
                        + "'; give each layer a unique name.");
            }
            Shape output = layer.outputShape(shape, layerName);
            built.add(new BuiltLayer(layerName, layer, shape, output));
            shape = output;
        }
        return new Sequential(name, input, built);
    }

    private static String generateName(String prefix, Map<String, Integer> counters, Set<String> used) {
        while (true) {
            int n = counters.merge(prefix, 1, Integer::sum) - 1;
            String candidate = n == 0 ? prefix : prefix + "_" + n;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }

    public String name() {
        return name;
    }

    /** Returns the shape of one input sample. */
    public Shape inputShape() {
        return input.shape();
    }

    /** Returns the shape of one output sample. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Returns the layers in order, with their names and shapes. */
    public List<BuiltLayer> layers() {
        return layers;
    }

    /** Returns every weight's spec by full Keras name, in layer order. */
    public Map<String, WeightSpec> weightSpecs() {
        Map<String, WeightSpec> specs = new java.util.LinkedHashMap<>();
        for (BuiltLayer layer : layers) {
            for (WeightSpec weight : layer.weights()) {
                specs.put(layer.weightName(weight.name()), weight);
            }
        }
        return specs;
    }

    /** Returns the total number of parameters. */
    public long parameterCount() {
        long count = 0;
        for (BuiltLayer layer : layers) {
            count += layer.parameterCount();
        }
        return count;
    }

    /**
     * Draws the initial weights from each layer's initializers, in layer order and weight order,
     * from one generator seeded with {@code seed}. The same seed gives the same weights on
     * every backend.
     */
    public Weights initialWeights(long seed) {
        SeededRandom random = new SeededRandom(seed);
        Weights.Builder weights = Weights.builder();
        for (Map.Entry<String, WeightSpec> entry : weightSpecs().entrySet()) {
            WeightSpec spec = entry.getValue();
            float[] values = spec.initializer().sample(spec.shape(), random);
            weights.put(entry.getKey(), Tensor.wrap(values, spec.shape()));
        }
        return weights.build();
    }

    /**
     * Checks that {@code weights} has exactly this model's weight names and shapes.
     *
     * @throws IllegalArgumentException naming the first missing, extra or misshapen weight
     */
    public void checkWeights(Weights weights) {
        Map<String, WeightSpec> specs = weightSpecs();
        for (Map.Entry<String, WeightSpec> entry : specs.entrySet()) {
            if (!weights.contains(entry.getKey())) {
                throw new IllegalArgumentException("Weight '" + entry.getKey() + "' is missing; model '" + name
                        + "' expects " + specs.keySet() + " but got " + weights.names() + ".");
            }
            int[] expected = entry.getValue().shape();
            int[] actual = weights.get(entry.getKey()).shape();
            if (!java.util.Arrays.equals(expected, actual)) {
                throw new IllegalArgumentException("Weight '" + entry.getKey() + "' must have shape "
                        + java.util.Arrays.toString(expected) + " but has shape " + java.util.Arrays.toString(actual)
                        + ".");
            }
        }
        for (String given : weights.names()) {
            if (!specs.containsKey(given)) {
                throw new IllegalArgumentException("Weight '" + given + "' does not belong to model '" + name
                        + "', which expects " + specs.keySet() + ".");
            }
        }
    }

    /**
     * Reads only the model definition from a file written by {@link CompiledModel#save}.
     *
     * @throws ModelFileException if the file is missing, damaged or not a Sequent model
     */
    public static Sequential load(java.nio.file.Path file) {
        return dev.sequent.io.ModelFile.read(file).model();
    }

    /** Formats the Keras summary table; see {@link Summary}. */
    public String summary() {
        return Summary.format(this);
    }

    /** Prints {@link #summary()} to standard output and returns it. */
    public String printSummary() {
        String text = summary();
        System.out.println(text);
        return text;
    }

    /**
     * Compiles for training with the default backend and seed.
     *
     * @throws BackendNotFoundException if no backend that can train is on the class path
     */
    public CompiledModel compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        return compile(CompileOptions.training(optimizer, loss).metrics(metrics));
    }

    /**
     * Compiles with explicit options: backend, seed, or no optimizer for an inference-only model.
     *
     * @throws BackendNotFoundException if the named backend, or any suitable one, is missing
     */
    public CompiledModel compile(CompileOptions options) {
        return CompiledModel.create(this, options);
    }

    /** Returns the training settings a backend receives, if the options have any. */
    static java.util.Optional<TrainingConfig> trainingConfig(CompileOptions options) {
        return options.optimizer().map(optimizer -> new TrainingConfig(optimizer, options.loss().orElseThrow()));
    }

    @Override
    public String toString() {
        return "Sequential(" + name + ", input " + input.shape() + ", layers " + layers.stream()
                .map(BuiltLayer::name).toList() + ")";
    }
}
