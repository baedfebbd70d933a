package dev.sequent.purejava;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainingConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pure-Java backend: training and inference with no native code, so it runs wherever a
 * JDK 17 runs. It defines the reference semantics the other backends are checked against.
 *
 * <p>With {@code --add-modules jdk.incubator.vector} on the JVM command line the kernels use the
 * JDK Vector API; without it they fall back to plain Java loops. Large matrix products are split
 * over the number of threads the system property {@code sequent.native.threads} sets, read when
 * a model is compiled (default: every available processor); batches below a size threshold run
 * on the calling thread. The first compile in a JVM spends up to a second warming the kernels up,
 * so the first real calls run mostly JIT-compiled code instead of interpreted code.
 */
public final class NativeBackendProvider implements BackendProvider {

    /** The id users select this backend by. */
    public static final String ID = "native";
    /** The highest of the shipped backends, so it is chosen when no backend is named. */
    public static final int PRIORITY = 100;

    private static final Set<Capability> CAPABILITIES = Set.of(Capability.TRAINING, Capability.INFERENCE);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    /**
     * Compiles a model of Dense and SimpleRNN layers.
     *
     * @throws IllegalArgumentException if {@code initialWeights} lacks a weight of the model, has
     *     an extra one, or one of the wrong shape, or if {@code sequent.native.threads} is set
     *     but is not a positive integer
     */
    @Override
    public BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(initialWeights, "initialWeights");
        model.checkWeights(initialWeights);
        return new NativeModel(model, training, initialWeights, KernelFactory.forNewModel());
    }
}
