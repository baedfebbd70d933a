package dev.sequent.tensorflow;

import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.train.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the forward pass, the loss, the gradients and the optimizer's update ops of a model for
 * one input length.
 *
 * <p>SimpleRNN layers are unrolled over the time steps, because in TensorFlow Java 1.1.0
 * building gradients through {@code whileLoop} aborts the JVM. A model with a variable time axis
 * therefore gets one {@link StepGraph} per sequence length it meets.
 */
final class GraphBuilder {

    private final Graph graph;
    private final Sequential model;
    private final Map<String, WeightVariable> weights;
    private final Optional<Loss> loss;
    private final Optional<OptimizerGraph> optimizer;

    /**
     * @param weights the model's weights by Keras name, in weight order
     * @param loss the loss, empty for an inference-only model
     * @param optimizer the optimizer, present exactly when {@code loss} is
     */
    GraphBuilder(Graph graph, Sequential model, Map<String, WeightVariable> weights, Optional<Loss> loss,
            Optional<OptimizerGraph> optimizer) {
        this.graph = graph;
        this.model = model;
        this.weights = weights;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /**
     * Adds the ops for inputs of {@code timesteps} steps (0 when the input has no time axis).
     * Not thread-safe: the caller serializes calls.
     */
    StepGraph build(int timesteps) {
        String scopeName = timesteps == 0 ? "model" : "model_" + timesteps + "_steps";
        Ops tf = Ops.create(graph).withSubScope(scopeName);

        int[] inputDims = withTimesteps(model.inputShape(), timesteps);
        Placeholder<TFloat32> input = tf.withName("x").placeholder(TFloat32.class,
                Placeholder.shape(TensorCopies.shapeOf(prependBatch(inputDims))));

        Operand<TFloat32> hidden = input;
        boolean sequence = model.inputShape().rank() == 2;
        for (BuiltLayer layer : model.layers()) {
            Ops layerOps = tf.withSubScope(layer.name());
            if (layer.layer() instanceof Dense dense) {
                hidden = dense(layerOps, layer, dense, hidden, sequence, timesteps);
            } else if (layer.layer() instanceof SimpleRNN rnn) {
                hidden = simpleRnn(layerOps, layer, rnn, hidden, timesteps);
                sequence = rnn.returnSequences();
            } else {
                throw new UnsupportedOperationException("The TensorFlow backend has no implementation of layer '"
                        + layer.name() + "' (" + layer.layer().typeName() + ").");
            }
        }
        Operand<TFloat32> output = tf.withName("output").identity(hidden);

        Optional<StepGraph.LossGraph> training = loss.map(l -> lossGraph(tf.withSubScope("loss"), l, output,
                timesteps, scopeName));
        return new StepGraph(timesteps, input, output, training);
    }

    // Dense: y = activation(x · kernel + bias), applied to each time step of a sequence.
    private Operand<TFloat32> dense(Ops tf, BuiltLayer layer, Dense dense, Operand<TFloat32> x, boolean sequence,
            int timesteps) {
        int features = layer.inputShape().last();
        Operand<TFloat32> rows = sequence ? tf.reshape(x, tf.constant(new int[] {-1, features})) : x;

        Operand<TFloat32> z = tf.linalg.matMul(rows, read(layer, "kernel"));
        if (dense.useBias()) {
            z = tf.math.add(z, read(layer, "bias"));
        }
        Operand<TFloat32> y = activate(tf, dense.activation(), z);

        return sequence ? tf.reshape(y, tf.constant(new int[] {-1, timesteps, dense.units()})) : y;
    }

    // SimpleRNN: h_t = activation(x_t · kernel + bias + h_(t-1) · recurrent_kernel), h_0 = 0.
    private Operand<TFloat32> simpleRnn(Ops tf, BuiltLayer layer, SimpleRNN rnn, Operand<TFloat32> x,
            int timesteps) {
        int features = layer.inputShape().last();
        int units = rnn.units();

        // The input projection of every step in one matrix product.
        Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, features}));
        Operand<TFloat32> projected = tf.linalg.matMul(rows, read(layer, "kernel"));
        if (rnn.useBias()) {
            projected = tf.math.add(projected, read(layer, "bias"));
        }
        projected = tf.reshape(projected, tf.constant(new int[] {-1, timesteps, units}));
        List<Output<TFloat32>> steps = new ArrayList<>(
                tf.unstack(projected, (long) timesteps, Unstack.axis(1L)).output());
        if (rnn.goBackwards()) {
            Collections.reverse(steps);
        }

        // The recurrence, unrolled. With h_0 = 0 the first step has no recurrent term.
        Operand<TFloat32> recurrentKernel = read(layer, "recurrent_kernel");
        List<Operand<TFloat32>> states = new ArrayList<>(timesteps);
        Operand<TFloat32> state = null;
        for (Output<TFloat32> step : steps) {
            Operand<TFloat32> preActivation = state == null
                    ? step : tf.math.add(step, tf.linalg.matMul(state, recurrentKernel));
            state = activate(tf, rnn.activation(), preActivation);
            states.add(state);
        }

        return rnn.returnSequences() ? tf.stack(states, Stack.axis(1L)) : state;
    }

    private static Operand<TFloat32> activate(Ops tf, Activation activation, Operand<TFloat32> z) {
        switch (activation) {
            case LINEAR:
                return z;
            case RELU:
                return tf.nn.relu(z);
            case SIGMOID:
                return tf.math.sigmoid(z);
            case TANH:
                return tf.math.tanh(z);
            case SOFTMAX:
                return tf.nn.softmax(z);
            default:
                throw new AssertionError(activation);
        }
    }

    // The loss exactly as Loss defines it: a loss per position (sample, or sample and time step),
    // then the mean over positions.
    private StepGraph.LossGraph lossGraph(Ops tf, Loss loss, Operand<TFloat32> output, int timesteps,
            String scopeName) {
        int[] outputDims = withTimesteps(model.outputShape(), timesteps);
        int width = outputDims[outputDims.length - 1];
        int[] labelDims = loss.sparseLabels()
                ? java.util.Arrays.copyOf(outputDims, outputDims.length - 1) : outputDims;
        Placeholder<TFloat32> labels = tf.withName("y").placeholder(TFloat32.class,
                Placeholder.shape(TensorCopies.shapeOf(prependBatch(labelDims))));

        Operand<TFloat32> predictions = tf.reshape(output, tf.constant(new int[] {-1, width}));
        Operand<TFloat32> targets;
        if (loss.sparseLabels()) {
            // Class indices arrive as floats; one-hot them here because
            // SparseSoftmaxCrossEntropyWithLogits has no registered gradient.
            Operand<TInt32> classes = tf.dtypes.cast(tf.reshape(labels, tf.constant(new int[] {-1})), TInt32.class);
            targets = tf.oneHot(classes, tf.constant(width), tf.constant(1f), tf.constant(0f));
        } else {
            targets = tf.reshape(labels, tf.constant(new int[] {-1, width}));
        }

        Operand<TFloat32> perPosition = positionLoss(tf, loss, predictions, targets);
        Operand<TFloat32> mean = tf.withName("mean").math.mean(perPosition, tf.constant(0));

        List<Output<TFloat32>> gradients = gradients(tf, mean, timesteps, scopeName);
        List<Op> updates = optimizer.orElseThrow().updates(tf.withSubScope("update"), gradients, mean);
        return new StepGraph.LossGraph(labels, mean, gradients, updates);
    }

    private static Operand<TFloat32> positionLoss(Ops tf, Loss loss, Operand<TFloat32> predictions,
            Operand<TFloat32> targets) {
        Operand<TFloat32> epsilon = tf.constant(Loss.EPSILON);
        Operand<TFloat32> oneMinusEpsilon = tf.constant(1f - Loss.EPSILON);
        Operand<TFloat32> oneValue = tf.constant(1f);
        Operand<TInt32> lastAxis = tf.constant(1);
        switch (loss) {
            case CATEGORICAL_CROSSENTROPY:
            case SPARSE_CATEGORICAL_CROSSENTROPY: {
                // q = p / sum(p); loss = -sum_c t_c * log(clip(q_c)).
                Operand<TFloat32> total = tf.reduceSum(predictions, lastAxis, ReduceSum.keepDims(true));
                Operand<TFloat32> normalized = tf.math.div(predictions, total);
                Operand<TFloat32> clipped = tf.clipByValue(normalized, epsilon, oneMinusEpsilon);
                return tf.math.neg(tf.reduceSum(tf.math.mul(targets, tf.math.log(clipped)), lastAxis));
            }
            case BINARY_CROSSENTROPY: {
                // loss = mean_c -(t_c * log(clip(p_c)) + (1 - t_c) * log(1 - clip(p_c))).
                Operand<TFloat32> clipped = tf.clipByValue(predictions, epsilon, oneMinusEpsilon);
                Operand<TFloat32> positive = tf.math.mul(targets, tf.math.log(clipped));
                Operand<TFloat32> negative = tf.math.mul(tf.math.sub(oneValue, targets),
                        tf.math.log(tf.math.sub(oneValue, clipped)));
                return tf.math.neg(tf.math.mean(tf.math.add(positive, negative), lastAxis));
            }
            case MEAN_SQUARED_ERROR:
                return tf.math.mean(tf.math.square(tf.math.sub(predictions, targets)), lastAxis);
            case MEAN_ABSOLUTE_ERROR:
                // The gradient of Abs is sign(x), which is 0 at p == t as Loss specifies.
                return tf.math.mean(tf.math.abs(tf.math.sub(predictions, targets)), lastAxis);
            default:
                throw new AssertionError(loss);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Output<TFloat32>> gradients(Ops tf, Operand<TFloat32> loss, int timesteps, String scopeName) {
        // addGradients rejects a weight the loss cannot reach. The only such weights are the
        // recurrent kernels of a one-step sequence, since h_0 = 0; their gradient is zero.
        List<String> unreachable = new ArrayList<>();
        if (timesteps == 1) {
            for (BuiltLayer layer : model.layers()) {
                if (layer.layer() instanceof SimpleRNN) {
                    unreachable.add(layer.weightName("recurrent_kernel"));
                }
            }
        }
        List<Output<?>> reads = new ArrayList<>();
        weights.forEach((name, weight) -> {
            if (!unreachable.contains(name)) {
                reads.add(weight.read.asOutput());
            }
        });
        Output<?>[] raw = graph.addGradients(scopeName + "_gradients", new Output<?>[] {loss.asOutput()},
                reads.toArray(new Output<?>[0]), null);

        List<Output<TFloat32>> gradients = new ArrayList<>(weights.size());
        int next = 0;
        for (Map.Entry<String, WeightVariable> weight : weights.entrySet()) {
            if (unreachable.contains(weight.getKey())) {
                gradients.add(tf.zerosLike(weight.getValue().read).asOutput());
            } else {
                gradients.add((Output<TFloat32>) raw[next++]);
            }
        }
        return gradients;
    }

    private Operand<TFloat32> read(BuiltLayer layer, String shortName) {
        return weights.get(layer.weightName(shortName)).read;
    }

    /** Returns the dimensions of {@code shape} with a variable time axis set to {@code timesteps}. */
    static int[] withTimesteps(Shape shape, int timesteps) {
        int[] dims = shape.dims();
        for (int axis = 0; axis < dims.length; axis++) {
            if (dims[axis] == Shape.VARIABLE) {
                dims[axis] = timesteps;
            }
        }
        return dims;
    }

    private static int[] prependBatch(int[] dims) {
        int[] withBatch = new int[dims.length + 1];
        withBatch[0] = -1;
        System.arraycopy(dims, 0, withBatch, 1, dims.length);
        return withBatch;
    }
}
