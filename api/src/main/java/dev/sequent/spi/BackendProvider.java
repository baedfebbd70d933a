package dev.sequent.spi;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import java.util.Optional;
import java.util.Set;

/**
 * A backend, found through {@link java.util.ServiceLoader}. A backend jar lists its provider in
 * {@code META-INF/services/dev.sequent.spi.BackendProvider}.
 *
 * <p>Implementations must have a public no-argument constructor that does no expensive work:
 * loading native libraries belongs in {@link #availability()}.
 */
public interface BackendProvider {

    /** Returns the id users select the backend by, for example {@code "native"}. */
    String id();

    /** Returns the rank used when no backend is named; the highest available one wins. */
    int priority();

    /** Returns what this backend can do. */
    Set<Capability> capabilities();

    /**
     * Returns whether this backend can run in this process. Called once per selection; a
     * provider that is not available is skipped and its reason logged.
     */
    Availability availability();

    /**
     * Compiles a model.
     *
     * @param model the built model
     * @param training the optimizer and loss, or empty for an inference-only model
     * @param initialWeights weights drawn by the API, in Keras layouts, one per weight spec
     */
    BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights);
}
