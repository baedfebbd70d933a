package dev.sequent;

import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.FitContext;
import dev.sequent.callbacks.ProgressPrinter;
import dev.sequent.init.SeededRandom;
import dev.sequent.io.ModelFile;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.BackendSelector;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A model compiled on one backend: it trains ({@link #fit}), evaluates, predicts and keeps
 * the trained weights. The training loop (batching, shuffling, validation, metric averaging,
 * progress) lives here, once; the backend only runs single steps.
 *
 * <p>Threading: {@link #predict}, {@link #evaluate} and {@link #weights} may run from many
 * threads at once. A second {@link #fit} while one is running throws
 * {@link IllegalStateException}. A {@code predict} running during {@code fit} reads the weights
 * between two steps, never half an update.
 *
 * <p>Close the model to release the backend's native resources; use after {@link #close()}
 * throws {@link IllegalStateException}.
 */
public final class CompiledModel implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledModel.class);

    /** Keras's default batch size for {@code evaluate} and {@code predict}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Sequential model;
    private final CompileOptions options;
    private final BackendProvider provider;
    private final BackendModel backend;
    private final BackendSelector selector;
    private final SeededRandom shuffleRandom;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean fitting = new AtomicBoolean();
    private volatile boolean closed;

    private CompiledModel(Sequential model, CompileOptions options, BackendProvider provider, BackendModel backend,
            BackendSelector selector) {
        this.model = model;
        this.options = options;
        this.provider = provider;
        this.backend = backend;
        this.selector = selector;
        SeededRandom random = new SeededRandom(options.seed());
        random.nextLong();
        this.shuffleRandom = random.split();
    }

    static CompiledModel create(Sequential model, CompileOptions options) {
        return create(model, options, BackendSelector.fromClassPath());
    }

    static CompiledModel create(Sequential model, CompileOptions options, BackendSelector selector) {
        Optional<TrainingConfig> training = Sequential.trainingConfig(options);
        options.loss().ifPresent(loss -> resolveMetrics(model, options.metrics(), loss));

        Set<Capability> needed = training.isPresent()
                ? EnumSet.of(Capability.TRAINING, Capability.INFERENCE) : EnumSet.of(Capability.INFERENCE);
        BackendProvider provider = selector.select(options.backend(), needed);
        Weights initial = model.initialWeights(options.seed());
        BackendModel backend = provider.compile(model, training, initial);
        return new CompiledModel(model, options, provider, backend, selector);
    }

    /** Returns the model definition. */
    public Sequential model() {
        return model;
    }

    /** Returns the id of the backend this model runs on. */
    public String backendId() {
        return provider.id();
    }

    /** Returns the options this model was compiled with. */
    public CompileOptions options() {
        return options;
    }

    /** Returns the model's summary table; see {@link Sequential#summary()}. */
    public String summary() {
        return model.summary();
    }

    /**
     * Trains the model.
     *
     * @param x inputs, {@code [samples, ...inputShape]}
     * @param y targets: the output's shape, or class indices for sparse losses
     * @return the per-epoch loss and metrics
     * @throws IllegalStateException if the model was compiled without an optimizer, is closed,
     *     or is already being trained
     * @throws UnsupportedCapabilityException if the backend cannot train
     * @throws ShapeMismatchException if x or y does not fit the model
     * @throws InvalidDataException for empty, mismatched, non-finite or out-of-range data, or a
     *     validation split that leaves no training or no validation samples
     * @throws NonFiniteLossException if a batch's loss is not finite and the policy is THROW
     */
    public History fit(Tensor x, Tensor y, FitOptions fitOptions) {
        ensureOpen();
        Loss loss = requireTraining();
        Prepared data = prepareFit(x, y, fitOptions, loss);

        if (!fitting.compareAndSet(false, true)) {
            throw new IllegalStateException("fit is already running on this model in another thread;"
                    + " wait for it to finish, or compile a second model.");
        }
        try {
            return new TrainingLoop(this, data, fitOptions, loss).run();
        } finally {
            fitting.set(false);
        }
    }

    /** Trains for one epoch with default options; see {@link #fit(Tensor, Tensor, FitOptions)}. */
    public History fit(Tensor x, Tensor y) {
        return fit(x, y, FitOptions.epochs(1));
    }

    /**
     * Computes the loss and metrics on {@code x} and {@code y} in batches of 32.
     *
     * @throws IllegalStateException if the model was compiled without a loss
     */
    public EvaluationResult evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, DEFAULT_BATCH_SIZE);
    }

    /**
     * Computes the loss and metrics on {@code x} and {@code y}, each a mean over all samples.
     *
     * @throws IllegalArgumentException if {@code batchSize <= 0}
     * @throws IllegalStateException if the model was compiled without a loss, or is closed
     */
    public EvaluationResult evaluate(Tensor x, Tensor y, int batchSize) {
        ensureOpen();
        checkBatchSize(batchSize);
        Loss loss = options.loss().orElseThrow(() -> new IllegalStateException("evaluate needs a loss, but this"
                + " model was compiled without one; compile with CompileOptions.training(...) or"
                + " CompileOptions.inference().loss(...)."));
        DataChecks.checkInput(model, x, "x");
        Tensor targets = DataChecks.checkTargets(model, loss, x, y, "y");
        return new EvaluationResult(evaluateChecked(x, targets, batchSize, loss));
    }

    /** Predicts in batches of 32; see {@link #predict(Tensor, int)}. */
    public Tensor predict(Tensor x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    /**
     * Runs the model forward on {@code x} in batches and returns the outputs,
     * {@code [samples, ...outputShape]}.
     *
     * @throws ShapeMismatchException if x does not fit the model's input
     * @throws InvalidDataException if x is empty or contains NaN or infinite values
     */
    public Tensor predict(Tensor x, int batchSize) {
        ensureOpen();
        checkBatchSize(batchSize);
        DataChecks.checkInput(model, x, "x");
        return predictChecked(x, batchSize);
    }

    /** Returns a copy of the current weights, by Keras name, in Keras layouts. */
    public Weights weights() {
        ensureOpen();
        lock.readLock().lock();
        try {
            return backend.weights();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Replaces every weight.
     *
     * @throws IllegalArgumentException if a name is missing or extra, a shape differs, or a value is not finite
     */
    public void setWeights(Weights weights) {
        ensureOpen();
        model.checkWeights(weights);
        for (Map.Entry<String, Tensor> entry : weights.asMap().entrySet()) {
            for (int i = 0; i < entry.getValue().size(); i++) {
                if (!Float.isFinite(entry.getValue().getFlat(i))) {
                    throw new IllegalArgumentException("Weight '" + entry.getKey() + "' contains "
                            + entry.getValue().getFlat(i) + " at flat index " + i + "; weights must be finite.");
                }
            }
        }
        lock.writeLock().lock();
        try {
            ensureOpen();
            backend.setWeights(weights);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Saves the model, its compile settings, its weights and, when the backend can export it,
     * the optimizer state, so {@link #load} can resume training exactly. The file is written to
     * a temporary file first and renamed, so a failed save leaves any previous file intact.
     * The format is described in {@code docs/model-format.md}.
     *
     * @throws ModelFileException if the file cannot be written
     */
    public void save(Path file) {
        save(file, true);
    }

    /**
     * Saves the model; see {@link #save(Path)}.
     *
     * @param includeOptimizerState false to store only the model, settings and weights
     */
    public void save(Path file, boolean includeOptimizerState) {
        ensureOpen();
        Weights weights;
        Optional<OptimizerState> state;
        long shuffleState;
        lock.readLock().lock();
        try {
            ensureOpen();
            weights = backend.weights();
            state = includeOptimizerState ? backend.optimizerState() : Optional.empty();
            shuffleState = shuffleRandom.state();
        } finally {
            lock.readLock().unlock();
        }
        ModelFile.write(file, new ModelFile.Contents(model, options, weights, state,
                state.isPresent() ? Optional.of(shuffleState) : Optional.empty()));
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto the default backend, with its weights and,
     * if saved, its optimizer state and shuffling position.
     *
     * @throws ModelFileException if the file is missing, damaged or not a Sequent model
     */
    public static CompiledModel load(Path file) {
        return load(file, Optional.empty());
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto the named backend.
     *
     * @throws ModelFileException if the file is missing, damaged or not a Sequent model
     * @throws BackendNotFoundException if the backend is missing
     */
    public static CompiledModel load(Path file, String backendId) {
        return load(file, Optional.of(backendId));
    }

    private static CompiledModel load(Path file, Optional<String> backendId) {
        ModelFile.Contents contents = ModelFile.read(file);
        CompileOptions compileOptions = backendId.map(contents.compile()::backend).orElse(contents.compile());
        CompiledModel compiled = create(contents.model(), compileOptions);
        try {
            compiled.setWeights(contents.weights());
            if (contents.optimizerState().isPresent() && compiled.options.optimizer().isPresent()
                    && compiled.provider.capabilities().contains(Capability.TRAINING)) {
                try {
                    compiled.backend.setOptimizerState(contents.optimizerState().get());
                } catch (UnsupportedOperationException e) {
                    LOG.warn("Backend '{}' cannot restore optimizer state from {}; training continues from"
                            + " fresh optimizer state: {}", compiled.backendId(), file, e.getMessage());
                }
            }
            contents.shuffleState().ifPresent(compiled.shuffleRandom::restore);
            return compiled;
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }

    /** Releases the backend's resources. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                backend.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Returns true once {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ---- used by TrainingLoop ----

    TrainStepResult trainStep(Tensor x, Tensor y) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            return backend.trainStep(x, y);
        } finally {
            lock.writeLock().unlock();
        }
    }

    SeededRandom shuffleRandom() {
        return shuffleRandom;
    }

    List<NamedMetric> metricsFor(Loss loss) {
        return resolveMetrics(model, options.metrics(), loss);
    }

    Map<String, Double> evaluateChecked(Tensor x, Tensor targets, int batchSize, Loss loss) {
        List<NamedMetric> metrics = metricsFor(loss);
        int samples = x.dim(0);
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        long positions = 0;
        for (int start = 0; start < samples; start += batchSize) {
            int end = Math.min(samples, start + batchSize);
            Tensor batchX = x.slice(start, end);
            Tensor batchY = targets.slice(start, end);
            Tensor predictions = forward(batchX);
            int width = predictions.shape()[predictions.rank() - 1];
            int batchPositions = predictions.size() / width;
            lossSum += loss.mean(batchY.toFlatArray(), predictions.toFlatArray(), batchPositions, width)
                    * (end - start);
            float[] yValues = batchY.toFlatArray();
            float[] pValues = predictions.toFlatArray();
            for (int m = 0; m < metrics.size(); m++) {
                metricSums[m] += Metric.sum(metrics.get(m).kind(), yValues, pValues, batchPositions, width);
            }
            positions += batchPositions;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", lossSum / samples);
        for (int m = 0; m < metrics.size(); m++) {
            result.put(metrics.get(m).name(), metricSums[m] / positions);
        }
        return result;
    }

    // ---- internals ----

    private Tensor predictChecked(Tensor x, int batchSize) {
        int samples = x.dim(0);
        if (samples <= batchSize) {
            return forward(x);
        }
        int[] outputShape = DataChecks.outputShapeFor(model, x.shape());
        float[] output = new float[Math.multiplyExact(samples, sampleSize(outputShape))];
        int perSample = sampleSize(outputShape);
        for (int start = 0; start < samples; start += batchSize) {
            int end = Math.min(samples, start + batchSize);
            Tensor batch = forward(x.slice(start, end));
            batch.copyTo(0, output, start * perSample, batch.size());
        }
        return Tensor.wrap(output, outputShape);
    }

    private Tensor forward(Tensor x) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return backend.predict(x);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static int sampleSize(int[] shape) {
        int size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return size;
    }

    private Loss requireTraining() {
        if (options.optimizer().isEmpty()) {
            throw new IllegalStateException("This model was compiled for inference only; compile it with"
                    + " CompileOptions.training(optimizer, loss) to call fit.");
        }
        if (!provider.capabilities().contains(Capability.TRAINING)) {
            List<String> trainers = selector.idsWith(Capability.TRAINING);
            throw new UnsupportedCapabilityException("Backend '" + provider.id() + "' is inference-only and cannot"
                    + " fit. " + (trainers.isEmpty()
                    ? "No backend that can train is on the class path; add dev.sequent:sequent-backend-native."
                    : "Compile with a backend that can train: " + String.join(", ", trainers) + ".")
                    + " Trained weights can then be moved here with setWeights.");
        }
        return options.loss().orElseThrow();
    }

    private Prepared prepareFit(Tensor x, Tensor y, FitOptions fitOptions, Loss loss) {
        DataChecks.checkInput(model, x, "x");
        Tensor targets = DataChecks.checkTargets(model, loss, x, y, "y");

        Optional<Tensor[]> validationData = fitOptions.validationData();
        if (validationData.isPresent() && fitOptions.validationSplit() > 0) {
            throw new IllegalArgumentException("Both validationData and validationSplit (" + fitOptions.validationSplit()
                    + ") are set; give one of them.");
        }
        if (validationData.isPresent()) {
            Tensor validationX = validationData.get()[0];
            DataChecks.checkInput(model, validationX, "validation x");
            Tensor validationY = DataChecks.checkTargets(model, loss, validationX, validationData.get()[1],
                    "validation y");
            return new Prepared(x, targets, Optional.of(validationX), Optional.of(validationY));
        }

        double split = fitOptions.validationSplit();
        if (split == 0) {
            return new Prepared(x, targets, Optional.empty(), Optional.empty());
        }
        int samples = x.dim(0);
        int trainCount = (int) Math.floor(samples * (1.0 - split));
        if (trainCount == 0 || trainCount == samples) {
            throw new InvalidDataException("validationSplit " + split + " of " + samples + " samples leaves "
                    + trainCount + " for training and " + (samples - trainCount) + " for validation; both need at"
                    + " least one. Use more samples or a split above 0 and at most " + String.format(
                    java.util.Locale.ROOT, "%.4f", 1.0 - 1.0 / samples) + " (1 - 1/" + samples + ").");
        }
        return new Prepared(x.slice(0, trainCount), targets.slice(0, trainCount),
                Optional.of(x.slice(trainCount, samples)), Optional.of(targets.slice(trainCount, samples)));
    }

    private static List<NamedMetric> resolveMetrics(Sequential model, List<Metric> metrics, Loss loss) {
        int width = model.outputShape().last();
        List<NamedMetric> resolved = new ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            resolved.add(new NamedMetric(metric.name(), metric.resolve(width, loss.sparseLabels())));
        }
        return resolved;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, but was " + batchSize + ".");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Model '" + model.name() + "' on backend '" + provider.id()
                    + "' is closed; compile the model again to use it.");
        }
    }

    /** A metric with its reporting name and what it computes. */
    record NamedMetric(String name, Metric.Kind kind) {
    }

    /** Training and validation data after checks and the split. */
    record Prepared(Tensor x, Tensor y, Optional<Tensor> validationX, Optional<Tensor> validationY) {
    }

    /** The {@link FitContext} of one {@code fit} call. */
    static final class Context implements FitContext {
        private final CompiledModel model;
        private final int epochs;
        private final int batches;
        private final int samples;
        private Optional<String> stopReason = Optional.empty();

        Context(CompiledModel model, int epochs, int batches, int samples) {
            this.model = model;
            this.epochs = epochs;
            this.batches = batches;
            this.samples = samples;
        }

        @Override
        public CompiledModel model() {
            return model;
        }

        @Override
        public int epochs() {
            return epochs;
        }

        @Override
        public int batchesPerEpoch() {
            return batches;
        }

        @Override
        public int trainingSamples() {
            return samples;
        }

        @Override
        public void stopTraining(String reason) {
            stopReason = Optional.of(reason);
        }

        Optional<String> stopReason() {
            return stopReason;
        }
    }

    static List<Callback> callbacks(FitOptions fitOptions) {
        List<Callback> callbacks = new ArrayList<>();
        if (fitOptions.verbosity() == FitOptions.Verbosity.AUTO) {
            boolean terminal = fitOptions.progressOutput() == System.out && System.console() != null;
            callbacks.add(new ProgressPrinter(fitOptions.progressOutput(), terminal));
        }
        callbacks.addAll(fitOptions.callbacks());
        return callbacks;
    }
}
