package dev.sequent.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protocol buffers wire format field by field. Each malformed input (a length past
 * the end, a varint longer than ten bytes, an unknown wire type) raises
 * {@link MalformedProtoException} with the byte offset.
 */
final class ProtoReader {

    /** Raised for bytes that are not a well-formed protocol buffers message. */
    static final class MalformedProtoException extends Exception {
        MalformedProtoException(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private final int end;
    private int position;
    private int wireType;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtoReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    /** Returns the next field number, or 0 at the end of the message. */
    int nextField() throws MalformedProtoException {
        if (position >= end) {
            return 0;
        }
        int tagOffset = position;
        long tag = readRawVarint();
        int field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0) {
            throw new MalformedProtoException("invalid field number " + field + " at byte " + tagOffset);
        }
        return field;
    }

    long readVarint() throws MalformedProtoException {
        expectWireType(0);
        return readRawVarint();
    }

    float readFixed32Float() throws MalformedProtoException {
        expectWireType(5);
        requireBytes(4);
        int bits = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8
                | (data[position + 2] & 0xFF) << 16 | (data[position + 3] & 0xFF) << 24;
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    byte[] readBytes() throws MalformedProtoException {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    String readString() throws MalformedProtoException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    /** Returns a reader over the nested message in the current length-delimited field. */
    ProtoReader readMessage() throws MalformedProtoException {
        int length = readLength();
        ProtoReader nested = new ProtoReader(data, position, position + length);
        position += length;
        return nested;
    }

    /** Reads a repeated int64 field in either packed or unpacked encoding. */
    long[] readVarints() throws MalformedProtoException {
        if (wireType == 0) {
            return new long[] {readRawVarint()};
        }
        ProtoReader packed = readMessage();
        int count = 0;
        for (int i = packed.position; i < packed.end; i++) {
            if ((data[i] & 0x80) == 0) {
                count++;
            }
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = packed.readRawVarint();
        }
        if (packed.position != packed.end) {
            throw new MalformedProtoException("packed varint field ends inside a varint at byte " + packed.end);
        }
        return values;
    }

    /** Reads a repeated float field in either packed or unpacked encoding. */
    float[] readFloats() throws MalformedProtoException {
        if (wireType == 5) {
            return new float[] {readFixed32Float()};
        }
        ProtoReader packed = readMessage();
        int length = packed.end - packed.position;
        if (length % 4 != 0) {
            throw new MalformedProtoException("packed float field of " + length + " bytes at byte "
                    + packed.position + " is not a multiple of 4");
        }
        float[] values = new float[length / 4];
        for (int i = 0; i < values.length; i++) {
            packed.wireType = 5;
            values[i] = packed.readFixed32Float();
        }
        return values;
    }

    void skip() throws MalformedProtoException {
        switch (wireType) {
            case 0 -> readRawVarint();
            case 1 -> {
                requireBytes(8);
                position += 8;
            }
            case 2 -> position += readLength();
            case 5 -> {
                requireBytes(4);
                position += 4;
            }
            default -> throw new MalformedProtoException("unsupported wire type " + wireType + " before byte "
                    + position);
        }
    }

    private int readLength() throws MalformedProtoException {
        expectWireType(2);
        int lengthOffset = position;
        long length = readRawVarint();
        if (length < 0 || length > end - position) {
            throw new MalformedProtoException("field at byte " + lengthOffset + " declares " + length
                    + " bytes, but only " + (end - position) + " remain");
        }
        return (int) length;
    }

    private long readRawVarint() throws MalformedProtoException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new MalformedProtoException("varint runs past the end at byte " + position);
            }
            byte b = data[position++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes before byte " + position);
    }

    private void expectWireType(int expected) throws MalformedProtoException {
        if (wireType != expected) {
            throw new MalformedProtoException("expected wire type " + expected + " but found " + wireType
                    + " before byte " + position);
        }
    }

    private void requireBytes(int count) throws MalformedProtoException {
        if (end - position < count) {
            throw new MalformedProtoException("field needs " + count + " bytes at byte " + position + ", but only "
                    + (end - position) + " remain");
        }
    }
}
