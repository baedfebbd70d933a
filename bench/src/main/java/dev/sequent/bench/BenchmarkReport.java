package dev.sequent.bench;

import dev.sequent.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code docs/benchmarks.md} from the JMH JSON result files of one suite run and the
 * run's {@code run.json}: one table per benchmark with each engine's ratio to the fastest, the
 * scaling tables, the GFLOP/s of the batch-1024 MLP inference against the estimated peak, and
 * the performance targets of the native backend with the ratio each reached.
 *
 * <p>Run on its own to rewrite the page from earlier results:
 * {@code java -cp ... dev.sequent.bench.BenchmarkReport RESULTS_DIR PAGE}.
 */
public final class BenchmarkReport {

    /** The file in the results directory that describes the run. */
    static final String RUN_FILE = "run.json";
    /** Hand-written analysis of the run, appended to the page when the file exists. */
    static final String ANALYSIS_FILE = "analysis.md";

    private static final List<String> ENGINE_ORDER = List.of("native", "native-1t", "native-2t", "native-scalar",
            "onnx-1t", "onnx-2t", "ort-direct-1t", "ort-direct-2t", "tensorflow-1t", "tensorflow-2t");
    /** Engines that are not a backend, shown in the MLP inference table but not in the scaling tables. */
    private static final Set<String> REFERENCE_ENGINES = Set.of("native-scalar", "ort-direct-1t", "ort-direct-2t");

    private final List<Measurement> measurements;
    private final Map<?, ?> run;
    private final Machine machine;
    private final StringBuilder page = new StringBuilder();

