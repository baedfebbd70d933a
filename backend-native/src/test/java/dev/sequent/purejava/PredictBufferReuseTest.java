package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendModel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} reuses its intermediate buffers from one call to the next, so a returned
 * tensor must never change when later calls run, whatever their batch size.
 */
class PredictBufferReuseTest {

    private static final Sequential MODEL = Sequential.of(Input.shape(5),
            Dense.units(7).activation(Activation.RELU),
            Dense.units(3).activation(Activation.SOFTMAX));

    @Test
    void earlierOutputsStayUnchanged() {
        Random random = new Random(3);
        Tensor small = TestModels.uniformTensor(random, 1f, 2, 5);
        Tensor otherSmall = TestModels.uniformTensor(random, 1f, 2, 5);
        Tensor large = TestModels.uniformTensor(random, 1f, 6, 5);

        try (BackendModel compiled = TestModels.inference(MODEL, TestModels.randomWeights(MODEL, 9, 0.5f))) {
            Tensor first = compiled.predict(small);
            float[] firstValues = first.toFlatArray();

            // Same shape, other values: this call reuses the first call's buffers.
            Tensor second = compiled.predict(otherSmall);
            float[] secondValues = second.toFlatArray();
            compiled.predict(large);
            Tensor again = compiled.predict(small);

            assertArrayEquals(firstValues, first.toFlatArray(), 0f, "first output after later calls");
            assertArrayEquals(secondValues, second.toFlatArray(), 0f, "second output after later calls");
            assertArrayEquals(firstValues, again.toFlatArray(), 0f, "same input after another batch size");
            assertFalse(Arrays.equals(firstValues, secondValues), "inputs differ, so outputs must differ");
        }
    }
}
