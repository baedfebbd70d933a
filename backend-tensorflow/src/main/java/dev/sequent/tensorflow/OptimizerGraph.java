package dev.sequent.tensorflow;

import dev.sequent.Tensor;
import dev.sequent.train.Adam;
import dev.sequent.train.Optimizer;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The optimizer's slot variables and update ops, built from TensorFlow's raw training ops with
 * Keras 3's formulas.
 *
 * <p>Slots (momentum, moments) are variables created once per model and set to zero before the
 * first step. The step counter lives in Java and reaches the graph through placeholders (Adam's
 * {@code beta^t}). Update ops are built once per {@link StepGraph}, because each sequence
 * length has its own gradient ops.
 *
 * <p>How each raw op matches the Keras formula (see {@link Sgd}, {@link Adam}, {@link RmsProp}):
 * <ul>
 *   <li>SGD with momentum: {@code ApplyMomentum} keeps {@code accum = accum * momentum + g} and
 *       applies {@code w -= lr * accum}, or {@code w -= lr * g + lr * momentum * accum} with
 *       Nesterov. With Keras's {@code m = -lr * accum} these are Keras's {@code w += m} and
 *       {@code w += momentum * m - lr * g}, equal up to float rounding.
 *   <li>Adam: {@code ApplyAdam} computes {@code alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}
 *       from the fed powers, then applies Keras's update.
 *   <li>RMSprop: {@code ApplyRMSProp} and {@code ApplyCenteredRMSProp} keep a momentum
 *       accumulator {@code p = momentum * p + lr * g / sqrt(denominator)} and apply
 *       {@code w -= p}; with momentum 0 that is Keras's {@code w -= increment}. They update the
 *       velocity as {@code v += (g^2 - v) * (1 - rho)}, equal to Keras's form up to rounding.
 * </ul>
 */
final class OptimizerGraph {

    private final Optimizer optimizer;
    private final List<WeightVariable> weights;
    private final List<List<WeightVariable>> slots;
    private final List<Op> slotResets;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;

    private OptimizerGraph(Optimizer optimizer, List<WeightVariable> weights, List<List<WeightVariable>> slots,
            List<Op> slotResets, Placeholder<TFloat32> beta1Power, Placeholder<TFloat32> beta2Power) {
        this.optimizer = optimizer;
        this.weights = weights;
        this.slots = slots;
        this.slotResets = slotResets;
        this.beta1Power = beta1Power;
        this.beta2Power = beta2Power;
    }

