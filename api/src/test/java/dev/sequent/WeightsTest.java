package dev.sequent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightsTest {

    private static Weights dense() {
        return Weights.builder()
                .put("dense/kernel", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2))
                .put("dense/bias", Tensor.of(new float[] {7, 8}))
                .build();
    }

    @Test
    void keepsInsertionOrderAndCounts() {
        Weights weights = dense();
        assertEquals(List.of("dense/kernel", "dense/bias"), List.copyOf(weights.names()));
        assertEquals(8, weights.parameterCount());
        assertTrue(weights.contains("dense/bias"));
        assertFalse(weights.contains("dense/gamma"));
    }

    @Test
    void unknownNameListsNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> dense().get("dense_1/kernel"));
        assertTrue(error.getMessage().contains("'dense_1/kernel'"), error.getMessage());
        assertTrue(error.getMessage().contains("[dense/kernel, dense/bias]"), error.getMessage());
    }

    @Test
    void withReplacesOneWeight() {
        Weights original = dense();
        Weights changed = original.with("dense/bias", Tensor.of(new float[] {0, 0}));

        assertArrayEquals(new float[] {0, 0}, changed.get("dense/bias").toFlatArray());
        assertArrayEquals(new float[] {7, 8}, original.get("dense/bias").toFlatArray());
        assertEquals(List.copyOf(original.names()), List.copyOf(changed.names()));
    }

    @Test
    void withRejectsOtherShape() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> dense().with("dense/kernel", Tensor.zeros(2, 3)));
        assertTrue(error.getMessage().contains("[3, 2]"), error.getMessage());
        assertTrue(error.getMessage().contains("[2, 3]"), error.getMessage());
    }

    @Test
    void builderRejectsDuplicateName() {
        Weights.Builder builder = Weights.builder().put("dense/bias", Tensor.zeros(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> builder.put("dense/bias", Tensor.zeros(2)));
        assertTrue(error.getMessage().contains("'dense/bias' was added twice"), error.getMessage());
    }

    @Test
    void shapeFormatsLikeKeras() {
        assertEquals("(None, 30, 8)", Shape.of(30, 8).withBatch());
        assertEquals("[None, 8]", Shape.of(Shape.VARIABLE, 8).toString());
        assertTrue(Shape.of(Shape.VARIABLE, 8).accepts(new int[] {4, 17, 8}));
        assertFalse(Shape.of(30, 8).accepts(new int[] {4, 17, 8}));
        assertFalse(Shape.of(8).accepts(new int[] {8}));
        IllegalStateException variable = assertThrows(IllegalStateException.class,
                () -> Shape.of(Shape.VARIABLE, 8).size());
        assertTrue(variable.getMessage().contains("[None, 8]"), variable.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(0, 8));
    }
}
