package dev.sequent;

import dev.sequent.train.Loss;
import dev.sequent.train.Metric;
import dev.sequent.train.Optimizer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to compile a model: the optimizer and loss (absent for an inference-only model), the
 * metrics, the backend and the seed. Immutable; each method returns a new instance.
 *
 * <pre>{@code
 * model.compile(CompileOptions.training(Optimizers.adam(), Loss.MEAN_SQUARED_ERROR)
 *         .metrics(Metric.MAE).backend("tensorflow").seed(7));
 * model.compile(CompileOptions.inference().backend("onnx"));
 * }</pre>
 */
public final class CompileOptions {

    /** The seed used when none is given, so runs are repeatable by default. */
    public static final long DEFAULT_SEED = 1337L;

    private final Optional<Optimizer> optimizer;
    private final Optional<Loss> loss;
    private final List<Metric> metrics;
    private final Optional<String> backend;
    private final long seed;

    private CompileOptions(Optional<Optimizer> optimizer, Optional<Loss> loss, List<Metric> metrics,
            Optional<String> backend, long seed) {
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = metrics;
        this.backend = backend;
        this.seed = seed;
    }

    /** Options for a model that will be trained with {@code optimizer} to minimize {@code loss}. */
    public static CompileOptions training(Optimizer optimizer, Loss loss) {
        return new CompileOptions(Optional.of(Objects.requireNonNull(optimizer, "optimizer")),
                Optional.of(Objects.requireNonNull(loss, "loss")), List.of(), Optional.empty(), DEFAULT_SEED);
    }

    /** Options for a model used only for {@code predict}. */
    public static CompileOptions inference() {
        return new CompileOptions(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), DEFAULT_SEED);
    }

    /** Returns a copy with the loss set, so an inference model can still {@code evaluate}. */
    public CompileOptions loss(Loss loss) {
        return new CompileOptions(optimizer, Optional.of(Objects.requireNonNull(loss, "loss")), metrics, backend, seed);
    }

    /**
     * Returns a copy reporting these metrics.
     *
     * @throws IllegalArgumentException if two metrics have the same name
     */
    public CompileOptions metrics(Metric... metrics) {
        List<Metric> list = List.of(metrics);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (list.get(i).name().equals(list.get(j).name())) {
                    throw new IllegalArgumentException("Metric '" + list.get(i).name() + "' is listed twice.");
                }
            }
        }
        return new CompileOptions(optimizer, loss, list, backend, seed);
    }

    /**
     * Returns a copy that runs on the backend with this id ({@code "native"},
     * {@code "tensorflow"}, {@code "onnx"}).
     */
    public CompileOptions backend(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Backend id must be non-blank, but was '" + id
                    + "'; use native, tensorflow or onnx.");
        }
        return new CompileOptions(optimizer, loss, metrics, Optional.of(id), seed);
    }

    /** Returns a copy whose initial weights and shuffling come from {@code seed}. */
    public CompileOptions seed(long seed) {
        return new CompileOptions(optimizer, loss, metrics, backend, seed);
    }

    public Optional<Optimizer> optimizer() {
        return optimizer;
    }

    public Optional<Loss> loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public Optional<String> backend() {
        return backend;
    }

    public long seed() {
        return seed;
    }
}
