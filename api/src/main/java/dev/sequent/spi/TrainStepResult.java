package dev.sequent.spi;

import dev.sequent.Tensor;

/**
 * The outcome of one training step.
 *
 * @param loss the mean loss over the batch, computed before the update
 * @param predictions the model's output for the batch, computed before the update; the API
 *     computes the training metrics from it
 * @param applied false when the loss was not finite and the backend left the weights unchanged
 */
public record TrainStepResult(double loss, Tensor predictions, boolean applied) {
}
