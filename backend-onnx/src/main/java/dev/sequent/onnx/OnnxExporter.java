package dev.sequent.onnx;

import dev.sequent.Sequent;
import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.onnx.OnnxIr.Attribute;
import dev.sequent.onnx.OnnxIr.Dim;
import dev.sequent.onnx.OnnxIr.Graph;
import dev.sequent.onnx.OnnxIr.Model;
import dev.sequent.onnx.OnnxIr.Node;
import dev.sequent.onnx.OnnxIr.TensorData;
import dev.sequent.onnx.OnnxIr.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Exports a {@link Sequential} model and its weights to ONNX (opset {@value #OPSET_VERSION},
 * IR version {@value #IR_VERSION}), written without a protobuf library.
 *
 * <p>The graph has one input named {@value #INPUT_NAME} and one output named
 * {@value #OUTPUT_NAME}. Axis 0 of both is the symbolic dimension {@value #BATCH_DIM}, and the
 * time axis of a variable-length sequence input is the symbolic dimension
 * {@value #TIME_DIM}. Each layer becomes these nodes, named after the layer:
 *
 * <ul>
 *   <li>Dense on {@code [batch, features]}: {@code Gemm}. Dense on
 *       {@code [batch, timesteps, features]}: {@code MatMul}, then {@code Add} for the bias.
 *       The kernel initializer keeps the Keras layout {@code [features, units]}.
 *   <li>The activation: {@code Relu}, {@code Sigmoid}, {@code Tanh} or {@code Softmax} with
 *       {@code axis=-1}. Linear adds no node.
 *   <li>SimpleRNN: {@code Transpose} to {@code [time, batch, features]} (the CPU provider of
 *       ONNX Runtime rejects the batch-major {@code layout=1}), {@code RNN}, then
 *       {@code Squeeze} and, for sequence outputs, {@code Transpose} back. {@code goBackwards}
 *       uses {@code direction="reverse"}, and a {@code Slice} with step -1 puts returned
 *       sequences in processing order, as Keras returns them.
 * </ul>
 *
 * <p>The file also stores the layer configuration in {@code metadata_props}, so that
 * {@link OnnxModels#load} can rebuild the model. Thread-safe: it has no state.
 */
public final class OnnxExporter {

    /** The ONNX operator set version of the default domain. */
    public static final int OPSET_VERSION = 17;
    /** The ONNX IR version. ONNX 1.12, the release that introduced opset 17, writes IR version 8. */
    public static final int IR_VERSION = 8;
    /** The name of the graph input. */
    public static final String INPUT_NAME = "input";
    /** The name of the graph output. */
    public static final String OUTPUT_NAME = "output";
    /** The symbolic name of the batch axis of the input and output. */
    public static final String BATCH_DIM = "batch";
    /** The symbolic name of the time axis of variable-length sequences. */
    public static final String TIME_DIM = "time";
    /** The {@code producer_name} of exported models. */
    public static final String PRODUCER_NAME = "Sequent";

    /**
     * The maximum number of weight bytes in one export: the 2 GiB protobuf message limit less
     * 64 MiB for the graph and the other fields.
     */
    static final long MAX_WEIGHT_BYTES = Integer.MAX_VALUE - (64L << 20);

    /** {@code INT64_MIN}: a Slice end that the specification clamps to -1 for a negative step. */
    private static final long SLICE_TO_START = Long.MIN_VALUE;

    private OnnxExporter() {
    }

    /** Returns the Sequent version, written as the model's {@code producer_version}. */
    public static String producerVersion() {
        return Sequent.version();
    }

    /**
     * Checks that every layer and option of {@code model} can be exported. Every Dense and
     * SimpleRNN option has an ONNX form, so the one limit is size. A protobuf message, and so
     * an ONNX file without external data, contains at most 2 GiB, and Sequent does not write
     * external data.
     *
     * @throws UnsupportedExportException naming the first layer whose weights pass the limit
     */
    public static void checkSupported(Sequential model) {
        long bytes = 0;
        for (BuiltLayer built : model.layers()) {
            bytes += built.parameterCount() * Float.BYTES;
            if (bytes > MAX_WEIGHT_BYTES) {
                throw new UnsupportedExportException("Layer '" + built.name() + "' (" + built.layer().typeName()
                        + ", units " + units(built) + ") brings the weights of model '" + model.name() + "' to "
                        + bytes + " bytes, over the " + MAX_WEIGHT_BYTES + " bytes that fit in one ONNX protobuf"
                        + " file; Sequent does not write ONNX external data, so use fewer units.");
            }
        }
    }

    private static int units(BuiltLayer built) {
        return built.layer() instanceof Dense dense ? dense.units() : ((SimpleRNN) built.layer()).units();
    }

    /**
     * Exports the model to ONNX bytes.
     *
     * @throws UnsupportedExportException if a layer or option cannot be exported
     * @throws IllegalArgumentException if {@code weights} do not match the model's names and shapes
     */
    public static byte[] toBytes(Sequential model, Weights weights) {
        checkSupported(model);
        model.checkWeights(weights);
        return OnnxProto.encode(toIr(model, weights));
    }

    /**
     * Exports the model to {@code file}. The bytes go to a temporary file in the same
     * directory, which is then moved over {@code file} atomically, so a failed export never
     * leaves a truncated file where a good one was.
     *
     * @throws UnsupportedExportException if a layer or option cannot be exported; nothing is written
     * @throws IllegalArgumentException if {@code weights} do not match the model; nothing is written
     * @throws IOException if writing or moving fails; {@code file} is then unchanged
     */
    public static void export(Sequential model, Weights weights, Path file) throws IOException {
        byte[] bytes = toBytes(model, weights);

        // Files.createTempFile would make the file readable by its owner only (mode 600 on POSIX),
        // so the temporary file is created directly and gets the default permissions.
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static Model toIr(Sequential model, Weights weights) {
        GraphBuilder graph = new GraphBuilder();
        String current = INPUT_NAME;
        List<BuiltLayer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            BuiltLayer built = layers.get(i);
            String output = i == layers.size() - 1 ? OUTPUT_NAME : built.name() + "/output";
            if (built.layer() instanceof Dense dense) {
                addDense(graph, built, dense, weights, current, output);
            } else if (built.layer() instanceof SimpleRNN rnn) {
                addSimpleRnn(graph, built, rnn, weights, current, output);
            }
            current = output;
        }

        Graph ir = new Graph(model.name(), graph.nodes, graph.initializers,
                List.of(valueInfo(INPUT_NAME, model.inputShape())),
                List.of(valueInfo(OUTPUT_NAME, model.outputShape())));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(LayerConfig.METADATA_KEY, LayerConfig.toJson(model));
        return new Model(IR_VERSION, PRODUCER_NAME, producerVersion(), Map.of("", (long) OPSET_VERSION), ir,
                metadata);
    }

    private static void addDense(GraphBuilder graph, BuiltLayer built, Dense dense, Weights weights, String input,
            String output) {
        String name = built.name();
        String kernel = graph.initializer(built.weightName("kernel"), weights.get(built.weightName("kernel")));
        String bias = dense.useBias()
                ? graph.initializer(built.weightName("bias"), weights.get(built.weightName("bias")))
                : null;
        boolean linear = dense.activation() == Activation.LINEAR;
        String preActivation = linear ? output : name + "/pre_activation";

        if (built.inputShape().rank() == 1) {
            List<String> inputs = bias == null ? List.of(input, kernel) : List.of(input, kernel, bias);
            graph.node(name + "/Gemm", "Gemm", inputs, preActivation);
        } else if (bias == null) {
            graph.node(name + "/MatMul", "MatMul", List.of(input, kernel), preActivation);
        } else {
            graph.node(name + "/MatMul", "MatMul", List.of(input, kernel), name + "/matmul");
            graph.node(name + "/Add", "Add", List.of(name + "/matmul", bias), preActivation);
        }

        if (!linear) {
            addActivation(graph, name, dense.activation(), preActivation, output);
        }
    }

    private static void addActivation(GraphBuilder graph, String name, Activation activation, String input,
            String output) {
        switch (activation) {
            case RELU -> graph.node(name + "/Relu", "Relu", List.of(input), output);
            case SIGMOID -> graph.node(name + "/Sigmoid", "Sigmoid", List.of(input), output);
            case TANH -> graph.node(name + "/Tanh", "Tanh", List.of(input), output);
            case SOFTMAX -> graph.node(name + "/Softmax", "Softmax", List.of(input), output,
                    Attribute.ofInt("axis", -1));
            case LINEAR -> throw new IllegalStateException("A linear activation adds no node.");
        }
    }

    private static void addSimpleRnn(GraphBuilder graph, BuiltLayer built, SimpleRNN rnn, Weights weights,
            String input, String output) {
        String name = built.name();
        int units = rnn.units();
        int features = built.inputShape().last();

        // Weights: W = kernel^T [1, units, features], R = recurrent_kernel^T [1, units, units],
        // B = [bias, recurrent bias = 0] [1, 2 * units].
        float[] w = transpose(weights.get(built.weightName("kernel")), features, units);
        float[] r = transpose(weights.get(built.weightName("recurrent_kernel")), units, units);
        float[] b = new float[2 * units];
        if (rnn.useBias()) {
            weights.get(built.weightName("bias")).copyTo(0, b, 0, units);
        }
        graph.initializers.add(TensorData.ofFloats(name + "/W", w, 1, units, features));
        graph.initializers.add(TensorData.ofFloats(name + "/R", r, 1, units, units));
        graph.initializers.add(TensorData.ofFloats(name + "/B", b, 1, 2L * units));

        // [batch, time, features] -> [time, batch, features]
        graph.node(name + "/Transpose_input", "Transpose", List.of(input), name + "/time_major",
                Attribute.ofInts("perm", 1, 0, 2));

        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.ofInt("hidden_size", units));
        attributes.add(Attribute.ofString("direction", rnn.goBackwards() ? "reverse" : "forward"));
        attributes.addAll(rnnActivation(rnn.activation()));
        List<String> rnnInputs = List.of(name + "/time_major", name + "/W", name + "/R", name + "/B");

        if (!rnn.returnSequences()) {
            // Y_h [1, batch, units] is the state after the last processed step, also for "reverse".
            graph.nodes.add(new Node(name + "/RNN", "RNN", "", rnnInputs, List.of("", name + "/Y_h"), attributes));
            String axes = graph.int64Constant(name + "/squeeze_axes", 0);
            graph.node(name + "/Squeeze", "Squeeze", List.of(name + "/Y_h", axes), output);
            return;
        }

        // Y [time, 1, batch, units] -> [time, batch, units]
        graph.nodes.add(new Node(name + "/RNN", "RNN", "", rnnInputs, List.of(name + "/Y"), attributes));
        String axes = graph.int64Constant(name + "/squeeze_axes", 1);
        graph.node(name + "/Squeeze", "Squeeze", List.of(name + "/Y", axes), name + "/Y_time_major");
        String timeMajor = name + "/Y_time_major";

        if (rnn.goBackwards()) {
            // ONNX "reverse" stores each state at the position of the input step that produced it,
            // but Keras returns the states in processing order, last input step first.
            String starts = graph.int64Constant(name + "/reverse_starts", -1);
            String ends = graph.int64Constant(name + "/reverse_ends", SLICE_TO_START);
            String sliceAxes = graph.int64Constant(name + "/reverse_axes", 0);
            String steps = graph.int64Constant(name + "/reverse_steps", -1);
            graph.node(name + "/Reverse", "Slice", List.of(timeMajor, starts, ends, sliceAxes, steps),
                    name + "/Y_processing_order");
            timeMajor = name + "/Y_processing_order";
        }

        // [time, batch, units] -> [batch, time, units]
        graph.node(name + "/Transpose_output", "Transpose", List.of(timeMajor), output,
                Attribute.ofInts("perm", 1, 0, 2));
    }

    private static List<Attribute> rnnActivation(Activation activation) {
        return switch (activation) {
            case TANH -> List.of(Attribute.ofStrings("activations", "Tanh"));
            case RELU -> List.of(Attribute.ofStrings("activations", "Relu"));
            case SIGMOID -> List.of(Attribute.ofStrings("activations", "Sigmoid"));
            // Affine computes alpha * x + beta.
            case LINEAR -> List.of(Attribute.ofStrings("activations", "Affine"),
                    Attribute.ofFloats("activation_alpha", 1f), Attribute.ofFloats("activation_beta", 0f));
            case SOFTMAX -> throw new IllegalStateException("SimpleRNN cannot have a softmax activation.");
        };
    }

    /** Transposes a row-major {@code [rows, columns]} matrix. */
    static float[] transpose(Tensor matrix, int rows, int columns) {
        float[] values = matrix.toFlatArray();
        float[] transposed = new float[values.length];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                transposed[column * rows + row] = values[row * columns + column];
            }
        }
        return transposed;
    }

    private static ValueInfo valueInfo(String name, Shape sampleShape) {
        List<Dim> dims = new ArrayList<>();
        dims.add(Dim.symbolic(BATCH_DIM));
        for (int dim : sampleShape.dims()) {
            dims.add(dim == Shape.VARIABLE ? Dim.symbolic(TIME_DIM) : Dim.fixed(dim));
        }
        return new ValueInfo(name, OnnxIr.FLOAT, dims);
    }

    /** Collects nodes and initializers in the order they are added. */
    private static final class GraphBuilder {
        final List<Node> nodes = new ArrayList<>();
        final List<TensorData> initializers = new ArrayList<>();

        void node(String name, String opType, List<String> inputs, String output, Attribute... attributes) {
            nodes.add(new Node(name, opType, inputs, List.of(output), attributes));
        }

        String initializer(String name, Tensor value) {
            int[] shape = value.shape();
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[i];
            }
            initializers.add(TensorData.ofFloats(name, value.toFlatArray(), dims));
            return name;
        }

        String int64Constant(String name, long value) {
            initializers.add(TensorData.ofLongs(name, value));
            return name;
        }
    }
}
