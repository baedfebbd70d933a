package dev.sequent.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.sequent.spi.Availability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide ONNX Runtime environment and the session settings Sequent uses.
 *
 * <p>The first {@code OrtEnvironment.getEnvironment} call in a process fixes the native log
 * level, so this class makes that call once, at {@link OrtLoggingLevel#ORT_LOGGING_LEVEL_ERROR},
 * and remembers a failure instead of retrying a native library that did not load.
 */
final class OrtRuntime {

    /** The system property that sets the intra-op thread count of each session. */
    static final String THREADS_PROPERTY = "sequent.onnx.threads";
    static final int DEFAULT_THREADS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);
    private static final Object INIT_LOCK = new Object();

    private static OrtEnvironment environment;
    private static Availability availability;

    private OrtRuntime() {
    }

    /** Loads ONNX Runtime on the first call and returns whether it loaded, with the reason if not. */
    static Availability availability() {
        synchronized (INIT_LOCK) {
            if (availability == null) {
                availability = load();
            }
            return availability;
        }
    }

    private static Availability load() {
        try {
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "sequent");
            LOG.debug("ONNX Runtime {} loaded", environment.getVersion());
            return Availability.yes();
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("ONNX Runtime failed to load", e);
            return Availability.no("ONNX Runtime failed to load its native library: " + e);
        }
    }

    /**
     * Returns the shared environment.
     *
     * @throws IllegalStateException with the load failure if ONNX Runtime is not available
     */
    static OrtEnvironment environment() {
        Availability state = availability();
        if (!state.available()) {
            throw new IllegalStateException(state.reason());
        }
        return environment;
    }

    /**
     * Creates a session for the model bytes, with {@link #intraOpThreads()} intra-op threads
     * and one inter-op thread. The session options are closed before returning.
     */
    static OrtSession createSession(byte[] modelBytes) throws OrtException {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads());
            options.setInterOpNumThreads(1);
            return env.createSession(modelBytes, options);
        }
    }

    /**
     * Returns the intra-op thread count: the system property {@value #THREADS_PROPERTY}, or
     * {@value #DEFAULT_THREADS} when it is not set.
     *
     * @throws IllegalArgumentException if the property is not a positive integer
     */
    static int intraOpThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null) {
            return DEFAULT_THREADS;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads > 0) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("System property " + THREADS_PROPERTY + " must be a positive integer,"
                + " but was '" + value + "'; set it to the number of intra-op threads, for example 1.");
    }
}
