package dev.sequent.spi;

import dev.sequent.BackendNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend for a compiled model. In order:
 * <ol>
 *   <li>the backend id passed to {@code compile};
 *   <li>the system property {@value #PROPERTY};
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};
 *   <li>else the available provider with the highest priority among those that have every
 *       capability the call needs (ties go to the smaller id, so the choice is stable).
 * </ol>
 * A named backend is used even if it lacks a capability, so that an inference-only backend can
 * be chosen for {@code predict} and {@code evaluate}; the operation that needs the capability
 * then fails. Providers that cannot run here are skipped, with their reason logged.
 */
public final class BackendSelector {

    /** The system property that names a backend. */
    public static final String PROPERTY = "sequent.backend";
    /** The environment variable that names a backend. */
    public static final String ENVIRONMENT_VARIABLE = "SEQUENT_BACKEND";

    /** Maven coordinates of the backends Sequent ships, for error messages. */
    static final Map<String, String> KNOWN_BACKENDS = Map.of(
            "native", "dev.sequent:sequent-backend-native",
            "tensorflow", "dev.sequent:sequent-backend-tensorflow",
            "onnx", "dev.sequent:sequent-backend-onnx");

    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final Supplier<List<BackendProvider>> providers;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    /**
     * Creates a selector over an explicit provider list and lookups, for tests and embedding.
     *
     * @param providers returns the candidate providers
     * @param systemProperties looks up a system property, returning null when unset
     * @param environment looks up an environment variable, returning null when unset
     */
    public BackendSelector(Supplier<List<BackendProvider>> providers, Function<String, String> systemProperties,
            Function<String, String> environment) {
        this.providers = providers;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Returns a selector over the providers {@link ServiceLoader} finds, the JVM's properties and environment. */
    public static BackendSelector fromClassPath() {
        return new BackendSelector(BackendSelector::loadProviders, System::getProperty, System::getenv);
    }

    private static List<BackendProvider> loadProviders() {
        List<BackendProvider> found = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            LOG.debug("Found backend provider '{}' ({}), priority {}, capabilities {}", provider.id(),
                    provider.getClass().getName(), provider.priority(), provider.capabilities());
            found.add(provider);
        }
        return found;
    }

    /**
     * Chooses a backend.
     *
     * @param requestedId the id passed to {@code compile}, if any
     * @param needed the capabilities the caller needs when no backend is named
     * @throws BackendNotFoundException if the named backend is absent or cannot run here, or no
     *     available backend has the needed capabilities
     */
    public BackendProvider select(Optional<String> requestedId, Set<Capability> needed) {
        List<BackendProvider> candidates = providers.get();
        Map<BackendProvider, Availability> checked = new java.util.IdentityHashMap<>();
        java.util.function.Function<BackendProvider, Availability> availability =
                provider -> checked.computeIfAbsent(provider, BackendProvider::availability);

        Optional<Named> named = requestedId.map(id -> new Named(id, "compile options"))
                .or(() -> nonBlank(systemProperties.apply(PROPERTY)).map(id -> new Named(id, "system property " + PROPERTY)))
                .or(() -> nonBlank(environment.apply(ENVIRONMENT_VARIABLE))
                        .map(id -> new Named(id, "environment variable " + ENVIRONMENT_VARIABLE)));
        if (named.isPresent()) {
            return selectNamed(named.get(), candidates, availability);
        }

        // Ask providers in priority order and stop at the first that can run, so a lower-priority
        // backend's native library (TensorFlow's costs about 300 MB) is not loaded for nothing.
        List<BackendProvider> ranked = candidates.stream()
                .filter(provider -> provider.capabilities().containsAll(needed))
                .sorted(Comparator.comparingInt(BackendProvider::priority).reversed()
                        .thenComparing(BackendProvider::id))
                .toList();
        Optional<BackendProvider> best = Optional.empty();
        for (BackendProvider provider : ranked) {
            Availability status = availability.apply(provider);
            if (status.available()) {
                best = Optional.of(provider);
                break;
            }
            LOG.warn("Skipping backend '{}': {}", provider.id(), status.reason());
        }
        if (best.isEmpty()) {
            List<BackendProvider> available = candidates.stream()
                    .filter(provider -> availability.apply(provider).available())
                    .toList();
            throw new BackendNotFoundException(noSuitableBackend(candidates, available, needed, availability));
        }
        announce(best.get(), "highest priority with " + needed);
        return best.get();
    }

