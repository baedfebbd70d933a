package dev.sequent.bench;

import dev.sequent.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and writes {@code docs/benchmarks.md}.
 *
 * <p>The run has three JMH passes, each writing a JSON result file: every benchmark and engine
 * in JVMs started with {@code --add-modules jdk.incubator.vector}, then the native backend's
 * scalar kernels ({@code native-scalar}) in JVMs without the module, once for the MLP at batch 1
 * and 1024 and once for the other tables. The suite also records the machine, the load average
 * before and after, and the settings in {@code run.json}, and then calls {@link BenchmarkReport}.
 *
 * <p>Arguments: {@code --page=FILE} (the page to write), {@code --results=DIR} (where the JSON
 * files go), and {@code quick} for a trial run of one short iteration per benchmark whose
 * numbers are not meant to be published. Blank arguments are ignored, so Maven can pass an
 * empty property.
 */
public final class BenchmarkSuite {

    /** The command documented at the top of the page; it builds the modules and runs this class. */
    static final String COMMAND = "mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench exec:exec";
    /** The part of {@link #COMMAND} that runs the suite, recorded with each run. */
    static final String RUN_COMMAND = "mvn -q -pl bench exec:exec";

    private static final String VECTOR_MODULE_FLAG = "--add-modules=jdk.incubator.vector";
    private static final String[] COMMON_JVM_ARGS = {
        "-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    };

    private BenchmarkSuite() {
    }

    /**
     * JMH iteration settings of one run. With {@code singleFork} every parameter set runs in one
     * JVM; otherwise each benchmark class's {@code @Fork} annotation decides.
     */
    record Settings(int warmupIterations, double warmupSeconds, int measurementIterations, double measurementSeconds,
            boolean singleFork) {

        static final Settings FULL = new Settings(3, 1.0, 3, 1.0, false);
        static final Settings QUICK = new Settings(1, 0.2, 1, 0.2, true);

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("warmupIterations", warmupIterations);
            json.put("warmupSeconds", warmupSeconds);
            json.put("measurementIterations", measurementIterations);
            json.put("measurementSeconds", measurementSeconds);
            json.put("forks", singleFork ? "1 JVM fork per parameter set"
                    : "2 JVM forks per parameter set for MlpInference and OnnxRuntimeDirect (the targets depend on"
                            + " them, and one fork's JIT compilation can differ from another's), 1 for the others");
            return json;
        }
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path page = null;
        Path results = null;
        boolean quick = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            } else if (arg.startsWith("--page=")) {
                page = Path.of(arg.substring("--page=".length()));
            } else if (arg.startsWith("--results=")) {
                results = Path.of(arg.substring("--results=".length()));
            } else if (arg.equals("quick")) {
                quick = true;
            } else {
                throw new IllegalArgumentException("Argument '" + arg + "' is invalid; expected --page=FILE,"
                        + " --results=DIR or quick.");
            }
        }
        if (page == null || results == null) {
            throw new IllegalArgumentException("Missing " + (page == null ? "--page=FILE" : "--results=DIR")
                    + "; run the suite with mvn -q -pl bench exec:exec, which passes both.");
        }
        Settings settings = quick ? Settings.QUICK : Settings.FULL;

        Files.createDirectories(results);
        deleteJsonFiles(results);
        String loadBefore = Machine.loadAverage();
        Instant start = Instant.now();

        run(settings, results.resolve("vector.json"), true,
                "\\.(MlpInference|OnnxRuntimeDirect|RnnInference|RnnScaling|TrainingStep|DigitsEpoch)\\.", Map.of());
        run(settings, results.resolve("scalar-mlp.json"), false, "\\.MlpInference\\.",
                Map.of("engine", new String[] {"native-scalar"}, "batch", new String[] {"1", "1024"}));
        run(settings, results.resolve("scalar.json"), false, "\\.(RnnInference|TrainingStep|DigitsEpoch)\\.",
                Map.of("engine", new String[] {"native-scalar"}));

        Instant end = Instant.now();
        String loadAfter = Machine.loadAverage();

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", RUN_COMMAND + (quick ? " -Dbench.args=quick" : ""));
        run.put("quick", quick);
        run.put("start", start.truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("end", end.truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("loadBefore", loadBefore);
        run.put("loadAfter", loadAfter);
        run.put("settings", settings.toJson());
        run.put("machine", Machine.describe().toJson());
        Files.writeString(results.resolve(BenchmarkReport.RUN_FILE), Json.write(run), StandardCharsets.UTF_8);

        BenchmarkReport.write(results, page);
        System.out.println("Wrote " + page.toAbsolutePath().normalize());
    }

    private static void run(Settings settings, Path resultFile, boolean vectorModule, String include,
            Map<String, String[]> params) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(List.of(COMMON_JVM_ARGS));
        if (vectorModule) {
            jvmArgs.add(VECTOR_MODULE_FLAG);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.round(settings.warmupSeconds() * 1000)))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(Math.round(settings.measurementSeconds() * 1000)))
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(resultFile.toString());
        if (settings.singleFork()) {
            options.forks(1);
        }
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            options.param(param.getKey(), param.getValue());
        }
        new Runner(options.build()).run();
    }

    private static void deleteJsonFiles(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }
}
