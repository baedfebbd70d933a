package dev.sequent.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.InvalidDataException;
import dev.sequent.Sequential;
import dev.sequent.ShapeMismatchException;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.BackendProvider;
import dev.sequent.spi.Capability;
import dev.sequent.train.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider's identity and the model's checks of its own life cycle and inputs. */
class NativeBackendProviderTest {

    private static final Sequential MLP = Sequential.named("tiny", Input.shape(2),
            Dense.units(3).activation(Activation.RELU), Dense.units(2).activation(Activation.SOFTMAX));

    @Test
    void serviceLoaderFindsProvider() {
        List<String> ids = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            ids.add(provider.id());
        }
        assertTrue(ids.contains("native"), "providers found: " + ids);
    }

    @Test
    void identity() {
        NativeBackendProvider provider = new NativeBackendProvider();
        assertEquals("native", provider.id());
        assertEquals(100, provider.priority());
        assertEquals(Set.of(Capability.TRAINING, Capability.INFERENCE), provider.capabilities());
        assertTrue(provider.availability().available());
    }

    @Test
    void compileRejectsMisshapenWeights() {
        Weights initial = MLP.initialWeights(1);
        Weights wrong = Weights.builder()
                .put("dense/kernel", initial.get("dense/kernel"))
                .put("dense/bias", Tensor.zeros(4))
                .put("dense_1/kernel", initial.get("dense_1/kernel"))
                .put("dense_1/bias", initial.get("dense_1/bias"))
                .build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TestModels.inference(MLP, wrong));
        assertTrue(error.getMessage().contains("dense/bias"), error.getMessage());
        assertTrue(error.getMessage().contains("[3]"), error.getMessage());
        assertTrue(error.getMessage().contains("[4]"), error.getMessage());
    }

    @Test
    void useAfterCloseNamesModel() {
        BackendModel model = TestModels.training(MLP, MLP.initialWeights(1), Loss.MEAN_SQUARED_ERROR);
        model.close();
        model.close();

        Tensor x = Tensor.zeros(1, 2);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.predict(x));
        assertTrue(error.getMessage().contains("'tiny'"), error.getMessage());
        assertTrue(error.getMessage().contains("closed"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> model.trainStep(x, Tensor.zeros(1, 2)));
        assertThrows(IllegalStateException.class, () -> model.gradients(x, Tensor.zeros(1, 2)));
        assertThrows(IllegalStateException.class, model::weights);
        Weights weights = MLP.initialWeights(1);
        assertThrows(IllegalStateException.class, () -> model.setWeights(weights));
    }

    @Test
    void inferenceOnlyModelRejectsTraining() {
        try (BackendModel model = TestModels.inference(MLP, MLP.initialWeights(1))) {
            Tensor x = Tensor.zeros(1, 2);
            Tensor y = Tensor.zeros(1, 2);
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.trainStep(x, y));
            assertTrue(error.getMessage().contains("'tiny'"), error.getMessage());
            assertTrue(error.getMessage().contains("without an optimizer"), error.getMessage());
        }
    }

    @Test
    void predictRejectsWrongFeatureCount() {
        try (BackendModel model = TestModels.inference(MLP, MLP.initialWeights(1))) {
            Tensor x = Tensor.zeros(4, 3);
            ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> model.predict(x));
            assertTrue(error.getMessage().contains("(None, 2)"), error.getMessage());
            assertTrue(error.getMessage().contains("[4, 3]"), error.getMessage());
        }
    }

    @Test
    void trainStepRejectsWrongLabelShape() {
        try (BackendModel model = TestModels.training(MLP, MLP.initialWeights(1),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY)) {
            Tensor x = Tensor.zeros(4, 2);
            Tensor y = Tensor.zeros(4, 2);
            ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> model.trainStep(x, y));
            assertTrue(error.getMessage().contains("[4]"), error.getMessage());
            assertTrue(error.getMessage().contains("[4, 2]"), error.getMessage());
        }
    }

    @Test
    void trainStepRejectsLabelOutOfRange() {
        try (BackendModel model = TestModels.training(MLP, MLP.initialWeights(1),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY)) {
            Tensor x = Tensor.zeros(2, 2);
            Tensor y = Tensor.labels(1, 2);
            InvalidDataException error = assertThrows(InvalidDataException.class, () -> model.trainStep(x, y));
            assertTrue(error.getMessage().contains("label 2.0"), error.getMessage());
            assertTrue(error.getMessage().contains("[0, 2)"), error.getMessage());
        }
    }

    @Test
    void predictRejectsEmptySequence() {
        Sequential model = Sequential.of(Input.sequence(2), SimpleRNN.units(2));
        try (BackendModel compiled = TestModels.inference(model, model.initialWeights(1))) {
            Tensor x = Tensor.zeros(1, 0, 2);
            ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> compiled.predict(x));
            assertTrue(error.getMessage().contains("0 time steps"), error.getMessage());
        }
    }

    @Test
    void gradientsLeaveOptimizerStateAlone() {
        // gradients must not count as a step: a step after it equals a step on a fresh model.
        Tensor x = Tensor.of(new float[][] {{0.5f, -1f}});
        Tensor y = Tensor.of(new float[][] {{1f, 0f}});
        Weights initial = MLP.initialWeights(7);
        Weights afterGradients;
        try (BackendModel model = TestModels.training(MLP, initial, dev.sequent.train.Optimizers.adam(),
                Loss.CATEGORICAL_CROSSENTROPY)) {
            model.gradients(x, y);
            model.trainStep(x, y);
            afterGradients = model.weights();
        }
        try (BackendModel model = TestModels.training(MLP, initial, dev.sequent.train.Optimizers.adam(),
                Loss.CATEGORICAL_CROSSENTROPY)) {
            model.trainStep(x, y);
            assertEquals(model.weights(), afterGradients);
        }
    }

    @Test
    void compileRequiresTrainingArgument() {
        NativeBackendProvider provider = new NativeBackendProvider();
        Weights weights = MLP.initialWeights(1);
        assertThrows(NullPointerException.class, () -> provider.compile(MLP, null, weights));
        assertTrue(provider.compile(MLP, Optional.empty(), weights) != null);
    }
}
