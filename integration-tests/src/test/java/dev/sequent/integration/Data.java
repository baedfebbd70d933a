package dev.sequent.integration;

import dev.sequent.Tensor;
import dev.sequent.init.SeededRandom;

/** Small synthetic data sets with a learnable rule, drawn from a seed. */
final class Data {

    private Data() {
    }

    /** {@code [samples, features]} inputs in [-1, 1) and a class: the index of the largest of the first 3 features. */
    static Tensor[] classification(int samples, int features, long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] x = new float[samples * features];
        int[] labels = new int[samples];
        for (int s = 0; s < samples; s++) {
            int best = 0;
            for (int f = 0; f < features; f++) {
                x[s * features + f] = (float) (random.nextDouble() * 2 - 1);
                if (f < 3 && x[s * features + f] > x[s * features + best]) {
                    best = f;
                }
            }
            labels[s] = best;
        }
        return new Tensor[] {Tensor.of(x, samples, features), Tensor.labels(labels)};
    }

    /** {@code [samples, steps, 1]} noisy sine windows and the next value {@code [samples, 1]}. */
    static Tensor[] sequences(int samples, int steps, long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] x = new float[samples * steps];
        float[] y = new float[samples];
        for (int s = 0; s < samples; s++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < steps; t++) {
                x[s * steps + t] = (float) (Math.sin(phase + 0.3 * t) + 0.05 * random.nextGaussian());
            }
            y[s] = (float) Math.sin(phase + 0.3 * steps);
        }
        return new Tensor[] {Tensor.of(x, samples, steps, 1), Tensor.of(y, samples, 1)};
    }

    static double maxAbsDifference(Tensor a, Tensor b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.getFlat(i) - b.getFlat(i)));
        }
        return max;
    }
}
