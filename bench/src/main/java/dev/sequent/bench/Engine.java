package dev.sequent.bench;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A backend with its thread setting, as a benchmark parameter. The label is the backend id,
 * optionally followed by {@code -1t} or {@code -2t} for a fixed thread count; {@code native}
 * alone keeps the native backend's own choice, and {@code native-scalar} is the native backend
 * in a JVM started without {@code --add-modules jdk.incubator.vector}, so its scalar kernels run.
 *
 * <p>The thread count goes into the backend's system property ({@code sequent.native.threads},
 * {@code sequent.onnx.threads} or {@code sequent.tensorflow.threads}) before the model is
 * compiled, because each backend reads it at compile time. {@link BenchmarkSuite} forks a new JVM
 * for each parameter combination, so one engine's setting cannot leak into another's run.
 */
record Engine(String label, String backendId, Optional<Integer> threads, boolean scalarOnly) {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Parses a label such as {@code onnx-2t}.
     *
     * @throws IllegalArgumentException if the label does not have that form
     */
    static Engine parse(String label) {
        if (label.equals("native-scalar")) {
            return new Engine(label, "native", Optional.of(1), true);
        }
        int dash = label.lastIndexOf('-');
        if (dash < 0) {
            return new Engine(label, label, Optional.empty(), false);
        }
        String suffix = label.substring(dash + 1);
        if (!suffix.matches("[1-9][0-9]*t")) {
            throw new IllegalArgumentException("Engine label '" + label + "' is invalid; expected a backend id,"
                    + " optionally followed by a thread count such as '-1t', or 'native-scalar'.");
        }
        int count = Integer.parseInt(suffix.substring(0, suffix.length() - 1));
        return new Engine(label, label.substring(0, dash), Optional.of(count), false);
    }

    /**
     * Sets this engine's thread property and compiles the model on its backend.
     *
     * @throws IllegalStateException if the backend is not on the class path, cannot run here,
     *     or this is {@code native-scalar} in a JVM that has the vector module
     */
    BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights weights) {
        BackendProvider provider = provider();
        applyThreads();
        return provider.compile(model, training, weights);
    }

    /**
     * Sets this engine's thread property, or clears it for the backend's default, so that the
     * next model compiled on this backend uses it.
     *
     * @throws IllegalStateException if this is {@code native-scalar} in a JVM that has the
     *     vector module
     */
    void applyThreads() {
        if (scalarOnly && ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            throw new IllegalStateException("Engine native-scalar must run in a JVM without --add-modules "
                    + VECTOR_MODULE + ", but the module is loaded; run it in the suite's scalar pass.");
        }
        String property = "sequent." + backendId + ".threads";
        if (threads.isPresent()) {
            System.setProperty(property, Integer.toString(threads.get()));
        } else {
            System.clearProperty(property);
        }
    }

    /** Returns the provider with this engine's backend id, found with {@link ServiceLoader}. */
    BackendProvider provider() {
        List<String> found = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.id().equals(backendId)) {
                Availability availability = provider.availability();
                if (!availability.available()) {
                    throw new IllegalStateException("Backend '" + backendId + "' cannot run here: "
                            + availability.reason());
                }
                return provider;
            }
            found.add(provider.id());
        }
        throw new IllegalStateException("Backend '" + backendId + "' for engine '" + label
                + "' is not on the class path; found " + found + ".");
    }
}
