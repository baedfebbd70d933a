package dev.sequent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.FitContext;
import dev.sequent.callbacks.ProgressPrinter;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Input;
import dev.sequent.spi.BackendSelector;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The training loop and the rest of {@link CompiledModel} on {@link FakeBackend}, whose
 * predictions are each sample's first feature and whose batch loss is the mean target value.
 * Sample {@code i} has input {@code [i, 0]}.
 */
class CompiledModelTest {

    private final Sequential regression = Sequential.of(Input.shape(2), Dense.units(1));
    private final FakeBackend backend = FakeBackend.training("fake");

    /** Inputs {@code [i, 0]} for {@code i = 0 .. samples - 1}. */
    static Tensor ids(int samples) {
        float[] values = new float[samples * 2];
        for (int i = 0; i < samples; i++) {
            values[i * 2] = i;
        }
        return Tensor.of(values, samples, 2);
    }

    /** Targets {@code [scale * i + offset]}, one per sample. */
    static Tensor targets(int samples, float scale, float offset) {
        float[] values = new float[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = scale * i + offset;
        }
        return Tensor.of(values, samples, 1);
    }

    private CompiledModel compile(long seed, Metric... metrics) {
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.MEAN_SQUARED_ERROR)
                .metrics(metrics).seed(seed);
        return CompiledModel.create(regression, options, FakeBackend.selector(backend));
    }

    private static FitOptions quiet(int epochs) {
        return FitOptions.epochs(epochs).verbose(false);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void epochLossWeightsBatchesBySize() {
        // Targets 1..5 in batches [1, 2], [3, 4], [5]: batch losses 1.5, 3.5, 5. Keras weights each
        // by its size: (1.5 * 2 + 3.5 * 2 + 5 * 1) / 5 = 3. The unweighted mean would be 3.33.
        CompiledModel model = compile(1);
        History history = model.fit(ids(5), targets(5, 1, 1), quiet(1).batchSize(2).shuffle(false));

        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4)), backend.model().trainBatches);
        assertEquals(3.0, history.last("loss"), 1e-6);
        assertEquals(1, history.epochs());
        assertTrue(history.stopReason().isEmpty());
    }

    @Test
    void batchCallbacksSeeRunningMeans() {
        // Running means after each batch: 1.5, (3 + 7) / 4 = 2.5, 15 / 5 = 3.
        List<Double> running = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(FitContext context, int epoch, int batch, Map<String, Double> logs) {
                running.add(logs.get("loss"));
            }
        };
        compile(1).fit(ids(5), targets(5, 1, 1), quiet(1).batchSize(2).shuffle(false).callbacks(recorder));

        assertEquals(3, running.size());
        assertEquals(1.5, running.get(0), 1e-6);
        assertEquals(2.5, running.get(1), 1e-6);
        assertEquals(3.0, running.get(2), 1e-6);
    }

    @Test
    void batchLargerThanDataGivesOneBatch() {
        compile(1).fit(ids(3), targets(3, 1, 0), quiet(1).shuffle(false));
        assertEquals(List.of(List.of(0, 1, 2)), backend.model().trainBatches);
    }

    @Test
    void trainingMetricsAverageOverSamples() {
        // Predictions are i and targets 2i, so the absolute error of sample i is i: mean (0+1+2+3+4)/5 = 2.
        History history = compile(1, Metric.MAE).fit(ids(5), targets(5, 2, 0), quiet(1).batchSize(2));
        assertEquals(2.0, history.last("mae"), 1e-6);
        assertEquals(List.of("loss", "mae"), List.copyOf(history.keys()));
    }

    @Test
    void accuracyOnSparseLabels() {
        // Every output of a sample equals its id, so argmax ties go to class 0 for every sample.
        // Labels 0, 1, 0, 2 give two hits out of four.
        Sequential classifier = Sequential.of(Input.shape(2), Dense.units(3));
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.ACCURACY);
        History history = CompiledModel.create(classifier, options, FakeBackend.selector(backend))
                .fit(ids(4), Tensor.labels(0, 1, 0, 2), quiet(1).batchSize(3));
        assertEquals(0.5, history.last("accuracy"), 1e-12);
    }

    @Test
    void accuracyOnOneHotLabels() {
        Sequential classifier = Sequential.of(Input.shape(2), Dense.units(3));
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.CATEGORICAL_CROSSENTROPY)
                .metrics(Metric.ACCURACY);
        History history = CompiledModel.create(classifier, options, FakeBackend.selector(backend))
                .fit(ids(4), Tensor.oneHot(new int[] {0, 1, 0, 2}, 3), quiet(1).batchSize(3));
        assertEquals(0.5, history.last("accuracy"), 1e-12);
    }

    @Test
    void accuracyOnWidthOneIsBinary() {
        // Predictions 0, 1, 2, 3 threshold to 0, 1, 1, 1 against targets 0, 1, 0, 1: three hits of four.
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.BINARY_CROSSENTROPY)
                .metrics(Metric.ACCURACY);
        History history = CompiledModel.create(regression, options, FakeBackend.selector(backend))
                .fit(ids(4), Tensor.of(new float[] {0, 1, 0, 1}, 4, 1), quiet(1).batchSize(3));
        assertEquals(0.75, history.last("accuracy"), 1e-12);
    }

    @Test
    void shuffleVisitsEverySampleOncePerEpoch() {
        compile(1).fit(ids(10), targets(10, 1, 0), quiet(3).batchSize(3));

        List<List<Integer>> batches = backend.model().trainBatches;
        assertEquals(12, batches.size());
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            batches.subList(epoch * 4, epoch * 4 + 4).forEach(seen::addAll);
            assertEquals(new HashSet<>(range(0, 10)), new HashSet<>(seen), "epoch " + (epoch + 1));
            assertEquals(10, seen.size());
        }
    }

    @Test
    void shuffleIsSeeded() {
        FakeBackend other = FakeBackend.training("fake");
        FakeBackend differentSeed = FakeBackend.training("fake");
        CompileOptions options = CompileOptions.training(Optimizers.sgd(), Loss.MEAN_SQUARED_ERROR);

        CompiledModel.create(regression, options.seed(7), FakeBackend.selector(backend))
                .fit(ids(10), targets(10, 1, 0), quiet(2).batchSize(4));
        CompiledModel.create(regression, options.seed(7), FakeBackend.selector(other))
                .fit(ids(10), targets(10, 1, 0), quiet(2).batchSize(4));
        CompiledModel.create(regression, options.seed(8), FakeBackend.selector(differentSeed))
                .fit(ids(10), targets(10, 1, 0), quiet(2).batchSize(4));

        List<List<Integer>> first = backend.model().trainBatches;
        assertEquals(first, other.model().trainBatches);
        assertNotEquals(first, differentSeed.model().trainBatches);
        assertNotEquals(first.subList(0, 3), first.subList(3, 6), "each epoch draws a new order");
        assertNotEquals(List.of(range(0, 4), range(4, 8), range(8, 10)), first.subList(0, 3));
    }

    @Test
    void shuffleFalseKeepsOrder() {
        compile(1).fit(ids(7), targets(7, 1, 0), quiet(2).batchSize(3).shuffle(false));

        List<List<Integer>> epoch = List.of(range(0, 3), range(3, 6), range(6, 7));
        List<List<Integer>> expected = new ArrayList<>(epoch);
        expected.addAll(epoch);
        assertEquals(expected, backend.model().trainBatches);
    }

    @Test
    void validationSplitTakesLastSamples() {
        // 10 samples with split 0.2: samples 0..7 train and 8, 9 validate. Validation predictions are
        // 8 and 9 against targets 16 and 18: MSE (64 + 81) / 2 = 72.5, MAE (8 + 9) / 2 = 8.5.
        History history = compile(3, Metric.MAE).fit(ids(10), targets(10, 2, 0),
                quiet(2).batchSize(3).validationSplit(0.2));

        Set<Integer> trained = new HashSet<>();
        backend.model().trainBatches.forEach(trained::addAll);
        assertEquals(new HashSet<>(range(0, 8)), trained);
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae"), List.copyOf(history.keys()));
        assertEquals(List.of(72.5, 72.5), history.get("val_loss"));
        assertEquals(8.5, history.last("val_mae"), 1e-6);
        // Training targets are 0, 2, ..., 14 with mean 7; MAE of predictions i against 2i is mean(i) = 3.5.
        assertEquals(7.0, history.last("loss"), 1e-6);
        assertEquals(3.5, history.last("mae"), 1e-6);
    }

    @Test
    void validationDataIsEvaluatedEachEpoch() {
        // Validation inputs are ids 0..3 with targets 1..4: every error is 1, so MSE and MAE are 1.
        History history = compile(3, Metric.MAE).fit(ids(6), targets(6, 1, 0),
                quiet(2).validationData(ids(4), targets(4, 1, 1)));
        assertEquals(List.of(1.0, 1.0), history.get("val_loss"));
        assertEquals(List.of(1.0, 1.0), history.get("val_mae"));
    }

    @Test
    void validationDataAndSplitTogetherAreRejected() {
        CompiledModel model = compile(1);
        FitOptions both = quiet(1).validationSplit(0.2).validationData(ids(2), targets(2, 1, 0));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.fit(ids(10), targets(10, 1, 0), both));
        assertTrue(error.getMessage().contains("validationSplit (0.2)"), error.getMessage());
        assertTrue(backend.model().trainBatches.isEmpty());
    }

    @Test
    void nonFiniteLossNamesEpochAndBatch() {
        // 5 samples in batches of 2 give 3 batches per epoch, so call 5 is epoch 2, batch 2.
        CompiledModel model = compile(1);
        backend.model().nonFiniteAtCall = 5;

        NonFiniteLossException error = assertThrows(NonFiniteLossException.class,
                () -> model.fit(ids(5), targets(5, 1, 0), quiet(3).batchSize(2)));
        assertEquals(2, error.epoch());
        assertEquals(2, error.batch());
        assertTrue(Double.isNaN(error.loss()));
        assertTrue(error.getMessage().contains("epoch 2, batch 2"), error.getMessage());
        assertTrue(error.getMessage().contains("Lower the learning rate"), error.getMessage());
        assertEquals(5, backend.model().trainBatches.size());
    }

    @Test
    void nonFiniteLossCanStopTraining() {
        CompiledModel model = compile(1);
        backend.model().nonFiniteAtCall = 5;

        History history = model.fit(ids(5), targets(5, 1, 0),
                quiet(3).batchSize(2).onNonFiniteLoss(NonFiniteLossPolicy.STOP_TRAINING));

        assertEquals(1, history.epochs());
        assertTrue(history.stopReason().isPresent());
        assertTrue(history.stopReason().get().contains("epoch 2, batch 2"), history.stopReason().get());
        assertEquals(5, backend.model().trainBatches.size());
    }

    @Test
    void stopInFirstEpochLeavesEmptySeries() {
        CompiledModel model = compile(1);
        backend.model().nonFiniteAtCall = 1;

        History history = model.fit(ids(5), targets(5, 1, 0),
                quiet(3).batchSize(2).onNonFiniteLoss(NonFiniteLossPolicy.STOP_TRAINING));

        assertEquals(0, history.epochs());
        assertTrue(history.get("loss").isEmpty());
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> history.last("loss"));
        assertTrue(error.getMessage().contains("No epoch completed"), error.getMessage());
    }

    @Test
    void callbackCanStopTraining() {
        Callback stopAfterFirst = new Callback() {
            @Override
            public void onEpochEnd(FitContext context, int epoch, Map<String, Double> logs) {
                context.stopTraining("enough after epoch " + epoch);
            }
        };
        History history = compile(1).fit(ids(4), targets(4, 1, 0), quiet(5).callbacks(stopAfterFirst));

        assertEquals(1, history.epochs());
        assertEquals("enough after epoch 1", history.stopReason().orElseThrow());
    }

    @Test
    void fitContextDescribesTheRun() {
        List<int[]> seen = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(FitContext context) {
                seen.add(new int[] {context.epochs(), context.batchesPerEpoch(), context.trainingSamples()});
            }
        };
        // 10 samples, split 0.3: 7 train in batches of 3, so 3 batches per epoch.
        compile(1).fit(ids(10), targets(10, 1, 0), quiet(4).batchSize(3).validationSplit(0.3).callbacks(recorder));
        assertArrayEquals(new int[] {4, 3, 7}, seen.get(0));
    }

    @Test
    void secondConcurrentFitIsRejected() throws Exception {
        CompiledModel model = compile(1);
        FakeBackend.Model fake = backend.model();
        fake.entered = new CountDownLatch(1);
        fake.release = new CountDownLatch(1);

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<History> first = executor.submit(() -> model.fit(ids(4), targets(4, 1, 0), quiet(1)));
            assertTrue(fake.entered.await(10, TimeUnit.SECONDS), "the first fit never reached trainStep");

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> model.fit(ids(4), targets(4, 1, 0), quiet(1)));
            assertTrue(error.getMessage().contains("already running"), error.getMessage());

            fake.release.countDown();
            assertEquals(1, first.get(10, TimeUnit.SECONDS).epochs());
        } finally {
            fake.release.countDown();
            executor.shutdownNow();
        }
        // The model is usable again once the first fit has finished.
        fake.entered = null;
        assertEquals(1, model.fit(ids(4), targets(4, 1, 0), quiet(1)).epochs());
    }

    @Test
    void closeIsIdempotent() {
        CompiledModel model = compile(1);
        model.close();
        model.close();

        assertTrue(model.isClosed());
        assertEquals(1, backend.model().closeCount);
    }

    @Test
    void useAfterCloseThrows() {
        CompiledModel model = compile(1);
        Weights weights = model.weights();
        model.close();

        List<Runnable> calls = List.of(
                () -> model.fit(ids(2), targets(2, 1, 0), quiet(1)),
                () -> model.predict(ids(2)),
                () -> model.evaluate(ids(2), targets(2, 1, 0)),
                model::weights,
                () -> model.setWeights(weights));
        for (Runnable call : calls) {
            IllegalStateException error = assertThrows(IllegalStateException.class, call::run);
            assertTrue(error.getMessage().contains("is closed"), error.getMessage());
            assertTrue(error.getMessage().contains("'fake'"), error.getMessage());
        }
    }

    @Test
    void inferenceBackendFitNamesTrainers() {
        FakeBackend onnx = FakeBackend.inferenceOnly("onnx");
        CompileOptions options = CompileOptions.training(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR).backend("onnx");
        CompiledModel model = CompiledModel.create(regression, options, FakeBackend.selector(backend, onnx));
        assertEquals("onnx", model.backendId());

        UnsupportedCapabilityException error = assertThrows(UnsupportedCapabilityException.class,
                () -> model.fit(ids(2), targets(2, 1, 0), quiet(1)));
        assertTrue(error.getMessage().contains("'onnx' is inference-only"), error.getMessage());
        assertTrue(error.getMessage().contains("Compile with a backend that can train: fake."), error.getMessage());
    }

    @Test
    void fitOnInferenceCompiledModelIsRejected() {
        CompiledModel model = CompiledModel.create(regression, CompileOptions.inference(),
                FakeBackend.selector(backend));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> model.fit(ids(2), targets(2, 1, 0), quiet(1)));
        assertTrue(error.getMessage().contains("inference only"), error.getMessage());
        assertTrue(backend.model().training.isEmpty());
    }

    @Test
    void defaultSelectionNeedsTrainingBackend() {
        FakeBackend onnx = FakeBackend.inferenceOnly("onnx");
        CompileOptions options = CompileOptions.training(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR);

        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> CompiledModel.create(regression, options, FakeBackend.selector(onnx)));
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());

        CompiledModel inference = CompiledModel.create(regression, CompileOptions.inference(),
                FakeBackend.selector(onnx));
        assertEquals("onnx", inference.backendId());
    }

    @Test
    void compileWithoutBackendNamesCoordinates() {
        // The api module's test class path contains no backend, so ServiceLoader finds none.
        assumeTrue(System.getProperty(BackendSelector.PROPERTY) == null
                && System.getenv(BackendSelector.ENVIRONMENT_VARIABLE) == null, "a backend is named outside the test");

        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> regression.compile(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR));
        assertTrue(error.getMessage().contains("No Sequent backend is on the class path"), error.getMessage());
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());
    }

    @Test
    void compileHandsInitialWeightsAndTrainingConfig() {
        CompiledModel model = compile(42);
        assertEquals(regression.initialWeights(42), model.weights());
        assertEquals(Loss.MEAN_SQUARED_ERROR, backend.model().training.orElseThrow().loss());
        assertEquals(Optimizers.sgd(), backend.model().training.orElseThrow().optimizer());
    }

    @Test
    void predictConcatenatesBatches() {
        // 70 samples in batches of 32: 32, 32 and 6, reassembled in order.
        CompiledModel model = compile(1);
        Tensor predictions = model.predict(ids(70), 32);

        assertEquals(List.of(32, 32, 6), backend.model().predictBatchSizes);
        assertArrayEquals(new int[] {70, 1}, predictions.shape());
        for (int i = 0; i < 70; i++) {
            assertEquals(i, predictions.getFlat(i), "sample " + i);
        }
    }

    @Test
    void predictDefaultBatchSizeIs32() {
        compile(1).predict(ids(33));
        assertEquals(List.of(32, 1), backend.model().predictBatchSizes);
    }

    @Test
    void evaluateAveragesOverSamples() {
        // Predictions i against targets 2i: squared errors 0, 1, 4, 9, 16 with mean 6; absolute errors
        // 0..4 with mean 2. Batches of 2 must not change that.
        CompiledModel model = compile(1, Metric.MAE);
        EvaluationResult result = model.evaluate(ids(5), targets(5, 2, 0), 2);

        assertEquals(6.0, result.loss(), 1e-6);
        assertEquals(2.0, result.metric("mae"), 1e-6);
        assertEquals(List.of(2, 2, 1), backend.model().predictBatchSizes);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> result.metric("accuracy"));
        assertTrue(unknown.getMessage().contains("[loss, mae]"), unknown.getMessage());
    }

    @Test
    void setWeightsReplacesBackendWeights() {
        CompiledModel model = compile(1);
        Weights replacement = Weights.builder()
                .put("dense/kernel", Tensor.of(new float[] {1, 2}, 2, 1)).put("dense/bias", Tensor.of(new float[] {3}))
                .build();
        model.setWeights(replacement);
        assertSame(replacement, backend.model().weights());
    }

    @Test
    void setWeightsRejectsNonFiniteValues() {
        CompiledModel model = compile(1);
        Weights bad = Weights.builder()
                .put("dense/kernel", Tensor.of(new float[] {1, Float.NaN}, 2, 1)).put("dense/bias", Tensor.zeros(1))
                .build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.setWeights(bad));
        assertTrue(error.getMessage().contains("'dense/kernel' contains NaN at flat index 1"), error.getMessage());
        assertEquals(regression.initialWeights(CompileOptions.DEFAULT_SEED).get("dense/bias"),
                backend.model().weights().get("dense/bias"));
    }

    @Test
    void progressPrintsTwoLinesPerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        compile(1, Metric.MAE).fit(ids(5), targets(5, 1, 1), FitOptions.epochs(3).batchSize(2).progressOutput(out));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(6, lines.length, String.join("\n", lines));
        // Loss is 3 (see epochLossWeightsBatchesBySize); MAE of i against i + 1 is 1.
        Pattern bar = Pattern.compile("3/3 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - loss: 3\\.0000 - mae: 1\\.0000");
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertEquals("Epoch " + epoch + "/3", lines[2 * epoch - 2]);
            assertTrue(bar.matcher(lines[2 * epoch - 1]).matches(), lines[2 * epoch - 1]);
        }
    }

    @Test
    void inPlaceProgressRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        compile(1).fit(ids(5), targets(5, 1, 1),
                quiet(1).batchSize(2).callbacks(new ProgressPrinter(out, true)));

        String text = bytes.toString(StandardCharsets.UTF_8);
        // Split on line feeds only: the carriage returns of the redraws stay inside the bar line.
        String[] lines = text.split(System.lineSeparator());
        assertEquals(2, lines.length, text);
        assertEquals("Epoch 1/1", lines[0]);
        assertTrue(lines[1].startsWith("\r"), lines[1]);
        assertTrue(text.contains("\r3/3 [" + "=".repeat(30) + "]"), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
    }

    @Test
    void silentFitPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        compile(1).fit(ids(5), targets(5, 1, 1), FitOptions.epochs(2).verbose(false).progressOutput(out));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void historyRejectsUnknownKey() {
        History history = compile(1).fit(ids(3), targets(3, 1, 0), quiet(1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> history.get("val_loss"));
        assertTrue(error.getMessage().contains("'val_loss'"), error.getMessage());
        assertTrue(error.getMessage().contains("[loss]"), error.getMessage());
        assertFalse(history.asMap().isEmpty());
    }
}
