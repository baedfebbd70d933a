package dev.sequent.bench;

import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.spi.BackendModel;
import dev.sequent.spi.TrainStepResult;
import dev.sequent.spi.TrainingConfig;
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
 * One {@code trainStep} (forward pass, loss, backward pass, Adam update) on the same batch,
 * over and over. The workload is {@code mlp-<batch>} (sparse categorical cross-entropy on 10
 * classes) or {@code rnn-<batch>} (mean squared error, 30 time steps).
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrainingStep {

    @Param({"mlp-32", "mlp-256", "rnn-32"})
    public String workload;

    @Param({"native", "tensorflow-1t"})
    public String engine;

    private BackendModel model;
    private Tensor x;
    private Tensor y;

    @Setup(Level.Trial)
    public void compile() {
        int dash = workload.indexOf('-');
        String kind = workload.substring(0, dash);
        int batch = Integer.parseInt(workload.substring(dash + 1));

        Sequential network;
        TrainingConfig training;
        if (kind.equals("mlp")) {
            network = Workloads.mlp();
            training = Workloads.mlpTraining();
            x = Workloads.mlpInput(batch);
            y = Workloads.mlpLabels(batch);
        } else if (kind.equals("rnn")) {
            network = Workloads.rnn();
            training = Workloads.rnnTraining();
            x = Workloads.rnnInput(batch, Workloads.RNN_TIMESTEPS);
            y = Workloads.rnnTargets(batch);
        } else {
            throw new IllegalArgumentException("Workload '" + workload + "' is invalid; expected mlp-<batch> or"
                    + " rnn-<batch>.");
        }
        model = Engine.parse(engine).compile(network, Optional.of(training), network.initialWeights(Workloads.SEED));
    }

    @Benchmark
    public TrainStepResult trainStep() {
        return model.trainStep(x, y);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }
}
