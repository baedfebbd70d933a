package dev.sequent.tensorflow;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainingConfig;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.TensorFlow;

/**
 * The {@code tensorflow} backend: training and inference through TensorFlow Java 1.1.0 in graph
 * mode, one {@code Graph} and {@code Session} per compiled model.
 *
 * <p>The session runs with {@value #DEFAULT_THREADS} intra-op and {@value #DEFAULT_THREADS}
 * inter-op thread unless the system property {@value #THREADS_PROPERTY} sets another positive
 * count, read when a model is compiled. One thread is the default because the thread pools cost
 * more than they save on the small matrices of Dense and SimpleRNN models.
 */
public final class TensorFlowBackendProvider implements BackendProvider {

    /** The backend id. */
    public static final String ID = "tensorflow";
    /** The system property that sets the intra-op and inter-op thread counts of new sessions. */
    public static final String THREADS_PROPERTY = "sequent.tensorflow.threads";
    /** The thread count used when {@value #THREADS_PROPERTY} is not set. */
    public static final int DEFAULT_THREADS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowBackendProvider.class);

    /** The outcome of loading the native library, computed on first use and then reused. */
    private static final class NativeLibrary {
        static final Availability AVAILABILITY = load(TensorFlow::version);
    }

    /**
     * Calls {@code loadVersion}, which loads the native library and returns its version. A
     * {@link LinkageError} (such as {@link UnsatisfiedLinkError}) or a runtime exception becomes
     * an unavailable result with the loader's message instead of propagating.
     */
    static Availability load(Supplier<String> loadVersion) {
        try {
            String version = loadVersion.get();
            LOG.debug("Loaded TensorFlow native library, version {}", version);
            return Availability.yes();
        } catch (LinkageError | RuntimeException e) {
            String reason = "the TensorFlow native library failed to load: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString());
            LOG.debug("TensorFlow backend unavailable", e);
            return Availability.no(reason);
        }
    }

    /** Creates the provider; loading the native library waits until {@link #availability()}. */
    public TensorFlowBackendProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRAINING, Capability.INFERENCE);
    }

    @Override
    public Availability availability() {
        return NativeLibrary.AVAILABILITY;
    }

    /**
     * Builds the model's graph and session and loads {@code initialWeights} into it.
     *
     * @throws IllegalStateException if the native library cannot be loaded here
     * @throws IllegalArgumentException if {@value #THREADS_PROPERTY} is set but is not a
     *     positive integer
     */
    @Override
    public BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(initialWeights, "initialWeights");
        Availability availability = availability();
        if (!availability.available()) {
            throw new IllegalStateException("The TensorFlow backend cannot run here: " + availability.reason()
                    + ". Use the 'native' backend (dev.sequent:sequent-backend-native) instead.");
        }
        int threads = threadCount(System.getProperty(THREADS_PROPERTY));
        return new TensorFlowModel(model, training, initialWeights, threads);
    }

    /** Parses the value of {@value #THREADS_PROPERTY}; null means the default. */
    static int threadCount(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_THREADS;
        }
        int threads;
        try {
            threads = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + THREADS_PROPERTY + " must be a positive integer,"
                    + " but was '" + property + "'; set it to 1 or more, or leave it unset for " + DEFAULT_THREADS
                    + ".", e);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("System property " + THREADS_PROPERTY + " must be a positive integer,"
                    + " but was " + threads + "; set it to 1 or more, or leave it unset for " + DEFAULT_THREADS + ".");
        }
        return threads;
    }
}
