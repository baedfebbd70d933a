package dev.sequent.spi;

import dev.sequent.OptimizerState;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import java.util.Optional;

/**
 * A model compiled on one backend: it owns the weights and the optimizer state and runs
 * single steps. Batching, shuffling, metrics and progress are the API's job.
 *
 * <p>Inputs arrive validated: {@code x} has shape {@code [batch, ...inputShape]} with finite
 * values; {@code y} has shape {@code [batch, ...outputShape]} for full-width losses, or the
 * output shape without its last axis (one class index per position) for sparse losses. A
 * backend must not keep references to {@code x} or {@code y} after a call returns, since the
 * training loop reuses their storage.
 *
 * <p>Threading: {@link #predict} and {@link #weights} may be called from several threads at
 * once. The API never runs {@link #trainStep}, {@link #setWeights} or {@link #close} while any
 * other call on the same model is running.
 */
public interface BackendModel extends AutoCloseable {

    /** Runs the forward pass. */
    Tensor predict(Tensor x);

    /**
     * Runs one optimizer step on a batch: forward pass, loss, backward pass, update. When the
     * loss is not finite, the backend must leave the weights and optimizer state unchanged and
     * return {@code applied = false}.
     *
     * @throws UnsupportedOperationException if this backend cannot train
     */
    TrainStepResult trainStep(Tensor x, Tensor y);

    /**
     * Returns the gradient of the mean batch loss with respect to every weight, in the Keras
     * layouts and names, without changing anything.
     *
     * @throws UnsupportedOperationException if this backend cannot train
     */
    Weights gradients(Tensor x, Tensor y);

    /** Returns a copy of the current weights in Keras layouts. */
    Weights weights();

    /** Replaces the weights; names and shapes are already checked by the API. */
    void setWeights(Weights weights);

    /**
     * Returns a copy of the optimizer's state, so training can resume exactly after a save,
     * or empty when this backend cannot export it (or the model has no optimizer).
     */
    default Optional<OptimizerState> optimizerState() {
        return Optional.empty();
    }

    /**
     * Replaces the optimizer's state; slot names and shapes are already checked by the API.
     *
     * @throws UnsupportedOperationException if this backend cannot import optimizer state
     */
    default void setOptimizerState(OptimizerState state) {
        throw new UnsupportedOperationException("This backend cannot restore optimizer state.");
    }

    /** Releases every native resource. Idempotent. */
    @Override
    void close();
}
