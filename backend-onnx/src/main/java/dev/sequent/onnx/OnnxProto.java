package dev.sequent.onnx;

import dev.sequent.onnx.OnnxIr.Attribute;
import dev.sequent.onnx.OnnxIr.AttributeType;
import dev.sequent.onnx.OnnxIr.Dim;
import dev.sequent.onnx.OnnxIr.Graph;
import dev.sequent.onnx.OnnxIr.Model;
import dev.sequent.onnx.OnnxIr.Node;
import dev.sequent.onnx.OnnxIr.TensorData;
import dev.sequent.onnx.OnnxIr.ValueInfo;
import dev.sequent.onnx.ProtoReader.MalformedProtoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts {@link OnnxIr} records to and from ONNX protobuf bytes. The field numbers are those
 * of {@code onnx.proto} in the ONNX specification (they are stable across ONNX releases).
 * Fields Sequent does not use are skipped when reading.
 */
final class OnnxProto {

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_METADATA_PROPS = 14;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // StringStringEntryProto
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    // AttributeProto
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_F = 2;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_S = 4;
    private static final int ATTRIBUTE_FLOATS = 7;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int ATTRIBUTE_STRINGS = 9;
    private static final int ATTRIBUTE_TYPE = 20;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxProto() {
    }

    static byte[] encode(Model model) {
        ProtoWriter out = new ProtoWriter()
                .varint(MODEL_IR_VERSION, model.irVersion())
                .string(MODEL_PRODUCER_NAME, model.producerName())
                .string(MODEL_PRODUCER_VERSION, model.producerVersion())
                .message(MODEL_GRAPH, encodeGraph(model.graph()));
        for (Map.Entry<String, Long> opset : model.opsetByDomain().entrySet()) {
            out.message(MODEL_OPSET_IMPORT, new ProtoWriter()
                    .string(OPSET_DOMAIN, opset.getKey())
                    .varint(OPSET_VERSION, opset.getValue()));
        }
        for (Map.Entry<String, String> entry : model.metadata().entrySet()) {
            out.message(MODEL_METADATA_PROPS, new ProtoWriter()
                    .string(ENTRY_KEY, entry.getKey())
                    .string(ENTRY_VALUE, entry.getValue()));
        }
        return out.toByteArray();
    }

    private static ProtoWriter encodeGraph(Graph graph) {
        ProtoWriter out = new ProtoWriter();
        for (Node node : graph.nodes()) {
            out.message(GRAPH_NODE, encodeNode(node));
        }
        out.string(GRAPH_NAME, graph.name());
        for (TensorData initializer : graph.initializers()) {
            out.message(GRAPH_INITIALIZER, encodeTensor(initializer));
        }
        for (ValueInfo input : graph.inputs()) {
            out.message(GRAPH_INPUT, encodeValueInfo(input));
        }
        for (ValueInfo output : graph.outputs()) {
            out.message(GRAPH_OUTPUT, encodeValueInfo(output));
        }
        return out;
    }

    private static ProtoWriter encodeNode(Node node) {
        ProtoWriter out = new ProtoWriter();
        for (String input : node.inputs()) {
            out.string(NODE_INPUT, input);
        }
        for (String output : node.outputs()) {
            out.string(NODE_OUTPUT, output);
        }
        out.string(NODE_NAME, node.name()).string(NODE_OP_TYPE, node.opType());
        for (Attribute attribute : node.attributes()) {
            out.message(NODE_ATTRIBUTE, encodeAttribute(attribute));
        }
        if (!node.domain().isEmpty()) {
            out.string(NODE_DOMAIN, node.domain());
        }
        return out;
    }

    private static ProtoWriter encodeAttribute(Attribute attribute) {
        ProtoWriter out = new ProtoWriter().string(ATTRIBUTE_NAME, attribute.name());
        switch (attribute.type()) {
            case INT -> out.varint(ATTRIBUTE_I, attribute.intValue());
            case FLOAT -> out.fixed32Float(ATTRIBUTE_F, attribute.floatValue());
            case STRING -> out.string(ATTRIBUTE_S, attribute.stringValue());
            case INTS -> out.packedVarints(ATTRIBUTE_INTS, attribute.ints());
            case FLOATS -> {
                for (float value : attribute.floats()) {
                    out.fixed32Float(ATTRIBUTE_FLOATS, value);
                }
            }
            case STRINGS -> {
                for (String value : attribute.strings()) {
                    out.string(ATTRIBUTE_STRINGS, value);
                }
            }
            case OTHER -> throw new IllegalArgumentException("Attribute '" + attribute.name()
                    + "' has no encodable type.");
        }
        return out.varint(ATTRIBUTE_TYPE, attribute.type().code);
    }