    /** Returns the ids of the available providers that have a capability, sorted. */
    public List<String> idsWith(Capability capability) {
        return providers.get().stream()
                .filter(provider -> provider.capabilities().contains(capability))
                .filter(provider -> provider.availability().available())
                .map(BackendProvider::id)
                .sorted()
                .toList();
    }

    private BackendProvider selectNamed(Named named, List<BackendProvider> candidates,
            java.util.function.Function<BackendProvider, Availability> availability) {
        for (BackendProvider provider : candidates) {
            if (provider.id().equals(named.id())) {
                Availability status = availability.apply(provider);
                if (!status.available()) {
                    throw new BackendNotFoundException("Backend '" + named.id() + "' (from " + named.source()
                            + ") is on the class path but cannot run here: " + status.reason()
                            + ". Choose another backend; found: " + describe(candidates, availability) + ".");
                }
                announce(provider, "named by " + named.source());
                return provider;
            }
        }
        for (BackendProvider provider : candidates) {
            if (provider.id().equalsIgnoreCase(named.id())) {
                throw new BackendNotFoundException("No backend has the id '" + named.id() + "' (from " + named.source()
                        + "); ids are case-sensitive: use '" + provider.id() + "'.");
            }
        }
        throw new BackendNotFoundException("Backend '" + named.id() + "' (from " + named.source()
                + ") is not on the class path; found: " + describe(candidates, availability) + ". "
                + coordinatesHint(named.id()));
    }

    private static String noSuitableBackend(List<BackendProvider> candidates, List<BackendProvider> available,
            Set<Capability> needed, java.util.function.Function<BackendProvider, Availability> availability) {
        if (candidates.isEmpty()) {
            return "No Sequent backend is on the class path. Add one as a dependency: "
                    + "dev.sequent:sequent-backend-native (pure Java, trains and infers), "
                    + "dev.sequent:sequent-backend-tensorflow or dev.sequent:sequent-backend-onnx (inference only).";
        }
        if (available.isEmpty()) {
            return "No Sequent backend can run here; found: " + describe(candidates, availability)
                    + ". Add dev.sequent:sequent-backend-native, which needs no native libraries.";
        }
        return "No available backend has " + needed + "; found: " + describe(candidates, availability)
                + ". Add dev.sequent:sequent-backend-native or dev.sequent:sequent-backend-tensorflow to train.";
    }

    private static String describe(List<BackendProvider> candidates,
            java.util.function.Function<BackendProvider, Availability> availability) {
        if (candidates.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (BackendProvider provider : candidates) {
            Availability status = availability.apply(provider);
            EnumSet<Capability> capabilities = provider.capabilities().isEmpty()
                    ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(provider.capabilities());
            parts.add("'" + provider.id() + "' " + capabilities
                    + (status.available() ? "" : " (unavailable: " + status.reason() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String coordinatesHint(String id) {
        String coordinates = KNOWN_BACKENDS.get(id);
        if (coordinates != null) {
            return "Add the dependency " + coordinates + ".";
        }
        return "Known backends are native (" + KNOWN_BACKENDS.get("native") + "), tensorflow ("
                + KNOWN_BACKENDS.get("tensorflow") + ") and onnx (" + KNOWN_BACKENDS.get("onnx") + ").";
    }

    private static void announce(BackendProvider provider, String reason) {
        if (ANNOUNCED.add(provider.id())) {
            LOG.info("Using backend '{}' ({})", provider.id(), reason);
        } else {
            LOG.debug("Using backend '{}' ({})", provider.id(), reason);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private record Named(String id, String source) {
    }
}
