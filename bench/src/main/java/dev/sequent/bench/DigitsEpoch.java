package dev.sequent.bench;

import dev.sequent.CompileOptions;
import dev.sequent.CompiledModel;
import dev.sequent.FitOptions;
import dev.sequent.History;
import dev.sequent.Tensor;
import dev.sequent.examples.DigitsData;
import dev.sequent.examples.DigitsExample;
import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One epoch of the digits example end to end through {@link CompiledModel#fit}: the 3,823
 * training samples scaled by 1/16, the last 10% held out and evaluated, shuffled batches of 32,
 * Adam, sparse categorical cross-entropy and accuracy, no progress output. Each call continues
 * training the same compiled model, so every call does the same amount of work.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DigitsEpoch {

    @Param({"native", "tensorflow-1t"})
    public String engine;

    private CompiledModel model;
    private Tensor pixels;
    private Tensor labels;
    private FitOptions oneEpoch;

    @Setup(Level.Trial)
    public void compile() {
        DigitsData train = DigitsData.training();
        pixels = Tensor.of(train.scaledPixels());
        labels = Tensor.labels(train.labels());
        oneEpoch = FitOptions.epochs(1).batchSize(DigitsExample.BATCH_SIZE).validationSplit(0.1).verbose(false);

        Engine chosen = Engine.parse(engine);
        chosen.provider();
        chosen.applyThreads();
        model = DigitsExample.model().compile(
                CompileOptions.training(Optimizers.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                        .metrics(Metric.ACCURACY)
                        .backend(chosen.backendId())
                        .seed(Workloads.SEED));
    }

    @Benchmark
    public History fitOneEpoch() {
        return model.fit(pixels, labels, oneEpoch);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }
}