    /** Encodes the values as little-endian {@code raw_data}, as the specification requires. */
    private static ProtoWriter encodeTensor(TensorData tensor) {
        ProtoWriter out = new ProtoWriter()
                .packedVarints(TENSOR_DIMS, tensor.dims())
                .varint(TENSOR_DATA_TYPE, tensor.dataType())
                .string(TENSOR_NAME, tensor.name());
        ByteBuffer raw;
        if (tensor.dataType() == OnnxIr.FLOAT) {
            raw = ByteBuffer.allocate(tensor.floats().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(tensor.floats());
        } else {
            raw = ByteBuffer.allocate(tensor.longs().length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            raw.asLongBuffer().put(tensor.longs());
        }
        return out.bytes(TENSOR_RAW_DATA, raw.array());
    }

    private static ProtoWriter encodeValueInfo(ValueInfo info) {
        ProtoWriter shape = new ProtoWriter();
        for (Dim dim : info.dims()) {
            ProtoWriter dimension = new ProtoWriter();
            if (dim.isSymbolic()) {
                dimension.string(DIM_PARAM, dim.param());
            } else {
                dimension.varint(DIM_VALUE, dim.value());
            }
            shape.message(SHAPE_DIM, dimension);
        }
        ProtoWriter tensorType = new ProtoWriter()
                .varint(TENSOR_TYPE_ELEM_TYPE, info.elemType())
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter()
                .string(VALUE_INFO_NAME, info.name())
                .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
    }

    /**
     * Decodes a model. A file without a graph decodes to a model whose graph is null.
     *
     * @throws MalformedProtoException if the bytes are not well-formed protobuf
     */
    static Model decode(byte[] bytes) throws MalformedProtoException {
        ProtoReader in = new ProtoReader(bytes);
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        Graph graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case MODEL_IR_VERSION -> irVersion = in.readVarint();
                case MODEL_PRODUCER_NAME -> producerName = in.readString();
                case MODEL_PRODUCER_VERSION -> producerVersion = in.readString();
                case MODEL_GRAPH -> graph = decodeGraph(in.readMessage());
                case MODEL_OPSET_IMPORT -> decodeOpset(in.readMessage(), opsets);
                case MODEL_METADATA_PROPS -> decodeEntry(in.readMessage(), metadata);
                default -> in.skip();
            }
        }
        return new Model(irVersion, producerName, producerVersion, opsets, graph, metadata);
    }

