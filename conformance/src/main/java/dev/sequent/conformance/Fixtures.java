package dev.sequent.conformance;

import dev.sequent.Tensor;
import dev.sequent.Weights;

/** Small helpers that keep the case tables readable. */
final class Fixtures {

    /** {@code ln 2}, {@code ln 3} and {@code ln 5}, for activations with round results. */
    static final float LN2 = (float) Math.log(2);
    static final float LN3 = (float) Math.log(3);
    static final float LN5 = (float) Math.log(5);

    private Fixtures() {
    }

    static float[] f(float... values) {
        return values;
    }

    static double[] d(double... values) {
        return values;
    }

    static int[] shape(int... dims) {
        return dims;
    }

    static Tensor tensor(float[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    /** Builds weights from alternating names and tensors: {@code weights("dense/kernel", k, "dense/bias", b)}. */
    static Weights weights(Object... namesAndTensors) {
        Weights.Builder builder = Weights.builder();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            builder.put((String) namesAndTensors[i], (Tensor) namesAndTensors[i + 1]);
        }
        return builder.build();
    }

    /**
     * Returns {@code count} deterministic values in {@code [-scale, scale]} from a fixed
     * formula, so that reference-checked cases need no random generator.
     */
    static float[] spread(int count, float scale, int salt) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            // sin of distinct, non-periodic arguments: irregular but reproducible.
            values[i] = scale * (float) Math.sin(1.7 * (i + 1) + 0.61 * salt);
        }
        return values;
    }
}
