package dev.sequent.conformance;

import dev.sequent.Sequential;
import dev.sequent.Weights;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environment of one running case: the provider under test, and {@code compile} methods
 * that remember every {@link BackendModel} so the runner closes it after the case, even when
 * the case fails.
 */
public final class CaseContext implements AutoCloseable {

    private final BackendProvider provider;
    private final List<BackendModel> opened = new ArrayList<>();

    CaseContext(BackendProvider provider) {
        this.provider = provider;
    }

    public BackendProvider provider() {
        return provider;
    }

    /** Compiles an inference-only model. The weights are checked against the model first. */
    public BackendModel compile(Sequential model, Weights weights) {
        return open(model, Optional.empty(), weights);
    }

    /** Compiles a model for training with the given optimizer and loss. */
    public BackendModel compile(Sequential model, Optimizer optimizer, Loss loss, Weights weights) {
        return open(model, Optional.of(new TrainingConfig(optimizer, loss)), weights);
    }

    private BackendModel open(Sequential model, Optional<TrainingConfig> training, Weights weights) {
        // A wrong weight name or shape here is a defect of the case, not of the backend.
        model.checkWeights(weights);
        BackendModel compiled = provider.compile(model, training, weights);
        if (compiled == null) {
            throw new AssertionError("Backend '" + provider.id() + "' returned null from compile for model "
                    + model + ".");
        }
        opened.add(compiled);
        return compiled;
    }

    /**
     * Closes every model compiled through this context, in reverse order.
     *
     * @throws RuntimeException the first failure of {@code close}, with later ones suppressed
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
