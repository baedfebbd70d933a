package dev.sequent.onnx;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainingConfig;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@value #ID} backend: inference through ONNX Runtime. Compiling a model exports it with
 * {@link OnnxExporter} and opens an ONNX Runtime session on the bytes. It cannot train.
 *
 * <p>Each session uses the number of intra-op threads set by the system property
 * {@code sequent.onnx.threads} (default 1).
 */
public final class OnnxBackendProvider implements BackendProvider {

    /** The backend id. */
    public static final String ID = "onnx";
    /** The priority: below {@code native} (100) and {@code tensorflow} (50). */
    public static final int PRIORITY = 20;

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
        return EnumSet.of(Capability.INFERENCE);
    }

    @Override
    public Availability availability() {
        return OrtRuntime.availability();
    }

    /**
     * Exports the model and opens an ONNX Runtime session on it. A training configuration is
     * accepted and ignored, because {@link BackendModel#trainStep} rejects every call.
     *
     * @throws UnsupportedExportException if the model uses a layer option ONNX export lacks
     * @throws IllegalStateException if ONNX Runtime is not available, or the session fails to open
     */
    @Override
    public BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights) {
        return new OnnxBackendModel(model, initialWeights);
    }
}
