package dev.sequent.bench;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.spi.BackendModel;
import java.util.Optional;
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
 * One {@code predict} call of the MLP 64-64-64-10 through the backend SPI, per batch size and
 * engine. Batch 1 and 1024 give the inference table; every batch size gives the scaling table.
 */
@State(Scope.Benchmark)
@Fork(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpInference {

    @Param({"1", "4", "16", "64", "256", "1024", "4096"})
    public int batch;

    @Param({"native", "native-1t", "onnx-1t", "onnx-2t", "tensorflow-1t"})
    public String engine;

    private BackendModel model;
    private Tensor input;

    @Setup(Level.Trial)
    public void compile() {
        Sequential mlp = Workloads.mlp();
        model = Engine.parse(engine).compile(mlp, Optional.empty(), mlp.initialWeights(Workloads.SEED));
        input = Workloads.mlpInput(batch);
    }

    @Benchmark
    public Tensor predict() {
        return model.predict(input);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }
}
