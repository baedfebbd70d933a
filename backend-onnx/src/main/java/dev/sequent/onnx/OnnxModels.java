package dev.sequent.onnx;

import dev.sequent.SequentException;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.onnx.OnnxIr.Model;
import dev.sequent.onnx.OnnxIr.Node;
import dev.sequent.onnx.OnnxIr.TensorData;
import dev.sequent.onnx.ProtoReader.MalformedProtoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads ONNX files that {@link OnnxExporter} wrote. */
public final class OnnxModels {

    /** The operators {@link OnnxExporter} emits. A file with any other operator is rejected. */
    static final Set<String> EXPORTED_OPERATORS = Set.of("Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh",
            "Softmax", "Transpose", "RNN", "Squeeze", "Slice");

    private OnnxModels() {
    }

    /**
     * Reads the model and weights from an ONNX file exported by Sequent. The file is checked:
     * it must parse as ONNX, come from Sequent (producer name and stored layer configuration),
     * use opset {@value OnnxExporter#OPSET_VERSION} and only the operators Sequent exports, and
     * its graph and initializers must match the stored layer configuration.
     *
     * @throws InvalidOnnxFileException naming the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static LoadedOnnxModel load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new InvalidOnnxFileException(file, "the file is empty.");
        }

        Model ir;
        try {
            ir = OnnxProto.decode(bytes);
        } catch (MalformedProtoException e) {
            throw new InvalidOnnxFileException(file, "it is not a valid ONNX protobuf message: " + e.getMessage()
                    + ". The file is damaged, truncated or not an ONNX model.", e);
        }
        checkOnnx(file, ir);
        checkProducer(file, ir);
        checkOperators(file, ir);

        Sequential model;
        try {
            model = LayerConfig.fromJson(ir.metadata().get(LayerConfig.METADATA_KEY));
        } catch (IllegalArgumentException | SequentException e) {
            throw new InvalidOnnxFileException(file, "its stored layer configuration is invalid: " + e.getMessage(),
                    e);
        }
        Weights weights = readWeights(file, model, ir);
        checkGraphMatches(file, model, weights, ir);
        return new LoadedOnnxModel(model, weights);
    }

    private static void checkOnnx(Path file, Model ir) {
        if (ir.irVersion() <= 0 || ir.graph() == null) {
            throw new InvalidOnnxFileException(file, "it is not an ONNX model: it has "
                    + (ir.irVersion() <= 0 ? "no ir_version" : "no graph") + ".");
        }
    }

    private static void checkProducer(Path file, Model ir) {
        if (!OnnxExporter.PRODUCER_NAME.equals(ir.producerName())) {
            throw new InvalidOnnxFileException(file, "it was produced by '" + ir.producerName() + "', not by "
                    + OnnxExporter.PRODUCER_NAME + "; only files exported by Sequent can be loaded.");
        }
        if (!ir.metadata().containsKey(LayerConfig.METADATA_KEY)) {
            throw new InvalidOnnxFileException(file, "it has no Sequent layer configuration (metadata_props key '"
                    + LayerConfig.METADATA_KEY + "'); export the model again with OnnxExporter.");
        }
        Long opset = ir.opsetByDomain().get("");
        if (opset == null || opset != OnnxExporter.OPSET_VERSION) {
            throw new InvalidOnnxFileException(file, "it imports opset " + opset + " of the default domain, but"
                    + " Sequent exports opset " + OnnxExporter.OPSET_VERSION + ".");
        }
    }

    private static void checkOperators(Path file, Model ir) {
        for (Node node : ir.graph().nodes()) {
            if (!node.domain().isEmpty() || !EXPORTED_OPERATORS.contains(node.opType())) {
                throw new InvalidOnnxFileException(file, "node '" + node.name() + "' uses operator '"
                        + node.opType() + "'" + (node.domain().isEmpty() ? "" : " of domain '" + node.domain() + "'")
                        + ", which Sequent does not export; Sequent exports only " + sorted(EXPORTED_OPERATORS)
                        + ".");
            }
        }
    }

    /** Converts the initializers back to Keras names and layouts. */
    private static Weights readWeights(Path file, Sequential model, Model ir) {
        Map<String, TensorData> initializers = new HashMap<>();
        for (TensorData tensor : ir.graph().initializers()) {
            initializers.put(tensor.name(), tensor);
        }

        Weights.Builder weights = Weights.builder();
        for (BuiltLayer built : model.layers()) {
            if (built.layer() instanceof Dense dense) {
                String kernel = built.weightName("kernel");
                weights.put(kernel, tensor(file, initializers, kernel, built.inputShape().last(), dense.units()));
                if (dense.useBias()) {
                    String bias = built.weightName("bias");
                    weights.put(bias, tensor(file, initializers, bias, dense.units()));
                }
            } else if (built.layer() instanceof SimpleRNN rnn) {
                int units = rnn.units();
                int features = built.inputShape().last();
                // W is kernel^T [1, units, features], R is recurrent_kernel^T, B starts with the bias.
                Tensor w = tensor(file, initializers, built.name() + "/W", 1, units, features);
                Tensor r = tensor(file, initializers, built.name() + "/R", 1, units, units);
                weights.put(built.weightName("kernel"),
                        Tensor.wrap(OnnxExporter.transpose(w, units, features), features, units));
                weights.put(built.weightName("recurrent_kernel"),
                        Tensor.wrap(OnnxExporter.transpose(r, units, units), units, units));
                if (rnn.useBias()) {
                    Tensor b = tensor(file, initializers, built.name() + "/B", 1, 2 * units);
                    weights.put(built.weightName("bias"),
                            Tensor.wrap(Arrays.copyOf(b.toFlatArray(), units), units));
                }
            }
        }
        return weights.build();
    }

    private static Tensor tensor(Path file, Map<String, TensorData> initializers, String name, int... shape) {
        TensorData data = initializers.get(name);
        if (data == null) {
            throw new InvalidOnnxFileException(file, "initializer '" + name + "' is missing.");
        }
        long[] expected = Arrays.stream(shape).asLongStream().toArray();
        if (data.dataType() != OnnxIr.FLOAT || !Arrays.equals(data.dims(), expected)
                || data.floats().length != data.elementCount()) {
            throw new InvalidOnnxFileException(file, "initializer '" + name + "' must be FLOAT with shape "
                    + Arrays.toString(expected) + ", but has data type " + data.dataType() + ", shape "
                    + Arrays.toString(data.dims()) + " and " + (data.floats() == null ? 0 : data.floats().length)
                    + " values.");
        }
        return Tensor.wrap(data.floats(), shape);
    }

    /** Checks that the file's operators are those the stored configuration exports to. */
    private static void checkGraphMatches(Path file, Sequential model, Weights weights, Model ir) {
        List<String> expected = OnnxExporter.toIr(model, weights).graph().nodes().stream().map(Node::opType).toList();
        List<String> actual = ir.graph().nodes().stream().map(Node::opType).toList();
        if (!expected.equals(actual)) {
            throw new InvalidOnnxFileException(file, "its graph does not match its stored layer configuration:"
                    + " expected operators " + expected + " but found " + actual + ".");
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