    private BenchmarkReport(List<Measurement> measurements, Map<?, ?> run) {
        this.measurements = measurements;
        this.run = run;
        this.machine = Machine.fromJson((Map<?, ?>) run.get("machine"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Expected 2 arguments, RESULTS_DIR and PAGE, but got " + args.length
                    + "; for example: bench/target/jmh docs/benchmarks.md.");
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /**
     * Reads every {@code *.json} result file and {@value #RUN_FILE} in {@code results} and writes
     * the page, appending {@value #ANALYSIS_FILE} from the bench module when it exists.
     */
    static void write(Path results, Path pageFile) throws IOException {
        List<Measurement> measurements = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "*.json")) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(RUN_FILE)) {
                    for (Measurement measurement : Measurement.parseAll(Files.readString(file, StandardCharsets.UTF_8))) {
                        // ONNX Runtime called directly runs the same MLP inference, so it joins that table.
                        measurements.add(measurement.benchmark().equals("OnnxRuntimeDirect")
                                ? measurement.renamed("MlpInference") : measurement);
                    }
                }
            }
        }
        Map<?, ?> run = (Map<?, ?>) Json.parse(Files.readString(results.resolve(RUN_FILE), StandardCharsets.UTF_8));
        BenchmarkReport report = new BenchmarkReport(measurements, run);

        Path analysis = pageFile.toAbsolutePath().getParent().resolveSibling("bench").resolve(ANALYSIS_FILE);
        Optional<String> analysisText = Files.exists(analysis)
                ? Optional.of(Files.readString(analysis, StandardCharsets.UTF_8)) : Optional.empty();
        Files.writeString(pageFile, report.render(analysisText), StandardCharsets.UTF_8);
    }

    private String render(Optional<String> analysis) {
        header();
        mlpInference();
        rnnInference();
        training();
        digits();
        mlpScaling();
        rnnScaling();
        targets();
        analysis.ifPresent(text -> page.append('\n').append(text.strip()).append('\n'));
        return page.toString();
    }

    private void header() {
        Map<?, ?> settings = (Map<?, ?>) run.get("settings");
        Measurement any = measurements.isEmpty() ? null : measurements.get(0);

        line("# Benchmarks");
        line("");
        line("The same models, weights (`initialWeights(" + Workloads.SEED + ")`), data and thread settings on every"
                + " backend, called through the backend SPI (`BackendProvider.compile`, then `BackendModel.predict`"
                + " or `trainStep`) and measured with JMH. This page is generated: to run every benchmark and"
                + " rewrite it (about 15 minutes on 2 cores), run from the repository root:");
        line("");
        line("```");
        line(BenchmarkSuite.COMMAND);
        line("```");
        line("");
        line("Add `-Dbench.args=quick` for a trial run of short iterations whose numbers are not worth"
                + " publishing. The suite code is in `bench/src/main/java/dev/sequent/bench/`; the raw JMH results"
                + " stay in `bench/target/jmh/`.");
        line("");

        if (Boolean.TRUE.equals(run.get("quick"))) {
            line("**This page comes from a quick trial run: its numbers are not reliable.**");
            line("");
        }
        line("## Run");
        line("");
        line("| | |");
        line("| --- | --- |");
        line("| date (UTC) | " + run.get("start") + " to " + run.get("end") + " |");
        line("| command | `" + run.get("command") + "`, after the modules were installed |");
        line("| CPU | " + machine.model() + " (" + machine.vendor() + ", family " + machine.family() + ", model "
                + machine.modelNumber() + "), " + machine.cores() + " logical cores, "
                + format("%.0f", machine.megahertz()) + " MHz reported, " + machine.vectorFlags() + " |");
        if (any != null) {
            line("| JDK | " + any.vmName() + " " + any.vmVersion() + " (Java " + any.jdkVersion() + ") |");
        }
        line("| load average before (`/proc/loadavg`) | " + run.get("loadBefore") + " |");
        line("| load average after | " + run.get("loadAfter") + " |");
        line("| JMH | " + settings.get("forks") + "; " + number(settings.get("warmupIterations"))
                + " warm-up iterations of " + settings.get("warmupSeconds")
                + " s, " + number(settings.get("measurementIterations")) + " measured iterations of "
                + settings.get("measurementSeconds") + " s, average time per call |");
        line("");

        line("Engines: `native` is the pure-Java backend with its default thread choice and the Vector API"
                + " kernels (JVM started with `--add-modules jdk.incubator.vector`). `native-scalar` is the same"
                + " backend in a JVM without that module, so its scalar kernels run, on 1 thread. `-1t` and `-2t`"
                + " fix the backend's thread count: `sequent.native.threads`, the intra-op threads of ONNX Runtime"
                + " through `sequent.onnx.threads`, or the intra- and inter-op threads of TensorFlow through"
                + " `sequent.tensorflow.threads`. `ort-direct` is ONNX Runtime called without the SPI, on the"
                + " same exported model, with its input tensor created once and reused.");
        line("");
        line("Times are the JMH mean per call with its 99.9% confidence half-width in percent. The ratio"
                + " column is time over the fastest engine's time in the same column, so the fastest shows"
                + " 1.00.");
        line("");
    }

    private void mlpInference() {
        line("## MLP inference");
        line("");
        line("Dense 64 relu, Dense 64 relu, Dense 10 softmax on 64 inputs: one `predict` call. GFLOP/s counts"
                + " 2 x batch x (64x64 + 64x64 + 64x10) operations per call. The peak is estimated as threads x"
                + " clock x " + machine.flopsPerCycle() + " float32 operations per cycle per core ("
                + format("%.1f", machine.peakGflops(1)) + " GFLOP/s per core). " + machine.flopsPerCycle()
                + " per cycle assumes two FMA instructions per cycle on 256-bit pipes, as in AMD Zen 2 to Zen 4"
                + " (Zen 4 runs AVX-512 as two 256-bit halves). The clock is the one `/proc/cpuinfo` reports, so"
                + " a boosting core can exceed the estimate.");
        line("");
        Set<String> engines = engines("MlpInference");
        line("| engine | batch 1 | ratio | batch 1024 | ratio | GFLOP/s, batch 1024 | % of estimated peak |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String engine : engines) {
            Optional<Measurement> one = find("MlpInference", "batch", "1", engine);
            Optional<Measurement> big = find("MlpInference", "batch", "1024", engine);
            String gflops = "-";
            String peak = "-";
            if (big.isPresent()) {
                double rate = Workloads.mlpFlops(1024) / big.get().micros() / 1000.0;
                gflops = format("%.1f", rate);
                double enginePeak = machine.peakGflops(threadsOf(engine));
                peak = enginePeak > 0 ? format("%.0f%%", 100 * rate / enginePeak) : "unknown";
            }
            line("| " + engine + " | " + time(one) + " | " + ratio(one, "MlpInference", "batch", "1") + " | "
                    + time(big) + " | " + ratio(big, "MlpInference", "batch", "1024") + " | " + gflops + " | "
                    + peak + " |");
        }
        line("");
    }

    private void rnnInference() {
        line("## SimpleRNN inference");
        line("");
        line("SimpleRNN(64, tanh) over " + Workloads.RNN_TIMESTEPS + " time steps of 8 features, then Dense 1: one"
                + " `predict` call.");
        line("");
        twoColumnTable("RnnInference", "batch", List.of("1", "256"), List.of("batch 1", "batch 256"));
    }

    private void training() {
        line("## Training step");
        line("");
        line("One `trainStep`: forward pass, loss, backward pass and Adam update (Keras defaults). The MLP uses"
                + " sparse categorical cross-entropy, the SimpleRNN (30 steps) mean squared error. ONNX Runtime"
                + " cannot train in this build, so it is absent.");
        line("");
        twoColumnTable("TrainingStep", "workload", List.of("mlp-32", "mlp-256", "rnn-32"),
                List.of("MLP batch 32", "MLP batch 256", "SimpleRNN batch 32"));
    }

    private void digits() {
        line("## Digits, one epoch");
        line("");
        line("`CompiledModel.fit` for 1 epoch of the digits example: 3,823 samples, the last 10% held out and"
                + " evaluated, shuffled batches of 32, Adam, sparse categorical cross-entropy and accuracy, no"
                + " progress output. Each call continues training the same model.");
        line("");
        line("| engine | time per epoch | ratio |");
        line("| --- | ---: | ---: |");
        for (String engine : engines("DigitsEpoch")) {
            Optional<Measurement> epoch = find("DigitsEpoch", null, null, engine);
            line("| " + engine + " | " + time(epoch) + " | " + ratio(epoch, "DigitsEpoch", null, null) + " |");
        }
        line("");
    }

    private void mlpScaling() {
        line("## Scaling with batch size (MLP inference)");
        line("");
        line("Time per `predict` call of the MLP; the last column names the fastest engine.");
        line("");
        scalingTable("MlpInference", "batch", List.of("1", "4", "16", "64", "256", "1024", "4096"));
    }

    private void rnnScaling() {
        line("## Scaling with sequence length (SimpleRNN inference)");
        line("");
        line("Time per `predict` call of the SimpleRNN model at batch " + RnnScaling.BATCH + ".");
        line("");
        scalingTable("RnnScaling", "timesteps", List.of("10", "30", "100", "300", "1000"));
    }

    private void targets() {
        line("## Targets for the native backend");
        line("");
        line("Each ratio compares two engines measured in this run: the peer's time over the native time, so"
                + " above 1 means native is faster. ONNX Runtime is compared twice: through the `onnx` backend"
                + " (the SPI, as users run it) and called directly (`ort-direct`, its floor on this machine).");
        line("");
        line("| target | engines compared | reached | met |");
        line("| --- | --- | ---: | --- |");

        String onnxBest1 = fastestOf("MlpInference", "batch", "1", "onnx-1t", "onnx-2t");
        String directBest1 = fastestOf("MlpInference", "batch", "1", "ort-direct-1t", "ort-direct-2t");
        String onnxBest1024 = fastestOf("MlpInference", "batch", "1024", "onnx-1t", "onnx-2t");
        String directBest1024 = fastestOf("MlpInference", "batch", "1024", "ort-direct-1t", "ort-direct-2t");
        String batch1 = "MLP batch 1 inference at least 3x faster than ONNX Runtime";
        target(batch1 + " (onnx backend)", "MlpInference", "batch", "1", onnxBest1, "native", 3.0);
        target(batch1 + " (called directly)", "MlpInference", "batch", "1", directBest1, "native", 3.0);

        target("MLP batch 1 inference far ahead of TensorFlow (taken as at least 10x)", "MlpInference", "batch",
                "1", "tensorflow-1t", "native", 10.0);
        String oneThread = "MLP batch 1024 inference, one thread each: at least ONNX Runtime's throughput";
        target(oneThread + " (onnx backend)", "MlpInference", "batch", "1024", "onnx-1t", "native-1t", 1.0);
        target(oneThread + " (called directly)", "MlpInference", "batch", "1024", "ort-direct-1t", "native-1t",
                1.0);

        String bothCores = "MLP batch 1024 inference, both cores: at least 1.5x ONNX Runtime's best setting";
        target(bothCores + " (onnx backend)", "MlpInference", "batch", "1024", onnxBest1024, "native", 1.5);
        target(bothCores + " (called directly)", "MlpInference", "batch", "1024", directBest1024, "native", 1.5);

        target("MLP Adam training step, batch 32: at least 5x faster than TensorFlow", "TrainingStep",
                "workload", "mlp-32", "tensorflow-1t", "native", 5.0);

        String scalar = "Scalar path, MLP batch 1024: within 10x of ONNX Runtime (ratio at least 0.1)";
        target(scalar + " (onnx backend)", "MlpInference", "batch", "1024", "onnx-1t", "native-scalar", 0.1);
        target(scalar + " (called directly)", "MlpInference", "batch", "1024", "ort-direct-1t", "native-scalar",
                0.1);
        line("");
    }

    private void target(String description, String benchmark, String param, String value, String peer,
            String nativeEngine, double required) {
        Optional<Measurement> peerTime = find(benchmark, param, value, peer);
        Optional<Measurement> nativeTime = find(benchmark, param, value, nativeEngine);
        String compared = peer + " / " + nativeEngine;
        if (peerTime.isEmpty() || nativeTime.isEmpty()) {
            line("| " + description + " | " + compared + " | not measured | - |");
            return;
        }
        double reached = peerTime.get().micros() / nativeTime.get().micros();
        String met = reached >= required ? "yes"
                : format("no, %.0f%% short of %s", 100 * (1 - reached / required), format("%.2gx", required));
        line("| " + description + " | " + compared + " | " + format("%.2fx", reached) + " | " + met + " |");
    }

    private void twoColumnTable(String benchmark, String param, List<String> values, List<String> headings) {
        StringBuilder head = new StringBuilder("| engine |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String heading : headings) {
            head.append(' ').append(heading).append(" | ratio |");
            rule.append(" ---: | ---: |");
        }
        line(head.toString());
        line(rule.toString());
        for (String engine : engines(benchmark)) {
            StringBuilder row = new StringBuilder("| " + engine + " |");
            for (String value : values) {
                Optional<Measurement> cell = find(benchmark, param, value, engine);
                row.append(' ').append(time(cell)).append(" | ").append(ratio(cell, benchmark, param, value))
                        .append(" |");
            }
            line(row.toString());
        }
        line("");
    }

    private void scalingTable(String benchmark, String param, List<String> values) {
        Set<String> engines = engines(benchmark);
        engines.removeAll(REFERENCE_ENGINES);
        StringBuilder head = new StringBuilder("| " + param + " |");
        StringBuilder rule = new StringBuilder("| ---: |");
        for (String engine : engines) {
            head.append(' ').append(engine).append(" |");
            rule.append(" ---: |");
        }
        line(head.append(" fastest |").toString());
        line(rule.append(" --- |").toString());
        for (String value : values) {
            StringBuilder row = new StringBuilder("| " + value + " |");
            for (String engine : engines) {
                row.append(' ').append(time(find(benchmark, param, value, engine))).append(" |");
            }
            String fastest = fastestOf(benchmark, param, value, engines.toArray(String[]::new));
            line(row.append(' ').append(fastest == null ? "-" : fastest).append(" |").toString());
        }
        line("");
    }

    /** Returns the engines measured in a benchmark, in a fixed order. */
    private Set<String> engines(String benchmark) {
        Set<String> found = new LinkedHashSet<>();
        for (Measurement measurement : measurements) {
            if (measurement.benchmark().equals(benchmark)) {
                found.add(measurement.params().get("engine"));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String engine : ENGINE_ORDER) {
            if (found.remove(engine)) {
                ordered.add(engine);
            }
        }
        ordered.addAll(found);
        return ordered;
    }

    private Optional<Measurement> find(String benchmark, String param, String value, String engine) {
        for (Measurement measurement : measurements) {
            if (measurement.benchmark().equals(benchmark) && engine.equals(measurement.params().get("engine"))
                    && (param == null || value.equals(measurement.params().get(param)))) {
                return Optional.of(measurement);
            }
        }
        return Optional.empty();
    }

    /** Returns the fastest of the given engines in one cell, or null when none was measured. */
    private String fastestOf(String benchmark, String param, String value, String... engines) {
        String fastest = null;
        double best = Double.POSITIVE_INFINITY;
        for (String engine : engines) {
            Optional<Measurement> measurement = find(benchmark, param, value, engine);
            if (measurement.isPresent() && measurement.get().micros() < best) {
                best = measurement.get().micros();
                fastest = engine;
            }
        }
        return fastest;
    }

    private String ratio(Optional<Measurement> measurement, String benchmark, String param, String value) {
        if (measurement.isEmpty()) {
            return "-";
        }
        String fastest = fastestOf(benchmark, param, value, engines(benchmark).toArray(String[]::new));
        double best = find(benchmark, param, value, fastest).orElseThrow().micros();
        return format("%.2f", measurement.get().micros() / best);
    }

    private int threadsOf(String engine) {
        Engine parsed = Engine.parse(engine);
        return parsed.threads().orElse(machine.cores());
    }

    private static String time(Optional<Measurement> measurement) {
        if (measurement.isEmpty()) {
            return "not measured";
        }
        double micros = measurement.get().micros();
        String value;
        if (micros < 10) {
            value = format("%.2f us", micros);
        } else if (micros < 1000) {
            value = format("%.1f us", micros);
        } else if (micros < 1_000_000) {
            value = format("%.2f ms", micros / 1000);
        } else {
            value = format("%.2f s", micros / 1_000_000);
        }
        double error = measurement.get().relativeError();
        return Double.isFinite(error) ? value + format(" ± %.0f%%", 100 * error) : value;
    }

    private static String number(Object value) {
        return value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private void line(String text) {
        page.append(text).append('\n');
    }
}
