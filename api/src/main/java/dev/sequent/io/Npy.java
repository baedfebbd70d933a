package dev.sequent.io;

import dev.sequent.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes float32 tensors in NumPy's {@code .npy} format, version 1.0: the magic
 * {@code \x93NUMPY}, version bytes 1 and 0, a little-endian uint16 header length, an ASCII
 * header such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (64, 10), }} padded with
 * spaces and a newline so the data starts at a multiple of 64 bytes, then the values in
 * little-endian row-major order. Python reads such a file with {@code numpy.load(path)}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Encodes a tensor as {@code .npy} bytes. */
    public static byte[] write(Tensor tensor) {
        int[] shape = tensor.shape();
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + padding + tensor.size() * 4);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write((header.length() >>> 8) & 0xFF);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(tensor.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensor.size(); i++) {
            data.putFloat(tensor.getFlat(i));
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /**
     * Decodes {@code .npy} bytes that must hold a float32 array of exactly {@code expectedShape}.
     * The shape is checked against the expectation before any value is read, so a damaged
     * header cannot make the reader allocate more than the model needs.
     *
     * @throws IllegalArgumentException naming the problem: bad magic, unsupported version or
     *     type, Fortran order, a shape other than the expected one, or missing data
     */
    public static Tensor read(byte[] bytes, int[] expectedShape) {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a .npy array (the magic bytes \\x93NUMPY are missing)");
        }
        int major = bytes[6] & 0xFF;
        if (major != 1) {
            throw new IllegalArgumentException(".npy version " + major + "." + (bytes[7] & 0xFF)
                    + " is not supported; Sequent reads version 1.0");
        }
        int headerLength = (bytes[8] & 0xFF) | ((bytes[9] & 0xFF) << 8);
        int dataStart = 10 + headerLength;
        if (dataStart > bytes.length) {
            throw new IllegalArgumentException("the .npy header claims " + headerLength + " bytes but the entry has only "
                    + (bytes.length - 10) + " after the preamble (truncated)");
        }
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);

        String descr = match(DESCR, header, "descr");
        if (!descr.equals("<f4")) {
            throw new IllegalArgumentException("the array has type '" + descr + "', but Sequent stores float32 ('<f4')");
        }
        if (match(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("the array is in Fortran order, but Sequent stores row-major (C) order");
        }
        int[] shape = parseShape(match(SHAPE, header, "shape"));
        if (!Arrays.equals(shape, expectedShape)) {
            throw new IllegalArgumentException("the array has shape " + Arrays.toString(shape)
                    + ", but the model configuration expects " + Arrays.toString(expectedShape));
        }

        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        long needed = count * 4;
        if (bytes.length - dataStart != needed) {
            throw new IllegalArgumentException("the array needs " + needed + " data bytes for shape "
                    + Arrays.toString(shape) + " but the entry has " + (bytes.length - dataStart)
                    + (bytes.length - dataStart < needed ? " (truncated)" : ""));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.getFloat();
        }
        return Tensor.wrap(values, shape);
    }

    private static String match(Pattern pattern, String header, String key) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the .npy header has no valid '" + key + "' entry: " + header.trim());
        }
        return matcher.group(1);
    }

    private static int[] parseShape(String text) {
        String[] parts = text.split(",");
        int count = 0;
        int[] dims = new int[parts.length];
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                dims[count++] = Integer.parseInt(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the .npy shape '(" + text + ")' is not a tuple of integers");
            }
        }
        return Arrays.copyOf(dims, count);
    }
}