    /**
     * Adds the slot variables of {@code weights} to the graph behind {@code root}.
     *
     * @throws UnsupportedOperationException for an optimizer this backend does not implement
     */
    static OptimizerGraph create(Ops root, Optimizer optimizer, List<WeightVariable> weights) {
        Ops tf = root.withSubScope("optimizer");
        List<String> slotNames = slotNames(optimizer);
        Placeholder<TFloat32> beta1Power = null;
        Placeholder<TFloat32> beta2Power = null;
        if (optimizer instanceof Adam) {
            beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class);
            beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class);
        }

        List<List<WeightVariable>> slots = new ArrayList<>(weights.size());
        List<Op> slotResets = new ArrayList<>();
        for (WeightVariable weight : weights) {
            List<WeightVariable> weightSlots = new ArrayList<>(slotNames.size());
            for (String slotName : slotNames) {
                WeightVariable slot = WeightVariable.create(tf, weight.name + "/" + slotName, weight.shape);
                slotResets.add(tf.assign(slot.variable, tf.fill(tf.constant(weight.shape), tf.constant(0f))));
                weightSlots.add(slot);
            }
            slots.add(weightSlots);
        }
        return new OptimizerGraph(optimizer, weights, slots, slotResets, beta1Power, beta2Power);
    }

    private static List<String> slotNames(Optimizer optimizer) {
        if (optimizer instanceof Sgd sgd) {
            return sgd.momentum() == 0f ? List.of() : List.of("accumulator");
        }
        if (optimizer instanceof Adam) {
            return List.of("m", "v");
        }
        if (optimizer instanceof RmsProp rms) {
            // The raw ops always keep a momentum accumulator; with momentum 0 it contains the
            // latest increment.
            return rms.centered() ? List.of("velocity", "momentum", "average_gradient")
                    : List.of("velocity", "momentum");
        }
        throw new UnsupportedOperationException("The TensorFlow backend has no implementation of optimizer '"
                + optimizer.kerasName() + "'; use sgd, adam or rmsprop.");
    }

    /** Returns the ops that set every slot to zero; run them once before the first step. */
    List<Op> slotResets() {
        return slotResets;
    }

    /**
     * Adds one update op per weight that applies {@code gradients} only when {@code loss} is
     * finite, and only after every gradient has been computed.
     *
     * <p>Each gradient passes through a {@code Switch} on {@code isFinite(loss)}; when the loss is
     * not finite, the switch's true branch is dead and TensorFlow skips the update ops, so weights
     * and slots keep their values. The control dependency on all gradients keeps an update of one
     * weight from running while another layer's gradient still reads that weight.
     */
    List<Op> updates(Ops tf, List<Output<TFloat32>> gradients, Operand<TFloat32> loss) {
        Operand<TBool> finite = tf.withName("loss_is_finite").math.isFinite(loss);
        List<Op> gradientsDone = new ArrayList<>(gradients.size());
        for (Output<TFloat32> gradient : gradients) {
            gradientsDone.add(tf.identity(gradient));
        }
        Ops afterGradients = tf.withControlDependencies(gradientsDone);

        List<Op> updates = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            Ops scope = afterGradients.withSubScope(WeightVariable.opName(weights.get(i).name));
            Output<TFloat32> gradient = scope.switchCond(gradients.get(i), finite).outputTrue();
            updates.add(update(scope, weights.get(i).variable, gradient, slots.get(i)));
        }
        return updates;
    }

    private Op update(Ops tf, Variable<TFloat32> weight, Operand<TFloat32> gradient, List<WeightVariable> slots) {
        List<Variable<TFloat32>> slot = new ArrayList<>(slots.size());
        slots.forEach(variable -> slot.add(variable.variable));
        Operand<TFloat32> learningRate = tf.constant(optimizer.learningRate());
        if (optimizer instanceof Sgd sgd) {
            if (sgd.momentum() == 0f) {
                return tf.train.applyGradientDescent(weight, learningRate, gradient);
            }
            return tf.train.applyMomentum(weight, slot.get(0), learningRate, gradient,
                    tf.constant(sgd.momentum()), ApplyMomentum.useNesterov(sgd.nesterov()));
        }
        if (optimizer instanceof Adam adam) {
            return tf.train.applyAdam(weight, slot.get(0), slot.get(1), beta1Power, beta2Power, learningRate,
                    tf.constant(adam.beta1()), tf.constant(adam.beta2()), tf.constant(adam.epsilon()), gradient);
        }
        RmsProp rms = (RmsProp) optimizer;
        if (rms.centered()) {
            return tf.train.applyCenteredRmsProp(weight, slot.get(2), slot.get(0), slot.get(1), learningRate,
                    tf.constant(rms.rho()), tf.constant(rms.momentum()), tf.constant(rms.epsilon()), gradient);
        }
        return tf.train.applyRmsProp(weight, slot.get(0), slot.get(1), learningRate, tf.constant(rms.rho()),
                tf.constant(rms.momentum()), tf.constant(rms.epsilon()), gradient);
    }

    /** Returns each weight's slot variables in this graph's order, in weight order. */
    List<List<WeightVariable>> slots() {
        return slots;
    }

    /**
     * Converts one weight's slot values from this graph's order and form to the Keras order of
     * {@link Optimizer#update} ({@link Optimizer#slotCount()} tensors).
     */
    List<Tensor> toKerasSlots(List<Tensor> graphSlots) {
        if (optimizer instanceof Sgd sgd) {
            if (sgd.momentum() == 0f) {
                return List.of();
            }
            // Keras keeps m = -lr * accum.
            return List.of(scale(graphSlots.get(0), -optimizer.learningRate()));
        }
        if (optimizer instanceof RmsProp rms && rms.momentum() == 0f) {
            // The graph's momentum accumulator is not Keras state when momentum is 0.
            return rms.centered() ? List.of(graphSlots.get(0), graphSlots.get(2)) : List.of(graphSlots.get(0));
        }
        return graphSlots;
    }

    /** Converts one weight's Keras slot values to this graph's order and form; the inverse of {@link #toKerasSlots}. */
    List<Tensor> fromKerasSlots(List<Tensor> kerasSlots, int[] shape) {
        if (optimizer instanceof Sgd sgd) {
            return sgd.momentum() == 0f ? List.of() : List.of(scale(kerasSlots.get(0), -1f / optimizer.learningRate()));
        }
        if (optimizer instanceof RmsProp rms && rms.momentum() == 0f) {
            Tensor zeros = Tensor.zeros(shape);
            return rms.centered() ? List.of(kerasSlots.get(0), zeros, kerasSlots.get(1))
                    : List.of(kerasSlots.get(0), zeros);
        }
        return kerasSlots;
    }

    private static Tensor scale(Tensor tensor, float factor) {
        float[] values = tensor.toFlatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return Tensor.wrap(values, tensor.shape());
    }

    /**
     * Feeds the placeholders the update ops need for update number {@code step} (1-based). The
     * caller closes the tensors added to {@code feeds} after the run.
     */
    void feedStep(Session.Runner runner, long step, List<org.tensorflow.Tensor> feeds) {
        if (optimizer instanceof Adam adam) {
            // The powers in float32, as Adam.alpha computes them.
            TFloat32 beta1 = TensorCopies.scalar((float) Math.pow(adam.beta1(), step));
            feeds.add(beta1);
            TFloat32 beta2 = TensorCopies.scalar((float) Math.pow(adam.beta2(), step));
            feeds.add(beta2);
            runner.feed(beta1Power, beta1).feed(beta2Power, beta2);
        }
    }
}
