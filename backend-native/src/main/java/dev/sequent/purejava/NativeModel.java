package dev.sequent.purejava;

import dev.sequent.InvalidDataException;
import dev.sequent.OptimizerState;
import dev.sequent.Sequential;
import dev.sequent.Shape;
import dev.sequent.ShapeMismatchException;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.layers.WeightSpec;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Sequential} of Dense and SimpleRNN layers compiled for the native backend. It owns the
 * weights (Keras layouts, one {@code float[]} each) and the optimizer state.
 *
 * <p>Threading: {@link #predict} only reads the weights and runs on buffers no other call uses
 * (the last call's buffers when it can take them, else new ones), so any number of threads may
 * run it at once, together with {@link #weights}. {@link #trainStep}
 * and {@link #gradients} reuse buffers cached per input shape and are serialized on this object.
 * {@link #setWeights} and {@link #close} must not overlap any other call, as the SPI promises.
 */
final class NativeModel implements BackendModel {

    private static final Logger LOG = LoggerFactory.getLogger(NativeModel.class);

    /** Training passes kept: the full batch, the last partial batch, and a few sequence lengths. */
    private static final int CACHED_PASSES = 4;

    private final Sequential model;
    private final Optional<TrainingConfig> training;
    private final List<NativeLayer> layers;
    private final List<String> weightNames;
    private final List<int[]> weightShapes;
    private final float[][] weightValues;
    /** {@code layerWeights[l]} are the indexes in {@link #weightValues} of layer l's weights. */
    private final int[][] layerWeights;
    /** Optimizer slots per weight; empty arrays for an inference-only model. */
    private final float[][][] slots;
    private final Map<BatchShape, Pass> trainingPasses;
    /** The buffers of the last finished {@link #predict}, taken by the next one; null while in use. */
    private final AtomicReference<Pass> idleInferencePass = new AtomicReference<>();

    /** The 1-based number of the next optimizer update (Keras's {@code iterations + 1}). */
    private long nextStep = 1;
    private volatile boolean closed;

    NativeModel(Sequential model, Optional<TrainingConfig> training, Weights initialWeights, Kernels kernels) {
        this.model = model;
        this.training = training;

        Map<String, WeightSpec> specs = model.weightSpecs();
        weightNames = List.copyOf(specs.keySet());
        weightShapes = new ArrayList<>(specs.size());
        weightValues = new float[specs.size()][];
        for (int w = 0; w < weightNames.size(); w++) {
            String name = weightNames.get(w);
            weightShapes.add(specs.get(name).shape());
            weightValues[w] = initialWeights.get(name).toFlatArray();
        }

        List<NativeLayer> built = new ArrayList<>();
        layerWeights = new int[model.layers().size()][];
        for (int l = 0; l < model.layers().size(); l++) {
            BuiltLayer layer = model.layers().get(l);
            layerWeights[l] = indexesOf(layer);
            built.add(createLayer(layer, kernels));
        }
        layers = List.copyOf(built);

        int slotCount = training.map(config -> config.optimizer().slotCount()).orElse(0);
        slots = new float[weightValues.length][slotCount][];
        for (int w = 0; w < weightValues.length; w++) {
            for (int s = 0; s < slotCount; s++) {
                slots[w][s] = new float[weightValues[w].length];
            }
        }

        trainingPasses = new LinkedHashMap<>(CACHED_PASSES * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BatchShape, Pass> eldest) {
                return size() > CACHED_PASSES;
            }
        };
        LOG.debug("Compiled model '{}' on the native backend: {} layers, {} parameters, training {}", model.name(),
                layers.size(), model.parameterCount(), training.isPresent() ? "on" : "off");
    }

    private int[] indexesOf(BuiltLayer layer) {
        List<WeightSpec> own = layer.weights();
        int[] indexes = new int[own.size()];
        for (int i = 0; i < own.size(); i++) {
            indexes[i] = weightNames.indexOf(layer.weightName(own.get(i).name()));
        }
        return indexes;
    }

    private NativeLayer createLayer(BuiltLayer built, Kernels kernels) {
        int inputDim = built.inputShape().last();
        if (built.layer() instanceof Dense dense) {
            return new DenseLayer(built.name(), kernels, inputDim, dense.units(), dense.activation(),
                    weight(built, "kernel"), dense.useBias() ? weight(built, "bias") : null);
        }
        if (built.layer() instanceof SimpleRNN rnn) {
            return new SimpleRnnLayer(built.name(), kernels, inputDim, rnn.units(), rnn.activation(),
                    rnn.returnSequences(), rnn.goBackwards(), weight(built, "kernel"),
                    weight(built, "recurrent_kernel"), rnn.useBias() ? weight(built, "bias") : null);
        }
        // Layer is sealed over Dense and SimpleRNN, so this is reached only when the API grows a
        // layer type this backend does not implement yet.
        throw new UnsupportedOperationException("Layer '" + built.name() + "' (" + built.layer().typeName()
                + ") is not supported by the native backend, which runs Dense and SimpleRNN layers.");
    }

    private float[] weight(BuiltLayer layer, String shortName) {
        return weightValues[weightNames.indexOf(layer.weightName(shortName))];
    }

    @Override
    public Tensor predict(Tensor x) {
        ensureOpen("predict");
        BatchShape inputShape = inputShapeOf(x, "predict");

        // Reusing the intermediate buffers saves allocating and zeroing them on every call, about
        // 0.8 MB for an MLP at batch 1024. The output array is always new, because the returned
        // tensor wraps it.
        Pass pass = idleInferencePass.getAndSet(null);
        if (pass == null || !pass.shapes[0].equals(inputShape)) {
            pass = Pass.forInference(layers, inputShape);
        }
        float[] output = new float[pass.outputShape().size()];
        pass.values[pass.values.length - 1] = output;

        x.copyTo(0, pass.input(), 0, x.size());
        forward(pass);
        idleInferencePass.set(pass);
        return Tensor.wrap(output, pass.outputShape().dims());
    }

    @Override
    public synchronized TrainStepResult trainStep(Tensor x, Tensor y) {
        ensureOpen("trainStep");
        TrainingConfig config = requireTraining("trainStep");
        Pass pass = trainingPass(x, y, config.loss(), "trainStep");

        forward(pass);
        double loss = meanLoss(pass, config.loss());
        Tensor predictions = Tensor.wrap(pass.output().clone(), pass.outputShape().dims());
        if (!Double.isFinite(loss)) {
            LOG.debug("Model '{}': loss is {} at update {}; weights left unchanged", model.name(), loss, nextStep);
            return new TrainStepResult(loss, predictions, false);
        }

        backward(pass, config.loss());
        for (int w = 0; w < weightValues.length; w++) {
            config.optimizer().update(weightValues[w], pass.weightGradients[w], slots[w], nextStep);
        }
        nextStep++;
        return new TrainStepResult(loss, predictions, true);
    }

    @Override
    public synchronized Weights gradients(Tensor x, Tensor y) {
        ensureOpen("gradients");
        TrainingConfig config = requireTraining("gradients");
        Pass pass = trainingPass(x, y, config.loss(), "gradients");

        forward(pass);
        backward(pass, config.loss());

        Weights.Builder gradients = Weights.builder();
        for (int w = 0; w < weightValues.length; w++) {
            gradients.put(weightNames.get(w), Tensor.wrap(pass.weightGradients[w].clone(), weightShapes.get(w)));
        }
        return gradients.build();
    }

    @Override
    public Weights weights() {
        ensureOpen("weights");
        Weights.Builder copy = Weights.builder();
        for (int w = 0; w < weightValues.length; w++) {
            copy.put(weightNames.get(w), Tensor.wrap(weightValues[w].clone(), weightShapes.get(w)));
        }
        return copy.build();
    }

    @Override
    public void setWeights(Weights weights) {
        ensureOpen("setWeights");
        model.checkWeights(weights);
        for (int w = 0; w < weightValues.length; w++) {
            Tensor value = weights.get(weightNames.get(w));
            value.copyTo(0, weightValues[w], 0, value.size());
        }
    }

    @Override
    public synchronized Optional<OptimizerState> optimizerState() {
        ensureOpen("optimizerState");
        if (training.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Tensor>> copies = new LinkedHashMap<>();
        for (int w = 0; w < weightValues.length; w++) {
            List<Tensor> weightSlots = new ArrayList<>(slots[w].length);
            for (float[] slot : slots[w]) {
                weightSlots.add(Tensor.wrap(slot.clone(), weightShapes.get(w)));
            }
            copies.put(weightNames.get(w), weightSlots);
        }
        return Optional.of(new OptimizerState(nextStep - 1, copies));
    }

    /**
     * Replaces the step counter and every slot.
     *
     * @throws IllegalStateException if the model was compiled without an optimizer
     * @throws IllegalArgumentException if a weight's slots are missing or have the wrong count or
     *     size; nothing is changed then
     */
    @Override
    public synchronized void setOptimizerState(OptimizerState state) {
        ensureOpen("setOptimizerState");
        TrainingConfig config = requireTraining("setOptimizerState");
        int slotCount = config.optimizer().slotCount();
        for (int w = 0; w < weightValues.length; w++) {
            String name = weightNames.get(w);
            List<Tensor> given = state.slots().get(name);
            if (given == null || given.size() != slotCount) {
                throw new IllegalArgumentException("Optimizer state for model '" + model.name() + "' must have "
                        + slotCount + " slots for weight '" + name + "' (" + config.optimizer().kerasName()
                        + "), but has " + (given == null ? "none" : given.size()) + ".");
            }
            for (Tensor slot : given) {
                if (slot.size() != weightValues[w].length) {
                    throw new IllegalArgumentException("Optimizer slot for weight '" + name + "' of model '"
                            + model.name() + "' must have shape " + Arrays.toString(weightShapes.get(w))
                            + " but has shape " + Arrays.toString(slot.shape()) + ".");
                }
            }
        }

        for (int w = 0; w < weightValues.length; w++) {
            List<Tensor> given = state.slots().get(weightNames.get(w));
            for (int s = 0; s < slotCount; s++) {
                given.get(s).copyTo(0, slots[w][s], 0, weightValues[w].length);
            }
        }
        nextStep = state.step() + 1;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            trainingPasses.clear();
        }
        idleInferencePass.set(null);
        LOG.debug("Closed model '{}' on the native backend", model.name());
    }

    private void forward(Pass pass) {
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(pass.values[l], pass.shapes[l], pass.values[l + 1], pass.scratch[l]);
        }
    }

    private double meanLoss(Pass pass, Loss loss) {
        BatchShape output = pass.outputShape();
        return loss.mean(pass.labels, pass.output(), output.rows(), output.features());
    }

    private void backward(Pass pass, Loss loss) {
        BatchShape output = pass.outputShape();
        int last = layers.size();
        loss.meanGradient(pass.labels, pass.output(), output.rows(), output.features(), pass.outputGradients[last]);

        for (int l = last - 1; l >= 0; l--) {
            float[] inputGradient = l > 0 ? pass.outputGradients[l] : null;
            layers.get(l).backward(pass.values[l], pass.shapes[l], pass.values[l + 1], pass.outputGradients[l + 1],
                    inputGradient, pass.scratch[l], pass.layerWeightGradients[l]);
        }
    }

    /** Returns the cached training pass for this batch's shape, with {@code x} and {@code y} copied in. */
    private Pass trainingPass(Tensor x, Tensor y, Loss loss, String operation) {
        BatchShape inputShape = inputShapeOf(x, operation);
        if (inputShape.batch() == 0) {
            throw new InvalidDataException("Model '" + model.name() + "' " + operation
                    + " received an empty batch (shape " + Arrays.toString(x.shape())
                    + "); pass at least one sample.");
        }
        BatchShape outputShape = outputShapeOf(inputShape);
        checkLabels(y, outputShape, loss, operation);

        Pass pass = trainingPasses.get(inputShape);
        if (pass == null) {
            int[] sizes = new int[weightValues.length];
            for (int w = 0; w < sizes.length; w++) {
                sizes[w] = weightValues[w].length;
            }
            pass = Pass.forTraining(layers, inputShape, y.size(), sizes, layerWeights);
            trainingPasses.put(inputShape, pass);
        }
        x.copyTo(0, pass.input(), 0, x.size());
        y.copyTo(0, pass.labels, 0, y.size());
        return pass;
    }

    private BatchShape inputShapeOf(Tensor x, String operation) {
        Shape declared = model.inputShape();
        int[] actual = x.shape();
        if (!declared.accepts(actual)) {
            throw new ShapeMismatchException("Model '" + model.name() + "' " + operation + " expects input of shape "
                    + declared.withBatch() + " but received " + Arrays.toString(actual)
                    + "; reshape the data to [batch, " + joined(declared.dims()) + "].");
        }
        if (declared.rank() == 1) {
            return BatchShape.flat(actual[0], actual[1]);
        }
        if (actual[1] == 0) {
            throw new ShapeMismatchException("Model '" + model.name() + "' " + operation
                    + " received sequences of 0 time steps (shape " + Arrays.toString(actual)
                    + "); a recurrent model needs at least one time step.");
        }
        return BatchShape.sequence(actual[0], actual[1], actual[2]);
    }

    private BatchShape outputShapeOf(BatchShape input) {
        BatchShape shape = input;
        for (NativeLayer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    private void checkLabels(Tensor y, BatchShape output, Loss loss, String operation) {
        int[] expected = output.dims();
        if (loss.sparseLabels()) {
            expected = Arrays.copyOf(expected, expected.length - 1);
        }
        if (!Arrays.equals(expected, y.shape())) {
            throw new ShapeMismatchException("Model '" + model.name() + "' " + operation + " with loss "
                    + loss.kerasName() + " expects labels of shape " + Arrays.toString(expected) + " but received "
                    + Arrays.toString(y.shape()) + (loss.sparseLabels()
                            ? "; give one class index per sample (and time step)." : "; give one target per output."));
        }
        if (loss.sparseLabels()) {
            int classes = output.features();
            for (int i = 0; i < y.size(); i++) {
                float label = y.getFlat(i);
                if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                    throw new InvalidDataException("Model '" + model.name() + "' " + operation + ": label " + label
                            + " at flat index " + i + " is not a class index in [0, " + classes
                            + "); labels for " + loss.kerasName() + " must be whole numbers below the output width.");
                }
            }
        }
    }

    private static String joined(int[] dims) {
        List<String> parts = new ArrayList<>(dims.length);
        for (int dim : dims) {
            parts.add(dim == Shape.VARIABLE ? "timesteps" : Integer.toString(dim));
        }
        return String.join(", ", parts);
    }

    private TrainingConfig requireTraining(String operation) {
        return training.orElseThrow(() -> new IllegalStateException("Model '" + model.name() + "' was compiled"
                + " without an optimizer and loss, so it cannot run " + operation
                + "; compile it with a TrainingConfig to train it."));
    }

    private void ensureOpen(String operation) {
        if (closed) {
            throw new IllegalStateException("Model '" + model.name() + "' on the native backend is closed, so it"
                    + " cannot run " + operation + "; compile the model again to use it.");
        }
    }
}