    private static void decodeOpset(ProtoReader in, Map<String, Long> opsets) throws MalformedProtoException {
        String domain = "";
        long version = 0;
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case OPSET_DOMAIN -> domain = in.readString();
                case OPSET_VERSION -> version = in.readVarint();
                default -> in.skip();
            }
        }
        opsets.put(domain, version);
    }

    private static void decodeEntry(ProtoReader in, Map<String, String> metadata) throws MalformedProtoException {
        String key = "";
        String value = "";
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case ENTRY_KEY -> key = in.readString();
                case ENTRY_VALUE -> value = in.readString();
                default -> in.skip();
            }
        }
        metadata.put(key, value);
    }

    private static Graph decodeGraph(ProtoReader in) throws MalformedProtoException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<TensorData> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case GRAPH_NODE -> nodes.add(decodeNode(in.readMessage()));
                case GRAPH_NAME -> name = in.readString();
                case GRAPH_INITIALIZER -> initializers.add(decodeTensor(in.readMessage()));
                case GRAPH_INPUT -> inputs.add(decodeValueInfo(in.readMessage()));
                case GRAPH_OUTPUT -> outputs.add(decodeValueInfo(in.readMessage()));
                default -> in.skip();
            }
        }
        return new Graph(name, nodes, initializers, inputs, outputs);
    }

    private static Node decodeNode(ProtoReader in) throws MalformedProtoException {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case NODE_INPUT -> inputs.add(in.readString());
                case NODE_OUTPUT -> outputs.add(in.readString());
                case NODE_NAME -> name = in.readString();
                case NODE_OP_TYPE -> opType = in.readString();
                case NODE_ATTRIBUTE -> attributes.add(decodeAttribute(in.readMessage()));
                case NODE_DOMAIN -> domain = in.readString();
                default -> in.skip();
            }
        }
        return new Node(name, opType, domain, inputs, outputs, attributes);
    }

    private static Attribute decodeAttribute(ProtoReader in) throws MalformedProtoException {
        String name = "";
        long type = 0;
        long intValue = 0;
        float floatValue = 0;
        String stringValue = null;
        long[] ints = new long[0];
        float[] floats = new float[0];
        List<String> strings = new ArrayList<>();
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case ATTRIBUTE_NAME -> name = in.readString();
                case ATTRIBUTE_F -> floatValue = in.readFixed32Float();
                case ATTRIBUTE_I -> intValue = in.readVarint();
                case ATTRIBUTE_S -> stringValue = in.readString();
                case ATTRIBUTE_FLOATS -> floats = concat(floats, in.readFloats());
                case ATTRIBUTE_INTS -> ints = concat(ints, in.readVarints());
                case ATTRIBUTE_STRINGS -> strings.add(in.readString());
                case ATTRIBUTE_TYPE -> type = in.readVarint();
                default -> in.skip();
            }
        }
        return new Attribute(name, AttributeType.fromCode(type), intValue, floatValue, stringValue, ints, floats,
                strings);
    }

    private static TensorData decodeTensor(ProtoReader in) throws MalformedProtoException {
        String name = "";
        long[] dims = new long[0];
        int dataType = 0;
        List<float[]> floatParts = new ArrayList<>();
        List<long[]> longParts = new ArrayList<>();
        byte[] raw = null;
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case TENSOR_DIMS -> dims = concat(dims, in.readVarints());
                case TENSOR_DATA_TYPE -> dataType = (int) in.readVarint();
                case TENSOR_FLOAT_DATA -> floatParts.add(in.readFloats());
                case TENSOR_INT64_DATA -> longParts.add(in.readVarints());
                case TENSOR_NAME -> name = in.readString();
                case TENSOR_RAW_DATA -> raw = in.readBytes();
                default -> in.skip();
            }
        }

        // Unpacked repeated values arrive one per field, so join the parts once at the end.
        float[] floatData = new float[floatParts.stream().mapToInt(part -> part.length).sum()];
        int offset = 0;
        for (float[] part : floatParts) {
            System.arraycopy(part, 0, floatData, offset, part.length);
            offset += part.length;
        }
        long[] longData = longParts.stream().flatMapToLong(java.util.Arrays::stream).toArray();

        if (raw != null && dataType == OnnxIr.FLOAT) {
            floatData = new float[raw.length / Float.BYTES];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floatData);
        } else if (raw != null && dataType == OnnxIr.INT64) {
            longData = new long[raw.length / Long.BYTES];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longData);
        }
        return new TensorData(name, dims, dataType, dataType == OnnxIr.FLOAT ? floatData : null,
                dataType == OnnxIr.INT64 ? longData : null);
    }

    private static ValueInfo decodeValueInfo(ProtoReader in) throws MalformedProtoException {
        String name = "";
        int elemType = 0;
        List<Dim> dims = new ArrayList<>();
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            if (field == VALUE_INFO_NAME) {
                name = in.readString();
            } else if (field == VALUE_INFO_TYPE) {
                ProtoReader type = in.readMessage();
                for (int typeField = type.nextField(); typeField != 0; typeField = type.nextField()) {
                    if (typeField == TYPE_TENSOR_TYPE) {
                        elemType = decodeTensorType(type.readMessage(), dims);
                    } else {
                        type.skip();
                    }
                }
            } else {
                in.skip();
            }
        }
        return new ValueInfo(name, elemType, dims);
    }

    private static int decodeTensorType(ProtoReader in, List<Dim> dims) throws MalformedProtoException {
        int elemType = 0;
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            if (field == TENSOR_TYPE_ELEM_TYPE) {
                elemType = (int) in.readVarint();
            } else if (field == TENSOR_TYPE_SHAPE) {
                ProtoReader shape = in.readMessage();
                for (int shapeField = shape.nextField(); shapeField != 0; shapeField = shape.nextField()) {
                    if (shapeField == SHAPE_DIM) {
                        dims.add(decodeDim(shape.readMessage()));
                    } else {
                        shape.skip();
                    }
                }
            } else {
                in.skip();
            }
        }
        return elemType;
    }

    private static Dim decodeDim(ProtoReader in) throws MalformedProtoException {
        Dim dim = Dim.symbolic("");
        for (int field = in.nextField(); field != 0; field = in.nextField()) {
            switch (field) {
                case DIM_VALUE -> dim = Dim.fixed(in.readVarint());
                case DIM_PARAM -> dim = Dim.symbolic(in.readString());
                default -> in.skip();
            }
        }
        return dim;
    }

    private static long[] concat(long[] first, long[] second) {
        long[] result = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private static float[] concat(float[] first, float[] second) {
        float[] result = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
