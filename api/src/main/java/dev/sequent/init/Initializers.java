package dev.sequent.init;

import java.util.Arrays;

/**
 * The initializers Sequent supports, with Keras's defaults. Fans follow Keras: for a
 * {@code [rows, columns]} weight, {@code fanIn = rows} and {@code fanOut = columns}; for a
 * {@code [n]} weight both are {@code n}.
 */
public final class Initializers {

    private Initializers() {
    }

    /** Uniform in {@code [-limit, limit]} with {@code limit = sqrt(6 / (fanIn + fanOut))}. */
    public static Initializer glorotUniform() {
        return new GlorotUniform();
    }

    public static Initializer zeros() {
        return new Zeros();
    }

    public static Initializer ones() {
        return new Ones();
    }

    /** Every value equals {@code value}; it must be finite. */
    public static Initializer constant(float value) {
        return new Constant(value);
    }

    /** Normal with mean 0 and standard deviation 0.05, the Keras default. */
    public static Initializer randomNormal() {
        return new RandomNormal(0f, 0.05f);
    }

    public static Initializer randomNormal(float mean, float stddev) {
        return new RandomNormal(mean, stddev);
    }

    /** Uniform in {@code [-0.05, 0.05)}, the Keras default. */
    public static Initializer randomUniform() {
        return new RandomUniform(-0.05f, 0.05f);
    }

    public static Initializer randomUniform(float minval, float maxval) {
        return new RandomUniform(minval, maxval);
    }

    /** Returns a random orthogonal matrix initializer with gain 1, the Keras default for recurrent kernels. */
    public static Initializer orthogonal() {
        return new Orthogonal(1f);
    }

    public static Initializer orthogonal(float gain) {
        return new Orthogonal(gain);
    }

    /** See {@link #glorotUniform()}. */
    public record GlorotUniform() implements Initializer {
        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            int[] fans = fans(shape);
            double limit = Math.sqrt(6.0 / (fans[0] + fans[1]));
            float[] values = new float[size(shape)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2.0 - 1.0) * limit);
            }
            return values;
        }

        @Override
        public String kerasName() {
            return "glorot_uniform";
        }
    }

    /** See {@link #zeros()}. */
    public record Zeros() implements Initializer {
        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            return new float[size(shape)];
        }

        @Override
        public String kerasName() {
            return "zeros";
        }
    }

    /** See {@link #ones()}. */
    public record Ones() implements Initializer {
        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            float[] values = new float[size(shape)];
            Arrays.fill(values, 1f);
            return values;
        }

        @Override
        public String kerasName() {
            return "ones";
        }
    }

    /** See {@link #constant(float)}. */
    public record Constant(float value) implements Initializer {
        public Constant {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("Constant initializer value must be finite, but was " + value + ".");
            }
        }

        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            float[] values = new float[size(shape)];
            Arrays.fill(values, value);
            return values;
        }

        @Override
        public String kerasName() {
            return "constant";
        }
    }

    /** See {@link #randomNormal(float, float)}. */
    public record RandomNormal(float mean, float stddev) implements Initializer {
        public RandomNormal {
            if (!(stddev > 0) || !Float.isFinite(stddev) || !Float.isFinite(mean)) {
                throw new IllegalArgumentException("RandomNormal needs a finite mean and a positive finite stddev,"
                        + " but got mean " + mean + " and stddev " + stddev + ".");
            }
        }

        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            float[] values = new float[size(shape)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (mean + stddev * random.nextGaussian());
            }
            return values;
        }

        @Override
        public String kerasName() {
            return "random_normal";
        }
    }

    /** See {@link #randomUniform(float, float)}. */
    public record RandomUniform(float minval, float maxval) implements Initializer {
        public RandomUniform {
            if (!(minval < maxval) || !Float.isFinite(minval) || !Float.isFinite(maxval)) {
                throw new IllegalArgumentException("RandomUniform needs finite bounds with minval < maxval, but got ["
                        + minval + ", " + maxval + "].");
            }
        }

        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            float[] values = new float[size(shape)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (minval + (maxval - minval) * random.nextDouble());
            }
            return values;
        }

        @Override
        public String kerasName() {
            return "random_uniform";
        }
    }

    /**
     * See {@link #orthogonal(float)}. As in Keras, a {@code [rows, columns]} weight is drawn by
     * taking the QR decomposition of a standard normal matrix of shape
     * {@code [max(rows, columns), min(rows, columns)]}, multiplying each column of Q by the sign of
     * the matching diagonal entry of R, and transposing Q when {@code rows < columns}.
     */
    public record Orthogonal(float gain) implements Initializer {
        public Orthogonal {
            if (!Float.isFinite(gain)) {
                throw new IllegalArgumentException("Orthogonal gain must be finite, but was " + gain + ".");
            }
        }

        @Override
        public float[] sample(int[] shape, SeededRandom random) {
            if (shape.length < 2) {
                throw new IllegalArgumentException("The orthogonal initializer needs a weight of rank 2 or more,"
                        + " but the shape is " + Arrays.toString(shape) + ".");
            }
            int columns = shape[shape.length - 1];
            int rows = size(shape) / columns;
            int tall = Math.max(rows, columns);
            int narrow = Math.min(rows, columns);

            double[][] a = new double[tall][narrow];
            for (int i = 0; i < tall; i++) {
                for (int j = 0; j < narrow; j++) {
                    a[i][j] = random.nextGaussian();
                }
            }
            double[][] q = orthonormalColumns(a);

            float[] values = new float[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double v = rows >= columns ? q[r][c] : q[c][r];
                    values[r * columns + c] = (float) (gain * v);
                }
            }
            return values;
        }

        @Override
        public String kerasName() {
            return "orthogonal";
        }
    }

    /**
     * Returns Q of the thin QR decomposition of {@code a} ({@code m x n}, {@code m >= n}) with the
     * signs chosen so that R has a positive diagonal, which is what {@code q * sign(diag(r))} gives.
     * Modified Gram-Schmidt with one reorthogonalization pass, in double precision.
     */
    private static double[][] orthonormalColumns(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = a[i][j];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += q[i][k] * v[i];
                    }
                    for (int i = 0; i < m; i++) {
                        v[i] -= dot * q[i][k];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }

    static int[] fans(int[] shape) {
        if (shape.length == 0) {
            return new int[] {1, 1};
        }
        if (shape.length == 1) {
            return new int[] {shape[0], shape[0]};
        }
        int receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new int[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }

    static int size(int[] shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }
}
