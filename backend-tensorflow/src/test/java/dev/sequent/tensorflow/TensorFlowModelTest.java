package dev.sequent.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.OptimizerState;
import dev.sequent.Sequential;
import dev.sequent.ShapeMismatchException;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
import dev.sequent.train.Adam;
import dev.sequent.train.Loss;
import dev.sequent.train.Optimizer;
import dev.sequent.train.RmsProp;
import dev.sequent.train.Sgd;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TensorFlowModelTest {

    private static final TensorFlowBackendProvider PROVIDER = new TensorFlowBackendProvider();

    static Sequential mlp(Activation output) {
        return Sequential.of(Input.shape(4), Dense.units(5).activation(Activation.TANH),
                Dense.units(3).activation(output));
    }

    static Tensor randomTensor(long seed, float scale, int... shape) {
        Random random = new Random(seed);
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return Tensor.wrap(values, shape);
    }

    static Tensor uniformTensor(long seed, int... shape) {
        Random random = new Random(seed);
        Tensor template = Tensor.zeros(shape);
        float[] values = new float[template.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.05f + 0.9f * random.nextFloat();
        }
        return Tensor.wrap(values, shape);
    }

    static BackendModel compile(Sequential model, Optimizer optimizer, Loss loss, Weights weights) {
        return PROVIDER.compile(model, Optional.of(new TrainingConfig(optimizer, loss)), weights);
    }

    // The labels and output activation each loss needs for a 3-wide output.
    private static Activation outputFor(Loss loss) {
        return switch (loss) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> Activation.SOFTMAX;
            case BINARY_CROSSENTROPY -> Activation.SIGMOID;
            default -> Activation.LINEAR;
        };
    }

    private static Tensor labelsFor(Loss loss, int positions) {
        return switch (loss) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> Tensor.of(new float[] {0, 2, 1, 2, 0, 1}, positions);
            case CATEGORICAL_CROSSENTROPY -> Tensor.oneHot(new int[] {0, 2, 1, 2, 0, 1}, 3);
            default -> uniformTensor(11, positions, 3);
        };
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientsMatchFiniteDifferences(Loss loss) {
        Sequential model = mlp(outputFor(loss));
        Weights initial = model.initialWeights(3);
        Tensor x = randomTensor(5, 1f, 6, 4);
        Tensor y = labelsFor(loss, 6);
        try (BackendModel compiled = compile(model, new Sgd(0.1f, 0f, false), loss, initial)) {
            assertGradientsMatchFiniteDifferences(compiled, model, loss, initial, x, y);
        }
    }

    @Test
    void recurrentGradientsMatchFiniteDifferences() {
        Sequential model = Sequential.of(Input.shape(3, 2), SimpleRNN.units(4).returnSequences(true),
                SimpleRNN.units(3).goBackwards(true).returnSequences(true), Dense.units(3).activation(Activation.SOFTMAX));
        Weights initial = model.initialWeights(7);
        Tensor x = randomTensor(9, 1f, 2, 3, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 2, 1, 0}, 2, 3);
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        try (BackendModel compiled = compile(model, new Sgd(0.1f, 0f, false), loss, initial)) {
            assertGradientsMatchFiniteDifferences(compiled, model, loss, initial, x, y);
        }
    }

    // Central differences of Loss.mean, computed in double from the backend's float32
    // predictions. With step 1e-3, float32 rounding of the predictions (about 1e-7) adds an error
    // near 1e-4, below the tolerance, and the step is small enough not to cross a kink of the
    // absolute error for these inputs.
    private static void assertGradientsMatchFiniteDifferences(BackendModel compiled, Sequential model, Loss loss,
            Weights initial, Tensor x, Tensor y) {
        Weights gradients = compiled.gradients(x, y);
        int width = model.outputShape().last();
        int positions = compiled.predict(x).size() / width;
        double step = 1e-3;
        for (String name : initial.names()) {
            float[] values = initial.get(name).toFlatArray();
            for (int index : new int[] {0, values.length / 2, values.length - 1}) {
                float[] plus = values.clone();
                plus[index] += (float) step;
                float[] minus = values.clone();
                minus[index] -= (float) step;
                compiled.setWeights(initial.with(name, Tensor.of(plus, initial.get(name).shape())));
                double lossPlus = loss.mean(y.toFlatArray(), compiled.predict(x).toFlatArray(), positions, width);
                compiled.setWeights(initial.with(name, Tensor.of(minus, initial.get(name).shape())));
                double lossMinus = loss.mean(y.toFlatArray(), compiled.predict(x).toFlatArray(), positions, width);
                double expected = (lossPlus - lossMinus) / (plus[index] - minus[index]);
                float actual = gradients.get(name).getFlat(index);
                assertEquals(expected, actual, 2e-3 + 1e-2 * Math.abs(expected),
                        loss + " gradient of " + name + "[" + index + "]");
            }
        }
        compiled.setWeights(initial);
    }

    static List<Optimizer> optimizers() {
        return List.of(
                new Sgd(0.1f, 0f, false),
                new Sgd(0.1f, 0.9f, false),
                new Sgd(0.1f, 0.9f, true),
                new Adam(0.01f, 0.9f, 0.999f, 1e-7f),
                new RmsProp(0.01f, 0.9f, 0f, 1e-7f, false),
                new RmsProp(0.01f, 0.9f, 0.5f, 1e-7f, false),
                new RmsProp(0.01f, 0.9f, 0.5f, 1e-7f, true));
    }

    // Each step must equal Optimizer.update applied in Java to the gradient the backend reports
    // for the same weights. Three steps exercise the slots and Adam's step count.
    @ParameterizedTest
    @MethodSource("optimizers")
    void trainStepEqualsOptimizerUpdate(Optimizer optimizer) {
        Sequential model = mlp(Activation.SOFTMAX);
        Weights initial = model.initialWeights(21);
        Tensor x = randomTensor(22, 1f, 6, 4);
        Tensor y = labelsFor(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 6);
        try (BackendModel compiled = compile(model, optimizer, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, initial)) {
            ReferenceOptimizer reference = new ReferenceOptimizer(optimizer, initial);
            for (int step = 1; step <= 3; step++) {
                reference.apply(compiled.gradients(x, y));
                TrainStepResult result = compiled.trainStep(x, y);
                assertTrue(result.applied());
                assertWeightsClose(reference.weights(), compiled.weights(), 1e-6, optimizer + " step " + step);
            }
        }
    }

    // The exported slots must equal the reference optimizer's slots (in Keras order and form),
    // and a second model given the weights and state must continue exactly like the first.
    @ParameterizedTest
    @MethodSource("optimizers")
    void optimizerStateExportsAndResumes(Optimizer optimizer) {
        Sequential model = mlp(Activation.SOFTMAX);
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        Weights initial = model.initialWeights(23);
        Tensor x = randomTensor(24, 1f, 6, 4);
        Tensor y = labelsFor(loss, 6);
        try (BackendModel first = compile(model, optimizer, loss, initial)) {
            ReferenceOptimizer reference = new ReferenceOptimizer(optimizer, initial);
            for (int step = 0; step < 2; step++) {
                reference.apply(first.gradients(x, y));
                first.trainStep(x, y);
            }
            OptimizerState state = first.optimizerState().orElseThrow();
            assertEquals(2, state.step());
            for (String name : initial.names()) {
                List<Tensor> slots = state.slots().get(name);
                assertEquals(optimizer.slotCount(), slots.size(), name);
                for (int s = 0; s < slots.size(); s++) {
                    assertArrayEquals(reference.slots.get(name)[s], slots.get(s).toFlatArray(), 1e-6f,
                            optimizer + " slot " + s + " of " + name);
                }
            }

            try (BackendModel resumed = compile(model, optimizer, loss, first.weights())) {
                resumed.setOptimizerState(state);
                first.trainStep(x, y);
                resumed.trainStep(x, y);
                assertWeightsClose(first.weights(), resumed.weights(), 1e-6, optimizer + " after resuming");
            }
        }
    }

    @Test
    void trainStepReturnsLossAndPredictionsBeforeUpdate() {
        Sequential model = mlp(Activation.SOFTMAX);
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        Tensor x = randomTensor(31, 1f, 6, 4);
        Tensor y = labelsFor(loss, 6);
        try (BackendModel compiled = compile(model, new Sgd(0.5f, 0f, false), loss, model.initialWeights(1))) {
            Tensor before = compiled.predict(x);

            TrainStepResult result = compiled.trainStep(x, y);

            // Not bit-exact: TensorFlow optimizes the graph per set of fetched outputs, and the
            // training run's forward pass can round differently in the last bit.
            assertArrayEquals(before.toFlatArray(), result.predictions().toFlatArray(), 1e-6f);
            assertEquals(loss.mean(y.toFlatArray(), before.toFlatArray(), 6, 3), result.loss(), 1e-6);
            assertFalse(before.equals(compiled.predict(x)), "the step should change the predictions");
        }
    }

    @Test
    void nonFiniteLossLeavesWeightsAndStateUnchanged() {
        // A linear model fed 1e38 overflows float32, so the squared error is infinite.
        Sequential model = Sequential.of(Input.shape(4), Dense.units(3));
        Weights initial = model.initialWeights(2);
        Tensor huge = Tensor.of(new float[] {1e38f, 1e38f, 1e38f, 1e38f, -1e38f, 1e38f, -1e38f, 1e38f}, 2, 4);
        Tensor hugeLabels = Tensor.zeros(2, 3);
        Tensor x = randomTensor(3, 1f, 2, 4);
        Tensor y = uniformTensor(4, 2, 3);
        Adam adam = new Adam(0.01f, 0.9f, 0.999f, 1e-7f);
        try (BackendModel compiled = compile(model, adam, Loss.MEAN_SQUARED_ERROR, initial)) {
            TrainStepResult skipped = compiled.trainStep(huge, hugeLabels);

            assertFalse(skipped.applied());
            assertTrue(Double.isInfinite(skipped.loss()), "loss was " + skipped.loss());
            assertEquals(initial, compiled.weights());

            // The next applied step must still be Adam's first step: slots and step count unchanged.
            ReferenceOptimizer reference = new ReferenceOptimizer(adam, initial);
            reference.apply(compiled.gradients(x, y));
            assertTrue(compiled.trainStep(x, y).applied());
            assertWeightsClose(reference.weights(), compiled.weights(), 1e-7, "first applied Adam step");
        }
    }

    @Test
    void recurrentForwardMatchesJavaReference() {
        for (boolean goBackwards : new boolean[] {false, true}) {
            for (boolean returnSequences : new boolean[] {false, true}) {
                Sequential model = Sequential.of(Input.shape(4, 3),
                        SimpleRNN.units(5).goBackwards(goBackwards).returnSequences(returnSequences));
                Weights weights = model.initialWeights(17);
                Tensor x = randomTensor(18, 1f, 2, 4, 3);
                try (BackendModel compiled = PROVIDER.compile(model, Optional.empty(), weights)) {
                    Tensor expected = ReferenceRnn.forward(weights, "simple_rnn", x, 5, goBackwards, returnSequences);
                    assertArrayEquals(expected.shape(), compiled.predict(x).shape());
                    assertArrayEquals(expected.toFlatArray(), compiled.predict(x).toFlatArray(), 1e-6f,
                            "goBackwards " + goBackwards + ", returnSequences " + returnSequences);
                }
            }
        }
    }

    @Test
    void variableLengthSequencesGetTheirOwnGraphs() {
        Sequential model = Sequential.of(Input.sequence(3), SimpleRNN.units(4).returnSequences(true),
                Dense.units(2).activation(Activation.SIGMOID));
        Weights weights = model.initialWeights(5);
        try (BackendModel compiled = compile(model, new Sgd(0.1f, 0f, false), Loss.BINARY_CROSSENTROPY, weights)) {
            for (int timesteps : new int[] {1, 5, 2, 5}) {
                Tensor x = randomTensor(timesteps, 1f, 2, timesteps, 3);
                Tensor states = ReferenceRnn.forward(weights, "simple_rnn", x, 4, false, true);
                Tensor expected = ReferenceRnn.dense(weights, "dense", states, Activation.SIGMOID);

                Tensor actual = compiled.predict(x);

                assertArrayEquals(new int[] {2, timesteps, 2}, actual.shape());
                assertArrayEquals(expected.toFlatArray(), actual.toFlatArray(), 1e-6f, timesteps + " steps");
                Weights gradients = compiled.gradients(x, uniformTensor(timesteps, 2, timesteps, 2));
                assertEquals(weights.names(), gradients.names());
            }
        }
    }

    @Test
    void wrongInputShapeIsRejected() {
        Sequential model = mlp(Activation.LINEAR);
        try (BackendModel compiled = PROVIDER.compile(model, Optional.empty(), model.initialWeights(1))) {
            Tensor x = Tensor.zeros(2, 5);
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> compiled.predict(x));
            assertEquals("Model '" + model.name() + "' expects input [batch, 4], but x has shape [2, 5];"
                    + " reshape x to match the model's Input.", e.getMessage());
        }
    }

    @Test
    void wrongLabelShapeIsRejected() {
        Sequential model = mlp(Activation.SOFTMAX);
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        try (BackendModel compiled = compile(model, new Sgd(0.1f, 0f, false), loss, model.initialWeights(1))) {
            Tensor x = Tensor.zeros(2, 4);
            Tensor oneHot = Tensor.zeros(2, 3);
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                    () -> compiled.trainStep(x, oneHot));
            assertEquals("Model '" + model.name() + "' with loss sparse_categorical_crossentropy expects labels"
                    + " of shape [2] for this batch, but y has shape [2, 3]; sparse losses take one class index"
                    + " per position.", e.getMessage());
        }
    }

    @Test
    void inferenceOnlyModelRejectsTraining() {
        Sequential model = mlp(Activation.LINEAR);
        try (BackendModel compiled = PROVIDER.compile(model, Optional.empty(), model.initialWeights(1))) {
            Tensor x = Tensor.zeros(2, 4);
            Tensor y = Tensor.zeros(2, 3);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> compiled.trainStep(x, y));
            assertEquals("Model '" + model.name() + "' was compiled for inference only, so trainStep is not"
                    + " available; compile it with an optimizer and a loss to train.", e.getMessage());
        }
    }

    @Test
    void setWeightsRoundTripsExactly() {
        Sequential model = mlp(Activation.LINEAR);
        try (BackendModel compiled = PROVIDER.compile(model, Optional.empty(), model.initialWeights(1))) {
            Weights other = model.initialWeights(99);
            compiled.setWeights(other);
            assertEquals(other, compiled.weights());
        }
    }

    static void assertWeightsClose(Weights expected, Weights actual, double relative, String context) {
        assertEquals(expected.names(), actual.names(), context);
        for (String name : expected.names()) {
            float[] want = expected.get(name).toFlatArray();
            float[] got = actual.get(name).toFlatArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], relative * Math.max(1.0, Math.abs(want[i])),
                        context + ": " + name + "[" + i + "]");
            }
        }
    }

    /** Optimizer.update applied in Java, with its own slots and step count. */
    static final class ReferenceOptimizer {
        private final Optimizer optimizer;
        private final java.util.Map<String, float[]> weights = new java.util.LinkedHashMap<>();
        private final java.util.Map<String, float[][]> slots = new java.util.HashMap<>();
        private final java.util.Map<String, int[]> shapes = new java.util.HashMap<>();
        private long step;

        ReferenceOptimizer(Optimizer optimizer, Weights initial) {
            this.optimizer = optimizer;
            for (String name : initial.names()) {
                float[] values = initial.get(name).toFlatArray();
                weights.put(name, values);
                shapes.put(name, initial.get(name).shape());
                slots.put(name, new float[optimizer.slotCount()][values.length]);
            }
        }

        void apply(Weights gradients) {
            step++;
            for (String name : weights.keySet()) {
                optimizer.update(weights.get(name), gradients.get(name).toFlatArray(), slots.get(name), step);
            }
        }

        Weights weights() {
            Weights.Builder builder = Weights.builder();
            weights.forEach((name, values) -> builder.put(name, Tensor.of(values, shapes.get(name))));
            return builder.build();
        }
    }

    /** Dense and SimpleRNN forward passes written with plain loops, from the Keras formulas. */
    static final class ReferenceRnn {

        static Tensor forward(Weights weights, String layer, Tensor x, int units, boolean goBackwards,
                boolean returnSequences) {
            int batch = x.dim(0);
            int timesteps = x.dim(1);
            int features = x.dim(2);
            Tensor kernel = weights.get(layer + "/kernel");
            Tensor recurrent = weights.get(layer + "/recurrent_kernel");
            Tensor bias = weights.get(layer + "/bias");
            float[] output = new float[batch * (returnSequences ? timesteps : 1) * units];
            for (int b = 0; b < batch; b++) {
                float[] state = new float[units];
                for (int s = 0; s < timesteps; s++) {
                    int t = goBackwards ? timesteps - 1 - s : s;
                    float[] next = new float[units];
                    for (int u = 0; u < units; u++) {
                        double sum = bias.getFlat(u);
                        for (int f = 0; f < features; f++) {
                            sum += x.get(b, t, f) * kernel.get(f, u);
                        }
                        for (int v = 0; v < units; v++) {
                            sum += state[v] * recurrent.get(v, u);
                        }
                        next[u] = (float) Math.tanh(sum);
                    }
                    state = next;
                    if (returnSequences) {
                        System.arraycopy(state, 0, output, (b * timesteps + s) * units, units);
                    }
                }
                if (!returnSequences) {
                    System.arraycopy(state, 0, output, b * units, units);
                }
            }
            return returnSequences ? Tensor.wrap(output, batch, timesteps, units) : Tensor.wrap(output, batch, units);
        }

        // A Dense layer applied to each time step of [batch, timesteps, features].
        static Tensor dense(Weights weights, String layer, Tensor x, Activation activation) {
            Tensor kernel = weights.get(layer + "/kernel");
            Tensor bias = weights.get(layer + "/bias");
            int rows = x.dim(0) * x.dim(1);
            int features = x.dim(2);
            int units = bias.size();
            float[] input = x.toFlatArray();
            float[] output = new float[rows * units];
            for (int r = 0; r < rows; r++) {
                for (int u = 0; u < units; u++) {
                    double sum = bias.getFlat(u);
                    for (int f = 0; f < features; f++) {
                        sum += input[r * features + f] * kernel.get(f, u);
                    }
                    if (activation != Activation.SIGMOID) {
                        throw new IllegalArgumentException("The reference handles sigmoid only, not " + activation);
                    }
                    output[r * units + u] = (float) (1 / (1 + Math.exp(-sum)));
                }
            }
            return Tensor.wrap(output, x.dim(0), x.dim(1), units);
        }
    }
}
