package dev.sequent.tensorflow;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The ops of one compiled model for one input length: the input placeholder, the forward pass
 * and, for a training model, the loss and its gradients.
 *
 * @param timesteps the sequence length this graph was unrolled for, or 0 for a model without a
 *     time axis
 * @param input the placeholder for {@code x}, {@code [batch, ...inputShape]}
 * @param output the model's output
 * @param training the loss ops, empty for an inference-only model
 */
record StepGraph(int timesteps, Placeholder<TFloat32> input, Operand<TFloat32> output,
        Optional<LossGraph> training) {

    /**
     * The loss of one batch, its gradients and the optimizer's updates.
     *
     * @param labels the placeholder for {@code y}
     * @param loss the mean loss over all positions, a scalar
     * @param gradients the gradient of {@code loss} with respect to each weight, in weight order
     * @param updates one update op per weight, which runs only when the loss is finite
     */
    record LossGraph(Placeholder<TFloat32> labels, Operand<TFloat32> loss, List<Output<TFloat32>> gradients,
            List<Op> updates) {
    }
}
