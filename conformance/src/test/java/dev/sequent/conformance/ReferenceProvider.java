package dev.sequent.conformance;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.spi.Availability;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import java.util.Optional;
import java.util.Set;

/**
 * An inference-only backend for the kit's own tests: {@code predict} runs {@link Reference}
 * and rounds to float32. It reports no {@link Capability#TRAINING}, so every training case
 * must come out as unsupported.
 */
final class ReferenceProvider implements BackendProvider {

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INFERENCE);
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public BackendModel compile(Sequential model, Optional<TrainingConfig> training, Weights initialWeights) {
        return new ReferenceModel(model, initialWeights);
    }

    private static final class ReferenceModel implements BackendModel {
        private final Sequential model;
        private volatile Weights weights;

        ReferenceModel(Sequential model, Weights weights) {
            this.model = model;
            this.weights = weights;
        }

        @Override
        public Tensor predict(Tensor x) {
            Reference.Values output = Reference.predict(model, weights, x);
            return Tensor.wrap(output.toFloats(), output.shape());
        }

        @Override
        public TrainStepResult trainStep(Tensor x, Tensor y) {
            throw new UnsupportedOperationException("The reference backend cannot train.");
        }

        @Override
        public Weights gradients(Tensor x, Tensor y) {
            throw new UnsupportedOperationException("The reference backend cannot train.");
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
        }
    }
}
