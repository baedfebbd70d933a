package dev.sequent.onnx;

import java.util.List;
import java.util.Map;

/**
 * The subset of the ONNX intermediate representation that Sequent writes and reads back, as
 * plain records. {@link OnnxProto} converts it to and from the protobuf wire format.
 */
final class OnnxIr {

    /** {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** {@code TensorProto.DataType.INT64}. */
    static final int INT64 = 7;

    private OnnxIr() {
    }

    /** A {@code ModelProto}. The default ONNX operator set has the empty string as its domain. */
    record Model(long irVersion, String producerName, String producerVersion, Map<String, Long> opsetByDomain,
            Graph graph, Map<String, String> metadata) {
    }

    /** A {@code GraphProto}. */
    record Graph(String name, List<Node> nodes, List<TensorData> initializers, List<ValueInfo> inputs,
            List<ValueInfo> outputs) {
    }

    /** A {@code NodeProto}. An empty input or output name marks an omitted optional one. */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            List<Attribute> attributes) {

        Node(String name, String opType, List<String> inputs, List<String> outputs, Attribute... attributes) {
            this(name, opType, "", inputs, outputs, List.of(attributes));
        }
    }

    /** An {@code AttributeProto} of type INT, FLOAT, STRING, INTS, FLOATS or STRINGS. */
    record Attribute(String name, AttributeType type, long intValue, float floatValue, String stringValue,
            long[] ints, float[] floats, List<String> strings) {

        static Attribute ofInt(String name, long value) {
            return new Attribute(name, AttributeType.INT, value, 0, null, null, null, null);
        }

        static Attribute ofInts(String name, long... values) {
            return new Attribute(name, AttributeType.INTS, 0, 0, null, values.clone(), null, null);
        }

        static Attribute ofFloats(String name, float... values) {
            return new Attribute(name, AttributeType.FLOATS, 0, 0, null, null, values.clone(), null);
        }

        static Attribute ofString(String name, String value) {
            return new Attribute(name, AttributeType.STRING, 0, 0, value, null, null, null);
        }

        static Attribute ofStrings(String name, String... values) {
            return new Attribute(name, AttributeType.STRINGS, 0, 0, null, null, null, List.of(values));
        }
    }

    /** {@code AttributeProto.AttributeType}, with the enum numbers from the ONNX specification. */
    enum AttributeType {
        FLOAT(1), INT(2), STRING(3), FLOATS(6), INTS(7), STRINGS(8), OTHER(-1);

        final int code;

        AttributeType(int code) {
            this.code = code;
        }

        static AttributeType fromCode(long code) {
            for (AttributeType type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            return OTHER;
        }
    }

    /**
     * A {@code TensorProto} holding FLOAT values ({@code floats}) or INT64 values
     * ({@code longs}). The other array is null.
     */
    record TensorData(String name, long[] dims, int dataType, float[] floats, long[] longs) {

        static TensorData ofFloats(String name, float[] values, long... dims) {
            return new TensorData(name, dims.clone(), FLOAT, values, null);
        }

        static TensorData ofLongs(String name, long... values) {
            return new TensorData(name, new long[] {values.length}, INT64, null, values.clone());
        }

        long elementCount() {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            return count;
        }
    }

    /** A graph input or output: a FLOAT tensor whose dimensions are fixed or named. */
    record ValueInfo(String name, int elemType, List<Dim> dims) {
    }

    /** A {@code TensorShapeProto.Dimension}: a fixed size, or a symbolic name ({@code param}). */
    record Dim(long value, String param) {

        static Dim fixed(long value) {
            return new Dim(value, null);
        }

        static Dim symbolic(String param) {
            return new Dim(0, param);
        }

        boolean isSymbolic() {
            return param != null;
        }
    }
}
