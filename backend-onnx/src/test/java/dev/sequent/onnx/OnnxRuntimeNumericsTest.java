package dev.sequent.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs exported models in ONNX Runtime and compares with hand-derived and reference values. */
class OnnxRuntimeNumericsTest {

    private static final double TOLERANCE = 1e-5;
    private final OnnxBackendProvider provider = new OnnxBackendProvider();

    @Test
    void denseMatchesHandComputedValues() {
        Sequential model = Sequential.of(Input.shape(2), Dense.units(2));
        Weights weights = Weights.builder()
                .put("dense/kernel", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2))
                .put("dense/bias", Tensor.of(new float[] {0.5f, -1}, 2))
                .build();

        try (BackendModel compiled = provider.compile(model, Optional.empty(), weights)) {
            Tensor y = compiled.predict(Tensor.of(new float[] {1, -1}, 1, 2));
            // [1, -1] · [[1, 2], [3, 4]] = [1 - 3, 2 - 4] = [-2, -2]; plus bias [0.5, -1] = [-1.5, -3].
            assertArrayEquals(new int[] {1, 2}, y.shape());
            assertArrayEquals(new float[] {-1.5f, -3f}, y.toFlatArray(), 1e-6f);
        }
    }

    @Test
    void goBackwardsSequenceIsInProcessingOrder() {
        // One unit, linear, kernel 1, recurrent kernel 1, no bias: h is a running sum in the
        // order the steps are read. Input x = [1, 10, 100] read backwards gives the states
        // 100, 110, 111, which Keras returns in that order.
        Sequential model = Sequential.of(Input.shape(3, 1), SimpleRNN.units(1)
                .activation(Activation.LINEAR).useBias(false).goBackwards(true)
                .returnSequences(true));
        Weights weights = Weights.builder()
                .put("simple_rnn/kernel", Tensor.of(new float[] {1}, 1, 1))
                .put("simple_rnn/recurrent_kernel", Tensor.of(new float[] {1}, 1, 1))
                .build();

        try (BackendModel compiled = provider.compile(model, Optional.empty(), weights)) {
            Tensor y = compiled.predict(Tensor.of(new float[] {1, 10, 100}, 1, 3, 1));
            assertArrayEquals(new int[] {1, 3, 1}, y.shape());
            assertArrayEquals(new float[] {100, 110, 111}, y.toFlatArray(), 1e-4f);
        }
    }

    @TestFactory
    Stream<DynamicTest> exportedModelsMatchReference() {
        return TestModels.exportCases().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> checkAgainstReference(entry.getValue())));
    }

    private void checkAgainstReference(Sequential model) {
        Weights weights = TestModels.weights(model, 42);
        try (BackendModel compiled = provider.compile(model, Optional.empty(), weights)) {
            for (int batch : new int[] {1, 7}) {
                Tensor x = TestModels.input(model, batch, batch);
                Tensor expected = ReferenceForward.predict(model, weights, x);
                Tensor actual = compiled.predict(x);
                assertArrayEquals(expected.shape(), actual.shape(), "shape at batch " + batch);
                assertClose(expected, actual, "batch " + batch);
            }
        }
    }

    static void assertClose(Tensor expected, Tensor actual, String label) {
        assertEquals(expected.size(), actual.size(), label + ": value count");
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.size(); i++) {
            double difference = Math.abs(expected.getFlat(i) - actual.getFlat(i));
            if (difference > worst) {
                worst = difference;
                worstIndex = i;
            }
        }
        if (worst > TOLERANCE) {
            throw new AssertionError(label + ": values differ by " + worst + " at flat index " + worstIndex
                    + " (expected " + expected.getFlat(worstIndex) + ", actual " + actual.getFlat(worstIndex)
                    + "), more than " + TOLERANCE);
        }
    }
}
