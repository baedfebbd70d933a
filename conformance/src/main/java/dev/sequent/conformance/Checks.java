package dev.sequent.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sequent.Tensor;
import dev.sequent.Weights;
import java.util.Arrays;
import java.util.List;

/**
 * Comparisons with float32 tolerances. A value passes when
 * {@code |actual - expected| <= absolute + relative * |expected|}; an infinite expected value
 * must be matched exactly and NaN never passes.
 */
public final class Checks {

    /**
     * Tolerance for forward passes: float32 has a relative rounding step of about 6e-8, and
     * the small models here accumulate a few dozen roundings.
     */
    public static final double FORWARD_ABSOLUTE = 1e-5;
    public static final double FORWARD_RELATIVE = 1e-5;

    private Checks() {
    }

    /** Asserts the shape and every value of {@code actual} against double-precision expectations. */
    public static void assertClose(String description, double[] expected, int[] expectedShape, Tensor actual,
            double absolute, double relative) {
        assertNotNull(actual, description + ": the backend returned null");
        assertArrayEquals(expectedShape, actual.shape(), () -> description + ": expected shape "
                + Arrays.toString(expectedShape) + " but was " + Arrays.toString(actual.shape()));
        for (int i = 0; i < expected.length; i++) {
            String where = description + " at flat index " + i + " of shape " + Arrays.toString(expectedShape);
            assertValue(where, expected[i], actual.getFlat(i), absolute, relative);
        }
    }

    /** Asserts a forward output against the double-precision reference at the forward tolerance. */
    public static void assertClose(String description, Reference.Values expected, Tensor actual) {
        assertClose(description, expected.values(), expected.shape(), actual, FORWARD_ABSOLUTE, FORWARD_RELATIVE);
    }

    /** Asserts one value. */
    public static void assertValue(String description, double expected, double actual, double absolute,
            double relative) {
        if (Double.isNaN(actual)) {
            fail(description + ": expected " + expected + " but was NaN");
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            assertEquals(expected, actual, () -> description + ": expected " + expected + " but was " + actual);
            return;
        }
        double bound = absolute + relative * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= bound)) {
            fail(description + ": expected " + expected + " but was " + actual + " (difference "
                    + Math.abs(actual - expected) + ", allowed " + bound + ")");
        }
    }

    /** Asserts one named weight of {@code actual}. */
    public static void assertWeight(String description, Weights actual, String name, double[] expected, int[] shape,
            double absolute, double relative) {
        assertNotNull(actual, description + ": the backend returned null weights");
        assertClose(description + ", weight '" + name + "'", expected, shape, actual.get(name), absolute, relative);
    }

    /** Asserts that two tensors have the same shape and bitwise equal values. */
    public static void assertSameTensor(String description, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), () -> description + ": expected shape "
                + Arrays.toString(expected.shape()) + " but was " + Arrays.toString(actual.shape()));
        assertArrayEquals(expected.toFlatArray(), actual.toFlatArray(), description + ": values differ");
    }

    /** Asserts that two sets of weights have the same names and bitwise equal tensors. */
    public static void assertSameTensorsOf(String description, Weights expected, Weights actual) {
        assertNotNull(actual, description + ": the backend returned null weights");
        assertEquals(List.copyOf(expected.names()), List.copyOf(actual.names()),
                description + ": weight names or their order differ");
        for (String name : expected.names()) {
            assertSameTensor(description + ", weight '" + name + "'", expected.get(name), actual.get(name));
        }
    }
}
