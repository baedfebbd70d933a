package dev.sequent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void writesNumpyVersionOneLayout() {
        byte[] bytes = Npy.write(Tensor.of(new float[] {1f, -2f, 0.5f}, 3));

        // Magic, version 1.0, then a header whose end pads the data start to 64 bytes.
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = (bytes[8] & 0xFF) | ((bytes[9] & 0xFF) << 8);
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"), header);
        assertTrue(header.endsWith("\n"));
        // 1.0f is 0x3F800000, stored little-endian.
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, Arrays.copyOfRange(bytes, 10 + headerLength, 14 + headerLength));
        assertEquals(10 + headerLength + 12, bytes.length);
    }

    @Test
    void roundTripKeepsShapeAndBits() {
        Tensor original = Tensor.of(new float[] {Float.MIN_VALUE, -0f, 3.25f, 1e30f, 7f, -1f}, 2, 3);

        Tensor read = Npy.read(Npy.write(original), new int[] {2, 3});

        assertEquals(original, read);
    }

    @Test
    void readRejectsShapeThatDisagreesWithConfiguration() {
        byte[] bytes = Npy.write(Tensor.zeros(4, 3));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(bytes, new int[] {3, 4}));

        assertTrue(error.getMessage().contains("shape [4, 3]"), error.getMessage());
        assertTrue(error.getMessage().contains("expects [3, 4]"), error.getMessage());
    }

    @Test
    void readRejectsTruncatedData() {
        byte[] bytes = Npy.write(Tensor.zeros(4, 3));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(truncated, new int[] {4, 3}));

        assertTrue(error.getMessage().contains("needs 48 data bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void readRejectsOtherDtype() {
        byte[] bytes = Npy.write(Tensor.zeros(2));
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
        byte[] doubles = text.getBytes(StandardCharsets.ISO_8859_1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(doubles, new int[] {2}));

        assertTrue(error.getMessage().contains("'<f8'"), error.getMessage());
    }

    @Test
    void readRejectsMissingMagic() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Npy.read("hello world, not numpy".getBytes(StandardCharsets.US_ASCII), new int[] {1}));

        assertTrue(error.getMessage().contains("magic"), error.getMessage());
    }
}
