package dev.sequent;

import dev.sequent.callbacks.Callback;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code fit} call: epochs of shuffled batches, the running means Keras reports, validation
 * after each epoch, callbacks and the history. Batch buffers are allocated once per batch size
 * and reused, so an epoch allocates nothing that grows with the number of epochs.
 */
final class TrainingLoop {

    private final CompiledModel model;
    private final CompiledModel.Prepared data;
    private final FitOptions options;
    private final Loss loss;
    private final List<CompiledModel.NamedMetric> metrics;
    private final List<Callback> callbacks;

    private final int samples;
    private final int xSampleSize;
    private final int ySampleSize;
    private final int[] xSampleShape;
    private final int[] ySampleShape;
    private final BatchBuffers full;
    private final BatchBuffers last;

    TrainingLoop(CompiledModel model, CompiledModel.Prepared data, FitOptions options, Loss loss) {
        this.model = model;
        this.data = data;
        this.options = options;
        this.loss = loss;
        this.metrics = model.metricsFor(loss);
        this.callbacks = CompiledModel.callbacks(options);

        this.samples = data.x().dim(0);
        this.xSampleSize = data.x().sampleSize();
        this.ySampleSize = data.y().sampleSize();
        this.xSampleShape = data.x().shape();
        this.ySampleShape = data.y().shape();
        int batchSize = Math.min(options.batchSize(), samples);
        this.full = new BatchBuffers(batchSize);
        int remainder = samples % batchSize;
        this.last = remainder == 0 ? full : new BatchBuffers(remainder);
    }

    History run() {
        int batchSize = full.size;
        int batches = (samples + batchSize - 1) / batchSize;
        CompiledModel.Context context = new CompiledModel.Context(model, options.epochs(), batches, samples);
        Map<String, List<Double>> history = new LinkedHashMap<>();
        int[] order = new int[samples];

        // Every key exists from the start, so a fit stopped in its first epoch has empty series.
        history.put("loss", new ArrayList<>());
        metrics.forEach(metric -> history.put(metric.name(), new ArrayList<>()));
        if (data.validationX().isPresent()) {
            history.put("val_loss", new ArrayList<>());
            metrics.forEach(metric -> history.put("val_" + metric.name(), new ArrayList<>()));
        }

        callbacks.forEach(callback -> callback.onTrainBegin(context));
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            final int epochNumber = epoch;
            callbacks.forEach(callback -> callback.onEpochBegin(context, epochNumber));
            // Each epoch's order depends only on the generator's state, so a resumed fit
            // continues with the same batches as an uninterrupted one.
            for (int i = 0; i < samples; i++) {
                order[i] = i;
            }
            if (options.shuffle()) {
                model.shuffleRandom().shuffle(order);
            }

            Optional<Map<String, Double>> logs = runEpoch(context, epoch, batches, order);
            if (logs.isEmpty()) {
                break;
            }
            Map<String, Double> epochLogs = logs.get();
            if (data.validationX().isPresent()) {
                Map<String, Double> validation = model.evaluateChecked(data.validationX().get(),
                        data.validationY().get(), options.batchSize(), loss);
                validation.forEach((name, value) -> epochLogs.put("val_" + name, value));
            }
            epochLogs.forEach((name, value) -> history.computeIfAbsent(name, key -> new ArrayList<>()).add(value));
            callbacks.forEach(callback -> callback.onEpochEnd(context, epochNumber, epochLogs));
            if (context.stopReason().isPresent()) {
                break;
            }
        }
        callbacks.forEach(callback -> callback.onTrainEnd(context));
        return new History(history, context.stopReason());
    }

    /** Runs one epoch; returns its logs, or empty when a non-finite loss stopped training. */
    private Optional<Map<String, Double>> runEpoch(CompiledModel.Context context, int epoch, int batches, int[] order) {
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        long positions = 0;
        int seen = 0;

        for (int batch = 1; batch <= batches; batch++) {
            int start = (batch - 1) * full.size;
            BatchBuffers buffers = batch == batches ? last : full;
            Tensor[] xy = buffers.fill(order, start);
            TrainStepResult result = model.trainStep(xy[0], xy[1]);

            if (!result.applied() || !Double.isFinite(result.loss())) {
                if (options.nonFiniteLoss() == NonFiniteLossPolicy.THROW) {
                    throw new NonFiniteLossException(epoch, batch, result.loss());
                }
                context.stopTraining("loss became " + result.loss() + " at epoch " + epoch + ", batch " + batch
                        + "; the weights from before that batch were kept");
                return Optional.empty();
            }

            int size = buffers.size;
            lossSum += result.loss() * size;
            seen += size;
            float[] predictions = result.predictions().toFlatArray();
            int width = result.predictions().dim(result.predictions().rank() - 1);
            int batchPositions = predictions.length / width;
            for (int m = 0; m < metrics.size(); m++) {
                metricSums[m] += Metric.sum(metrics.get(m).kind(), buffers.y, predictions, batchPositions, width);
            }
            positions += batchPositions;

            Map<String, Double> running = logs(lossSum / seen, metricSums, positions);
            final int batchNumber = batch;
            callbacks.forEach(callback -> callback.onBatchEnd(context, epoch, batchNumber, running));
        }
        return Optional.of(logs(lossSum / seen, metricSums, positions));
    }

    private Map<String, Double> logs(double meanLoss, double[] metricSums, long positions) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", meanLoss);
        for (int m = 0; m < metrics.size(); m++) {
            logs.put(metrics.get(m).name(), metricSums[m] / positions);
        }
        return logs;
    }

    /** Reusable storage for batches of one size. */
    private final class BatchBuffers {
        final int size;
        final float[] x;
        final float[] y;
        final int[] xShape;
        final int[] yShape;

        BatchBuffers(int size) {
            this.size = size;
            this.x = new float[size * xSampleSize];
            this.y = new float[size * ySampleSize];
            this.xShape = xSampleShape.clone();
            this.xShape[0] = size;
            this.yShape = ySampleShape.clone();
            this.yShape[0] = size;
        }

        /** Copies the samples {@code order[start .. start + size)} in and wraps the buffers. */
        Tensor[] fill(int[] order, int start) {
            for (int i = 0; i < size; i++) {
                int sample = order[start + i];
                data.x().copyTo(sample * xSampleSize, x, i * xSampleSize, xSampleSize);
                data.y().copyTo(sample * ySampleSize, y, i * ySampleSize, ySampleSize);
            }
            return new Tensor[] {Tensor.wrap(x, xShape), Tensor.wrap(y, yShape)};
        }
    }
}
