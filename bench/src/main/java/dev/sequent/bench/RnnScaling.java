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
 * One {@code predict} call of the SimpleRNN model at batch {@value #BATCH}, per sequence length
 * and engine.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RnnScaling {

    static final int BATCH = 32;

    @Param({"10", "30", "100", "300", "1000"})
    public int timesteps;

    @Param({"native", "onnx-1t", "onnx-2t", "tensorflow-1t"})
    public String engine;

    private BackendModel model;
    private Tensor input;

    @Setup(Level.Trial)
    public void compile() {
        Sequential rnn = Workloads.rnn();
        model = Engine.parse(engine).compile(rnn, Optional.empty(), rnn.initialWeights(Workloads.SEED));
        input = Workloads.rnnInput(BATCH, timesteps);
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
