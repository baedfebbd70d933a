package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parses exported bytes with the protobuf classes generated from {@code onnx.proto} (Tribuo's
 * {@code tribuo-util-onnx}), an implementation of the schema independent of the exporter.
 */
class OnnxExportStructureTest {

    private static ModelProto export(Sequential model, Weights weights) throws InvalidProtocolBufferException {
        return ModelProto.parseFrom(OnnxExporter.toBytes(model, weights));
    }

    @Test
    void modelHeaderHasVersionsAndProducer() throws Exception {
        Sequential model = Sequential.named("classifier", Input.shape(3), Dense.units(2));
        ModelProto proto = export(model, model.initialWeights(1));

        assertEquals(8, proto.getIrVersion());
        assertEquals(OnnxExporter.IR_VERSION, proto.getIrVersion());
        assertEquals(1, proto.getOpsetImportCount());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals(17, proto.getOpsetImport(0).getVersion());
        assertEquals("Sequent", proto.getProducerName());
        assertTrue(proto.getProducerVersion().matches("\\d+\\.\\d+\\.\\d+.*"),
                "producer_version should be the module version, but was " + proto.getProducerVersion());
        assertEquals("classifier", proto.getGraph().getName());
    }

    @Test
    void denseBecomesGemmWithKerasLayout() throws Exception {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2).activation(Activation.RELU).name("hidden"),
                Dense.units(4).activation(Activation.SOFTMAX));
        Weights weights = TestModels.weights(model, 3);
        GraphProto graph = export(model, weights).getGraph();

        assertEquals(List.of("Gemm", "Relu", "Gemm", "Softmax"), opTypes(graph));
        assertEquals(List.of("hidden/Gemm", "hidden/Relu", "dense/Gemm", "dense/Softmax"),
                graph.getNodeList().stream().map(NodeProto::getName).toList());
        NodeProto gemm = graph.getNode(0);
        assertEquals(List.of("input", "hidden/kernel", "hidden/bias"), gemm.getInputList());
        assertEquals(0, gemm.getAttributeCount(), "Gemm uses the defaults alpha=1, beta=1, no transposes");
        NodeProto softmax = graph.getNode(3);
        assertEquals(List.of("output"), softmax.getOutputList());
        assertEquals(-1, attribute(softmax, "axis").getI());
        assertEquals(AttributeProto.AttributeType.INT, attribute(softmax, "axis").getType());

        TensorProto kernel = initializer(graph, "hidden/kernel");
        assertEquals(List.of(3L, 2L), kernel.getDimsList());
        assertEquals(TensorProto.DataType.FLOAT_VALUE, kernel.getDataType());
        assertArrayEquals(weights.get("hidden/kernel").toFlatArray(), floats(kernel));
        assertEquals(List.of(2L), initializer(graph, "hidden/bias").getDimsList());
    }

    @Test
    void inputAndOutputHaveSymbolicBatch() throws Exception {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2));
        GraphProto graph = export(model, model.initialWeights(1)).getGraph();

        assertEquals(1, graph.getInputCount(), "initializers must not be listed as graph inputs");
        ValueInfoProto input = graph.getInput(0);
        assertEquals("input", input.getName());
        assertEquals(TensorProto.DataType.FLOAT_VALUE, input.getType().getTensorType().getElemType());
        assertEquals(List.of("batch", "3"), dims(input));
        assertEquals("output", graph.getOutput(0).getName());
        assertEquals(List.of("batch", "2"), dims(graph.getOutput(0)));
    }

    @Test
    void variableLengthSequenceHasSymbolicTime() throws Exception {
        Sequential model = Sequential.of(Input.sequence(4), SimpleRNN.units(3).returnSequences(true));
        GraphProto graph = export(model, model.initialWeights(1)).getGraph();

        assertEquals(List.of("batch", "time", "4"), dims(graph.getInput(0)));
        assertEquals(List.of("batch", "time", "3"), dims(graph.getOutput(0)));
    }

    @Test
    void simpleRnnUsesTimeMajorRnnOperator() throws Exception {
        Sequential model = Sequential.of(Input.shape(5, 4), SimpleRNN.units(3).activation(Activation.RELU));
        Weights weights = TestModels.weights(model, 9);
        GraphProto graph = export(model, weights).getGraph();

        assertEquals(List.of("Transpose", "RNN", "Squeeze"), opTypes(graph));
        assertEquals(List.of(1L, 0L, 2L), attribute(graph.getNode(0), "perm").getIntsList());

        NodeProto rnn = graph.getNode(1);
        assertEquals("simple_rnn/RNN", rnn.getName());
        assertEquals(List.of("simple_rnn/time_major", "simple_rnn/W", "simple_rnn/R", "simple_rnn/B"),
                rnn.getInputList());
        assertEquals(List.of("", "simple_rnn/Y_h"), rnn.getOutputList());
        assertEquals(3, attribute(rnn, "hidden_size").getI());
        assertEquals("forward", attribute(rnn, "direction").getS().toStringUtf8());
        assertEquals(List.of("Relu"), attribute(rnn, "activations").getStringsList().stream()
                .map(s -> s.toStringUtf8()).toList());
        assertTrue(rnn.getAttributeList().stream().noneMatch(a -> a.getName().equals("layout")),
                "layout must stay at its default 0, the only one the CPU provider accepts");

        // W[0][u][f] = kernel[f][u]
        TensorProto w = initializer(graph, "simple_rnn/W");
        assertEquals(List.of(1L, 3L, 4L), w.getDimsList());
        Tensor kernel = weights.get("simple_rnn/kernel");
        float[] wValues = floats(w);
        assertEquals(kernel.get(2, 1), wValues[1 * 4 + 2]);
        assertEquals(kernel.get(0, 2), wValues[2 * 4]);
        // R[0][u][v] = recurrent_kernel[v][u]
        TensorProto r = initializer(graph, "simple_rnn/R");
        assertEquals(List.of(1L, 3L, 3L), r.getDimsList());
        assertEquals(weights.get("simple_rnn/recurrent_kernel").get(0, 2), floats(r)[2 * 3]);
        // B = [bias, zeros]
        TensorProto b = initializer(graph, "simple_rnn/B");
        assertEquals(List.of(1L, 6L), b.getDimsList());
        float[] bias = weights.get("simple_rnn/bias").toFlatArray();
        assertArrayEquals(new float[] {bias[0], bias[1], bias[2], 0, 0, 0}, floats(b));

        assertEquals(List.of(0L), int64s(initializer(graph, "simple_rnn/squeeze_axes")));
    }

    @Test
    void goBackwardsSequencesAreReversedBack() throws Exception {
        Sequential model = Sequential.of(Input.shape(5, 4),
                SimpleRNN.units(3).goBackwards(true).returnSequences(true).useBias(false));
        GraphProto graph = export(model, model.initialWeights(1)).getGraph();

        assertEquals(List.of("Transpose", "RNN", "Squeeze", "Slice", "Transpose"), opTypes(graph));
        assertEquals("reverse", attribute(graph.getNode(1), "direction").getS().toStringUtf8());
        NodeProto slice = graph.getNode(3);
        assertEquals(List.of(-1L), int64s(initializer(graph, slice.getInput(1))), "starts");
        assertEquals(List.of(Long.MIN_VALUE), int64s(initializer(graph, slice.getInput(2))), "ends");
        assertEquals(List.of(0L), int64s(initializer(graph, slice.getInput(3))), "axes");
        assertEquals(List.of(-1L), int64s(initializer(graph, slice.getInput(4))), "steps");
        assertArrayEquals(new float[6], floats(initializer(graph, "simple_rnn/B")), "no bias gives zeros");
    }

    @Test
    void linearRnnUsesAffineIdentity() throws Exception {
        Sequential model = Sequential.of(Input.shape(2, 2), SimpleRNN.units(2).activation(Activation.LINEAR));
        NodeProto rnn = export(model, model.initialWeights(1)).getGraph().getNode(1);

        assertEquals("Affine", attribute(rnn, "activations").getStrings(0).toStringUtf8());
        assertEquals(List.of(1f), attribute(rnn, "activation_alpha").getFloatsList());
        assertEquals(List.of(0f), attribute(rnn, "activation_beta").getFloatsList());
    }

    @Test
    void sequenceDenseUsesMatMulAndAdd() throws Exception {
        Sequential model = Sequential.of(Input.shape(5, 4), SimpleRNN.units(3).returnSequences(true),
                Dense.units(2), Dense.units(2).useBias(false).activation(Activation.TANH));
        GraphProto graph = export(model, model.initialWeights(1)).getGraph();

        assertEquals(List.of("Transpose", "RNN", "Squeeze", "Transpose", "MatMul", "Add", "MatMul", "Tanh"),
                opTypes(graph));
        assertEquals(List.of("dense/matmul", "dense/bias"), graph.getNode(5).getInputList());
        assertEquals(List.of("batch", "5", "2"), dims(graph.getOutput(0)));
    }

    @Test
    void metadataStoresLayerConfiguration() throws Exception {
        Sequential model = Sequential.of(Input.sequence(4), SimpleRNN.units(3).goBackwards(true), Dense.units(1));
        ModelProto proto = export(model, model.initialWeights(1));

        Map<String, String> metadata = proto.getMetadataPropsList().stream()
                .collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()));
        String json = metadata.get("sequent.model_config");
        assertTrue(json.contains("\"batch_shape\": [null, null, 4]"), json);
        assertTrue(json.contains("\"class_name\": \"SimpleRNN\""), json);
        assertTrue(json.contains("\"go_backwards\": true"), json);
        // The rebuilt layers carry their names explicitly, so compare every option through the config.
        Sequential rebuilt = LayerConfig.fromJson(json);
        assertEquals(dev.sequent.io.ModelConfig.model(model), dev.sequent.io.ModelConfig.model(rebuilt));
        assertEquals(model.summary(), rebuilt.summary());
    }

    private static List<String> opTypes(GraphProto graph) {
        return graph.getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + node.getName() + " has no attribute " + name));
    }

    private static TensorProto initializer(GraphProto graph, String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + name));
    }

    private static List<String> dims(ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(OnnxExportStructureTest::dim).toList();
    }

    private static String dim(TensorShapeProto.Dimension dimension) {
        return dimension.hasDimParam() ? dimension.getDimParam() : Long.toString(dimension.getDimValue());
    }

    private static float[] floats(TensorProto tensor) {
        ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / Float.BYTES];
        raw.asFloatBuffer().get(values);
        return values;
    }

    private static List<Long> int64s(TensorProto tensor) {
        assertEquals(TensorProto.DataType.INT64_VALUE, tensor.getDataType(), tensor.getName());
        ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Long> values = new java.util.ArrayList<>();
        while (raw.remaining() >= Long.BYTES) {
            values.add(raw.getLong());
        }
        return values;
    }
}
