package dev.sequent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void flatFactoryCopiesValues() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor tensor = Tensor.of(values, 2, 3);
        values[0] = 99;

        assertArrayEquals(new int[] {2, 3}, tensor.shape());
        assertEquals(1f, tensor.get(0, 0));
        assertEquals(6f, tensor.get(1, 2));
    }

    @Test
    void flatFactoryRejectsWrongSize() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[5], 2, 3));
        assertTrue(error.getMessage().contains("[2, 3]"), error.getMessage());
        assertTrue(error.getMessage().contains("6 values"), error.getMessage());
        assertTrue(error.getMessage().contains("5 were given"), error.getMessage());
    }

    @Test
    void flatFactoryRejectsNegativeDimension() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[0], 2, -1));
        assertTrue(error.getMessage().contains("[2, -1]"), error.getMessage());
    }

    @Test
    void twoDimensionalFactoryCopiesRows() {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor tensor = Tensor.of(rows);
        rows[1][2] = 99;

        assertArrayEquals(new int[] {2, 3}, tensor.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tensor.toFlatArray());
    }

    @Test
    void twoDimensionalFactoryNamesRaggedRow() {
        float[][] rows = {{1, 2}, {3, 4}, {5}};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Tensor.of(rows));
        assertTrue(error.getMessage().contains("row 2 has 1 values"), error.getMessage());
        assertTrue(error.getMessage().contains("row 0 has 2"), error.getMessage());
    }

    @Test
    void threeDimensionalFactoryCopiesSamples() {
        float[][][] samples = {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}};
        Tensor tensor = Tensor.of(samples);
        samples[0][0][0] = 99;

        assertArrayEquals(new int[] {2, 3, 2}, tensor.shape());
        // Row-major: sample 1, step 2, feature 1 is flat index 1 * 6 + 2 * 2 + 1 = 11.
        assertEquals(12f, tensor.getFlat(11));
        assertEquals(12f, tensor.get(1, 2, 1));
        assertEquals(1f, tensor.get(0, 0, 0));
    }

    @Test
    void threeDimensionalFactoryNamesRaggedSample() {
        float[][][] samples = {{{1}, {2}}, {{3}}};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Tensor.of(samples));
        assertTrue(error.getMessage().contains("sample 1 has 1 time steps"), error.getMessage());
    }

    @Test
    void threeDimensionalFactoryNamesRaggedStep() {
        float[][][] samples = {{{1, 2}, {3, 4}}, {{5, 6}, {7}}};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Tensor.of(samples));
        assertTrue(error.getMessage().contains("sample 1, step 1 has 1 features"), error.getMessage());
    }

    @Test
    void toArray2dRoundTripsAndCopies() {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor tensor = Tensor.of(rows);

        float[][] out = tensor.toArray2d();
        out[0][0] = 99;

        assertArrayEquals(rows[1], tensor.toArray2d()[1]);
        assertEquals(1f, tensor.toArray2d()[0][0]);
    }

    @Test
    void toArray3dRoundTrips() {
        float[][][] samples = {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}};
        float[][][] out = Tensor.of(samples).toArray3d();

        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(samples[s][t], out[s][t]);
            }
        }
    }

    @Test
    void toArrayRejectsWrongRank() {
        Tensor matrix = Tensor.zeros(2, 3);
        IllegalStateException error = assertThrows(IllegalStateException.class, matrix::toArray3d);
        assertTrue(error.getMessage().contains("rank-3"), error.getMessage());
        assertTrue(error.getMessage().contains("[2, 3]"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(4).toArray2d());
    }

    @Test
    void argmaxAlongLastAxis() {
        Tensor scores = Tensor.of(new float[][] {{0.1f, 0.7f, 0.2f}, {0.9f, 0.05f, 0.05f}, {-3f, -2f, -1f}});
        assertArrayEquals(new int[] {1, 0, 2}, scores.argmax());
    }

    @Test
    void argmaxTiesGoToLowestIndex() {
        Tensor scores = Tensor.of(new float[][] {{0.5f, 0.5f, 0f}, {0f, 0.4f, 0.4f}, {1f, 1f, 1f}});
        assertArrayEquals(new int[] {0, 1, 0}, scores.argmax());
    }

    @Test
    void argmaxOverSequencesGivesOnePerStep() {
        // Shape [1, 2, 3]: step 0 peaks at class 2, step 1 at class 0.
        Tensor scores = Tensor.of(new float[] {0, 1, 2, 5, 4, 3}, 1, 2, 3);
        assertArrayEquals(new int[] {2, 0}, scores.argmax());
    }

    @Test
    void oneHotEncodesLabels() {
        Tensor encoded = Tensor.oneHot(new int[] {2, 0, 1}, 3);

        assertArrayEquals(new int[] {3, 3}, encoded.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, encoded.toFlatArray());
        assertArrayEquals(new int[] {2, 0, 1}, encoded.argmax());
    }

    @Test
    void oneHotRejectsLabelOutsideClasses() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tensor.oneHot(new int[] {0, 3}, 3));
        assertTrue(error.getMessage().contains("index 1 is 3"), error.getMessage());
        assertTrue(error.getMessage().contains("[0, 3)"), error.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(new int[] {-1}, 3));
        IllegalArgumentException noClasses = assertThrows(IllegalArgumentException.class,
                () -> Tensor.oneHot(new int[] {0}, 0));
        assertTrue(noClasses.getMessage().contains("was 0"), noClasses.getMessage());
    }

    @Test
    void labelsAreRankOneFloats() {
        Tensor labels = Tensor.labels(3, 0, 7);
        assertArrayEquals(new int[] {3}, labels.shape());
        assertArrayEquals(new float[] {3, 0, 7}, labels.toFlatArray());
    }

    @Test
    void sliceCopiesSamples() {
        Tensor tensor = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        Tensor middle = tensor.slice(1, 3);

        assertArrayEquals(new int[] {2, 2}, middle.shape());
        assertArrayEquals(new float[] {3, 4, 5, 6}, middle.toFlatArray());
        assertArrayEquals(new int[] {0, 2}, tensor.slice(2, 2).shape());
    }

    @Test
    void sliceRejectsOutOfRange() {
        Tensor tensor = Tensor.zeros(4, 2);
        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class, () -> tensor.slice(2, 5));
        assertTrue(error.getMessage().contains("[2, 5)"), error.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.slice(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.slice(3, 2));
    }

    @Test
    void gatherReordersSamples() {
        Tensor tensor = Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51}, 3, 2, 2);
        Tensor picked = tensor.gather(new int[] {2, 0, 2});

        assertArrayEquals(new int[] {3, 2, 2}, picked.shape());
        assertArrayEquals(new float[] {40, 41, 50, 51, 0, 1, 10, 11, 40, 41, 50, 51}, picked.toFlatArray());
    }

    @Test
    void gatherRejectsIndexOutsideAxis() {
        Tensor tensor = Tensor.zeros(3, 2);
        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class,
                () -> tensor.gather(new int[] {0, 3}));
        assertTrue(error.getMessage().contains("Index 3 at position 1"), error.getMessage());
        assertTrue(error.getMessage().contains("[0, 3)"), error.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.gather(new int[] {-1}));
    }

    @Test
    void reshapeKeepsValues() {
        Tensor tensor = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6);
        Tensor reshaped = tensor.reshape(2, 3);

        assertArrayEquals(new int[] {2, 3}, reshaped.shape());
        assertEquals(6f, reshaped.get(1, 2));
    }

    @Test
    void reshapeRejectsDifferentSize() {
        Tensor tensor = Tensor.zeros(2, 3);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> tensor.reshape(4, 2));
        assertTrue(error.getMessage().contains("[4, 2]"), error.getMessage());
        assertTrue(error.getMessage().contains("8 values"), error.getMessage());
        assertTrue(error.getMessage().contains("6 were given"), error.getMessage());
    }

    @Test
    void getRejectsWrongIndex() {
        Tensor tensor = Tensor.zeros(2, 3);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> tensor.get(1));
        assertTrue(rank.getMessage().contains("rank 2"), rank.getMessage());
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class, () -> tensor.get(0, 3));
        assertTrue(range.getMessage().contains("axis 1"), range.getMessage());
    }

    @Test
    void copyToCopiesRange() {
        Tensor tensor = Tensor.of(new float[] {1, 2, 3, 4, 5});
        float[] target = new float[4];
        tensor.copyTo(1, target, 1, 3);
        assertArrayEquals(new float[] {0, 2, 3, 4}, target);
    }

    @Test
    void argmaxTreatsFirstNaNAsMaximum() {
        Tensor values = Tensor.of(new float[][] {{1f, Float.NaN, 5f}, {Float.NaN, 9f, Float.NaN}, {2f, 7f, 3f}});

        // NumPy's argmax returns the index of the first NaN in a row that has one.
        assertArrayEquals(new int[] {1, 0, 1}, values.argmax());
    }
}
