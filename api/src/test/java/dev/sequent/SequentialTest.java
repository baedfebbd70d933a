package dev.sequent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Activation;
import dev.sequent.layers.BuiltLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialTest {

    private static List<String> names(Sequential model) {
        return model.layers().stream().map(BuiltLayer::name).toList();
    }

    private static Sequential digits() {
        return Sequential.of(Input.shape(64),
                Dense.units(64).activation(Activation.RELU),
                Dense.units(64).activation(Activation.RELU),
                Dense.units(10).activation(Activation.SOFTMAX));
    }

    @Test
    void generatedNamesFollowKeras() {
        Sequential model = Sequential.of(Input.shape(4, 3),
                SimpleRNN.units(8).returnSequences(true), SimpleRNN.units(8), Dense.units(4), Dense.units(1));
        assertEquals(List.of("simple_rnn", "simple_rnn_1", "dense", "dense_1"), names(model));
    }

    @Test
    void generatedNamesSkipUserNames() {
        Sequential model = Sequential.of(Input.shape(4),
                Dense.units(3).name("dense_1"), Dense.units(3), Dense.units(3), Dense.units(1).name("out"));
        assertEquals(List.of("dense_1", "dense", "dense_2", "out"), names(model));
    }

    @Test
    void userNameTakenByGeneratedFails() {
        ModelDefinitionException error = assertThrows(ModelDefinitionException.class,
                () -> Sequential.of(Input.shape(4), Dense.units(3), Dense.units(3), Dense.units(1).name("dense_1")));
        assertTrue(error.getMessage().contains("two layers named 'dense_1'"), error.getMessage());
        assertTrue(error.getMessage().contains("unique name"), error.getMessage());
    }

    @Test
    void duplicateUserNamesFail() {
        ModelDefinitionException error = assertThrows(ModelDefinitionException.class,
                () -> Sequential.named("net", Input.shape(4), Dense.units(3).name("hidden"),
                        Dense.units(1).name("hidden")));
        assertTrue(error.getMessage().contains("Model 'net'"), error.getMessage());
        assertTrue(error.getMessage().contains("'hidden'"), error.getMessage());
    }

    @Test
    void layerNameWithSlashIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Dense.units(1).name("a/b"));
        assertTrue(error.getMessage().contains("'a/b'"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimpleRNN.units(1).name(" "));
    }

    @Test
    void modelWithoutLayersFails() {
        ModelDefinitionException error = assertThrows(ModelDefinitionException.class,
                () -> Sequential.of(Input.shape(4)));
        assertTrue(error.getMessage().contains("no layers"), error.getMessage());
        assertTrue(error.getMessage().contains("Dense.units(1)"), error.getMessage());
    }

    @Test
    void denseShapesOnTabularInput() {
        Sequential model = Sequential.of(Input.shape(5), Dense.units(7), Dense.units(2));

        assertEquals(Shape.of(5), model.layers().get(0).inputShape());
        assertEquals(Shape.of(7), model.layers().get(0).outputShape());
        assertEquals(Shape.of(2), model.outputShape());
        assertArrayEquals(new int[] {5, 7}, model.weightSpecs().get("dense/kernel").shape());
        assertArrayEquals(new int[] {7}, model.weightSpecs().get("dense/bias").shape());
        assertArrayEquals(new int[] {7, 2}, model.weightSpecs().get("dense_1/kernel").shape());
    }

    @Test
    void denseAppliesPerTimeStep() {
        Sequential model = Sequential.of(Input.shape(6, 3), Dense.units(4));

        assertEquals(Shape.of(6, 4), model.outputShape());
        assertArrayEquals(new int[] {3, 4}, model.weightSpecs().get("dense/kernel").shape());
    }

    @Test
    void denseWithoutBiasHasOnlyKernel() {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2).useBias(false));
        assertEquals(List.of("dense/kernel"), List.copyOf(model.weightSpecs().keySet()));
        assertEquals(6, model.parameterCount());
    }

    @Test
    void simpleRnnReturnsLastState() {
        Sequential model = Sequential.of(Input.shape(10, 3), SimpleRNN.units(8));

        assertEquals(Shape.of(8), model.outputShape());
        Map<String, ?> specs = model.weightSpecs();
        assertEquals(List.of("simple_rnn/kernel", "simple_rnn/recurrent_kernel", "simple_rnn/bias"),
                List.copyOf(specs.keySet()));
        assertArrayEquals(new int[] {3, 8}, model.weightSpecs().get("simple_rnn/kernel").shape());
        assertArrayEquals(new int[] {8, 8}, model.weightSpecs().get("simple_rnn/recurrent_kernel").shape());
        assertArrayEquals(new int[] {8}, model.weightSpecs().get("simple_rnn/bias").shape());
    }

    @Test
    void simpleRnnReturnsSequences() {
        Sequential model = Sequential.of(Input.shape(10, 3), SimpleRNN.units(8).returnSequences(true));
        assertEquals(Shape.of(10, 8), model.outputShape());
    }

    @Test
    void stackedSimpleRnnShapes() {
        Sequential model = Sequential.of(Input.shape(10, 3),
                SimpleRNN.units(8).returnSequences(true), SimpleRNN.units(4), Dense.units(1));

        assertEquals(Shape.of(10, 8), model.layers().get(1).inputShape());
        assertEquals(Shape.of(4), model.layers().get(1).outputShape());
        assertArrayEquals(new int[] {8, 4}, model.weightSpecs().get("simple_rnn_1/kernel").shape());
        assertEquals(Shape.of(1), model.outputShape());
    }

    @Test
    void variableTimestepsPropagate() {
        Sequential model = Sequential.of(Input.sequence(3), SimpleRNN.units(4).returnSequences(true),
                Dense.units(2));

        assertEquals(Shape.VARIABLE, model.inputShape().dim(0));
        assertEquals(Shape.of(Shape.VARIABLE, 2), model.outputShape());
        assertEquals("(None, None, 2)", model.outputShape().withBatch());
        assertFalse(model.outputShape().isFixed());
        assertArrayEquals(new int[] {3, 4}, model.weightSpecs().get("simple_rnn/kernel").shape());
    }

    @Test
    void simpleRnnAfterTabularOutputFails() {
        ModelDefinitionException error = assertThrows(ModelDefinitionException.class,
                () -> Sequential.of(Input.shape(10, 3), SimpleRNN.units(8), SimpleRNN.units(4)));
        assertTrue(error.getMessage().contains("'simple_rnn_1' (SimpleRNN)"), error.getMessage());
        assertTrue(error.getMessage().contains("received [8]"), error.getMessage());
        assertTrue(error.getMessage().contains("returnSequences(true)"), error.getMessage());
    }

    @Test
    void simpleRnnOnTabularInputFails() {
        ModelDefinitionException error = assertThrows(ModelDefinitionException.class,
                () -> Sequential.of(Input.shape(12), SimpleRNN.units(8)));
        assertTrue(error.getMessage().contains("'simple_rnn' (SimpleRNN)"), error.getMessage());
        assertTrue(error.getMessage().contains("Input.shape(timesteps, features)"), error.getMessage());
    }

    @Test
    void invalidInputShapesAreRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Input.shape(0));
        assertTrue(zero.getMessage().contains("[0]"), zero.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> Input.shape(2, 3, 4));
        assertTrue(rank.getMessage().contains("3 dimensions"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Input.shape(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Input.sequence(0));
    }

    @Test
    void nonPositiveUnitsAreRejected() {
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> Dense.units(0));
        assertTrue(dense.getMessage().contains("Dense units"), dense.getMessage());
        assertTrue(dense.getMessage().contains("was 0"), dense.getMessage());
        IllegalArgumentException rnn = assertThrows(IllegalArgumentException.class, () -> SimpleRNN.units(-2));
        assertTrue(rnn.getMessage().contains("SimpleRNN units"), rnn.getMessage());
        assertTrue(rnn.getMessage().contains("was -2"), rnn.getMessage());
    }

    @Test
    void simpleRnnRejectsSoftmax() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SimpleRNN.units(4).activation(Activation.SOFTMAX));
        assertTrue(error.getMessage().contains("softmax"), error.getMessage());
    }

    @Test
    void initialWeightsAreDeterministic() {
        Sequential model = Sequential.of(Input.shape(5, 3), SimpleRNN.units(4), Dense.units(2));

        Weights first = model.initialWeights(42);
        Weights second = model.initialWeights(42);

        assertEquals(first, second);
        assertEquals(List.copyOf(model.weightSpecs().keySet()), List.copyOf(first.names()));
        model.checkWeights(first);
    }

    @Test
    void initialWeightsDifferBySeed() {
        Sequential model = Sequential.of(Input.shape(5, 3), SimpleRNN.units(4), Dense.units(2));

        Weights first = model.initialWeights(1);
        Weights second = model.initialWeights(2);

        assertNotEquals(first.get("simple_rnn/kernel"), second.get("simple_rnn/kernel"));
        assertNotEquals(first.get("simple_rnn/recurrent_kernel"), second.get("simple_rnn/recurrent_kernel"));
        assertNotEquals(first.get("dense/kernel"), second.get("dense/kernel"));
        // Biases default to zeros whatever the seed.
        assertEquals(first.get("dense/bias"), second.get("dense/bias"));
        assertEquals(Tensor.zeros(2), first.get("dense/bias"));
    }

    @Test
    void checkWeightsNamesMissingWeight() {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2));
        Weights kernelOnly = Weights.builder().put("dense/kernel", Tensor.zeros(3, 2)).build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.checkWeights(kernelOnly));
        assertTrue(error.getMessage().contains("'dense/bias' is missing"), error.getMessage());
        assertTrue(error.getMessage().contains("[dense/kernel, dense/bias]"), error.getMessage());
    }

    @Test
    void checkWeightsNamesWrongShape() {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2));
        Weights transposed = Weights.builder()
                .put("dense/kernel", Tensor.zeros(2, 3)).put("dense/bias", Tensor.zeros(2)).build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.checkWeights(transposed));
        assertTrue(error.getMessage().contains("'dense/kernel' must have shape [3, 2] but has shape [2, 3]"),
                error.getMessage());
    }

    @Test
    void checkWeightsNamesExtraWeight() {
        Sequential model = Sequential.of(Input.shape(3), Dense.units(2));
        Weights extra = Weights.builder()
                .put("dense/kernel", Tensor.zeros(3, 2)).put("dense/bias", Tensor.zeros(2))
                .put("dense_1/kernel", Tensor.zeros(2, 1)).build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.checkWeights(extra));
        assertTrue(error.getMessage().contains("'dense_1/kernel' does not belong"), error.getMessage());
    }

    @Test
    void summaryOfDigitsModel() {
        // Parameters: 64 * 64 + 64 = 4,160 twice, 64 * 10 + 10 = 650; 8,970 float32 values are
        // 35,880 bytes = 35.04 KB with 1 KB = 1024 B.
        String expected = """
                Model: "sequential"
                __________________________________________________________________________
                 Layer (type)                    Output Shape              Param #
                ==========================================================================
                 dense (Dense)                   (None, 64)                4,160
                __________________________________________________________________________
                 dense_1 (Dense)                 (None, 64)                4,160
                __________________________________________________________________________
                 dense_2 (Dense)                 (None, 10)                650
                ==========================================================================
                Total params: 8,970 (35.04 KB)
                Trainable params: 8,970 (35.04 KB)
                Non-trainable params: 0 (0.00 B)
                __________________________________________________________________________""";

        Sequential model = digits();

        assertEquals(8_970, model.parameterCount());
        assertEquals(expected, model.summary());
    }

    @Test
    void summaryCountsSimpleRnnParameters() {
        // units * (features + units + 1) = 8 * (3 + 8 + 1) = 96.
        Sequential model = Sequential.of(Input.shape(10, 3), SimpleRNN.units(8));

        assertEquals(96, model.parameterCount());
        assertTrue(model.summary().contains(" simple_rnn (SimpleRNN)          (None, 8)                 96\n"),
                model.summary());
        assertTrue(model.summary().contains("Total params: 96 (384.00 B)"), model.summary());
    }

    @Test
    void summaryAddsStackedRnnParameters() {
        // 8 * (3 + 8 + 1) = 96, then 4 * (8 + 4 + 1) = 52, then Dense 4 * 1 + 1 = 5: 153 in all.
        Sequential model = Sequential.of(Input.sequence(3),
                SimpleRNN.units(8).returnSequences(true), SimpleRNN.units(4), Dense.units(1));

        assertEquals(153, model.parameterCount());
        String summary = model.summary();
        assertTrue(summary.contains("(None, None, 8)           96\n"), summary);
        assertTrue(summary.contains(" simple_rnn_1 (SimpleRNN)        (None, 4)                 52\n"), summary);
        assertTrue(summary.contains("Total params: 153 (612.00 B)"), summary);
    }
}
