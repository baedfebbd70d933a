package dev.sequent;

import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.BackendSelector;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test backend whose model needs no math: {@code predict} returns, for every output value of a
 * sample, the sample's first input value, and {@code trainStep} reports as loss the mean of the
 * batch's target values. Each model records the batches it saw, so tests can check batching,
 * shuffling and averaging in the training loop. Every sample's first feature is its id in these
 * tests, so a recorded batch is the list of sample ids it contained.
 */
final class FakeBackend implements BackendProvider {

    private final String id;
    private final int priority;
    private final Set<Capability> capabilities;
    final List<Model> compiled = new ArrayList<>();

    FakeBackend(String id, int priority, Set<Capability> capabilities) {
        this.id = id;
        this.priority = priority;
        this.capabilities = capabilities;
    }

    /** Creates a backend that trains and infers. */
    static FakeBackend training(String id) {
        return new FakeBackend(id, 100, EnumSet.of(Capability.TRAINING, Capability.INFERENCE));
    }

    /** Creates a backend that only infers. */
    static FakeBackend inferenceOnly(String id) {
        return new FakeBackend(id, 20, EnumSet.of(Capability.INFERENCE));
    }

    /** Returns a selector over these backends that ignores system properties and the environment. */
    static BackendSelector selector(BackendProvider... providers) {
        List<BackendProvider> list = List.of(providers);
        return new BackendSelector(() -> list, name -> null, name -> null);
    }

    /** Returns the only model compiled on this backend. */
    Model model() {
        if (compiled.size() != 1) {
            throw new IllegalStateException(compiled.size() + " models were compiled on '" + id + "'.");
        }
        return compiled.get(0);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights) {
        Model compiledModel = new Model(model, training, initialWeights, capabilities.contains(Capability.TRAINING));
        compiled.add(compiledModel);
        return compiledModel;
    }

    /** The fake compiled model. */
    static final class Model implements BackendModel {
        final Sequential definition;
        final Optional<TrainingConfig> training;
        final boolean canTrain;
        /** Sample ids of each training batch, in call order. */
        final List<List<Integer>> trainBatches = new ArrayList<>();
        /** Sizes of the batches given to {@link #predict}, in call order. */
        final List<Integer> predictBatchSizes = new ArrayList<>();
        int closeCount;
        /** The 1-based trainStep call that reports a NaN loss and applies nothing; 0 for none. */
        int nonFiniteAtCall;
        /** When set, trainStep counts {@code entered} down and waits for {@code release}. */
        CountDownLatch entered;
        CountDownLatch release;
        private Weights weights;

        Model(Sequential definition, Optional<TrainingConfig> training, Weights weights, boolean canTrain) {
            this.definition = definition;
            this.training = training;
            this.weights = weights;
            this.canTrain = canTrain;
        }

        @Override
        public synchronized Tensor predict(Tensor x) {
            predictBatchSizes.add(x.dim(0));
            return firstFeatureEverywhere(x);
        }

        private Tensor firstFeatureEverywhere(Tensor x) {
            int[] shape = DataChecks.outputShapeFor(definition, x.shape());
            int samples = x.dim(0);
            int perSample = 1;
            for (int axis = 1; axis < shape.length; axis++) {
                perSample *= shape[axis];
            }
            float[] values = new float[samples * perSample];
            for (int s = 0; s < samples; s++) {
                float first = x.getFlat(s * x.sampleSize());
                for (int v = 0; v < perSample; v++) {
                    values[s * perSample + v] = first;
                }
            }
            return Tensor.wrap(values, shape);
        }

        @Override
        public TrainStepResult trainStep(Tensor x, Tensor y) {
            if (!canTrain) {
                throw new UnsupportedOperationException("The inference-only fake cannot train.");
            }
            if (entered != null) {
                entered.countDown();
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("The test never released trainStep.");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            List<Integer> ids = new ArrayList<>();
            for (int s = 0; s < x.dim(0); s++) {
                ids.add((int) x.getFlat(s * x.sampleSize()));
            }
            trainBatches.add(ids);

            double sum = 0;
            for (int i = 0; i < y.size(); i++) {
                sum += y.getFlat(i);
            }
            Tensor predictions = firstFeatureEverywhere(x);
            if (trainBatches.size() == nonFiniteAtCall) {
                return new TrainStepResult(Double.NaN, predictions, false);
            }
            return new TrainStepResult(sum / y.size(), predictions, true);
        }

        @Override
        public Weights gradients(Tensor x, Tensor y) {
            throw new UnsupportedOperationException("The fake backend computes no gradients.");
        }

        @Override
        public Weights weights() {
            return weights;
        }

        @Override
        public void setWeights(Weights weights) {
            this.weights = weights;
        }

        @Override
        public void close() {
            closeCount++;
        }
    }
}
