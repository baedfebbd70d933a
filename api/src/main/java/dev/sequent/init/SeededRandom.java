package dev.sequent.init;

/**
 * The one random generator behind initial weights and shuffling, so a seed gives the same
 * numbers on every backend, JDK and platform.
 *
 * <p>The algorithm is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), written out here so the sequence never depends on the JDK's
 * implementation. Gaussian values use the Box-Muller transform. Not thread-safe.
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** Returns the generator's internal state; {@code new SeededRandom(state())} continues the same sequence. */
    public long state() {
        return state;
    }

    /** Sets the internal state, so the sequence continues from a saved {@link #state()}. */
    public void restore(long state) {
        this.state = state;
    }

    /** Returns the next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns a uniform double in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Returns a uniform int in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, but was " + bound + ".");
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long bits = nextLong() >>> 32;
            if (bits < limit) {
                return (int) (bits % bound);
            }
        }
    }

    /** Returns a standard normal value (mean 0, standard deviation 1). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Returns a new generator seeded from this one, for an independent stream of numbers. */
    public SeededRandom split() {
        return new SeededRandom(nextLong());
    }

    /** Shuffles {@code values} in place with the Fisher-Yates algorithm. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
