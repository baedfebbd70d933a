package dev.sequent.bench;

import dev.sequent.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result: a benchmark method with its parameters, the mean time per call and its error.
 *
 * @param benchmark the simple class name, such as {@code MlpInference}
 * @param params the JMH parameters, such as {@code engine=native, batch=1}
 * @param micros the mean time per call in microseconds
 * @param errorMicros the half-width of JMH's 99.9% confidence interval in microseconds, NaN when
 *     JMH had too few iterations to give one
 */
record Measurement(String benchmark, Map<String, String> params, double micros, double errorMicros,
        String jdkVersion, String vmName, String vmVersion) {

    /** Returns this measurement filed under another benchmark name. */
    Measurement renamed(String newBenchmark) {
        return new Measurement(newBenchmark, params, micros, errorMicros, jdkVersion, vmName, vmVersion);
    }

    /** Returns the error relative to the mean. */
    double relativeError() {
        return errorMicros / micros;
    }

    /**
     * Parses a JMH JSON result file (an array of results, {@code -rf json}).
     *
     * @throws IllegalArgumentException if a result is not in average-time mode or has a time unit
     *     other than s, ms, us or ns per operation
     */
    static List<Measurement> parseAll(String json) {
        List<Measurement> all = new ArrayList<>();
        for (Object item : (List<?>) Json.parse(json)) {
            Map<?, ?> result = (Map<?, ?>) item;
            String name = (String) result.get("benchmark");
            if (!"avgt".equals(result.get("mode"))) {
                throw new IllegalArgumentException("Benchmark " + name + " ran in mode '" + result.get("mode")
                        + "', but the report reads only average time (avgt).");
            }

            String[] parts = name.split("\\.");
            String benchmark = parts[parts.length - 2];
            Map<String, String> params = new LinkedHashMap<>();
            Object rawParams = result.get("params");
            if (rawParams instanceof Map<?, ?> map) {
                map.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
            }

            Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
            double scale = microsPer((String) metric.get("scoreUnit"), name);
            double score = toDouble(metric.get("score")) * scale;
            double error = toDouble(metric.get("scoreError")) * scale;
            all.add(new Measurement(benchmark, params, score, error, (String) result.get("jdkVersion"),
                    (String) result.get("vmName"), (String) result.get("vmVersion")));
        }
        return all;
    }

    /** JMH writes a missing error as the string {@code "NaN"}. */
    private static double toDouble(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static double microsPer(String unit, String benchmark) {
        return switch (unit) {
            case "s/op" -> 1e6;
            case "ms/op" -> 1e3;
            case "us/op" -> 1;
            case "ns/op" -> 1e-3;
            default -> throw new IllegalArgumentException("Benchmark " + benchmark + " reports its time in '" + unit
                    + "', but the report reads s/op, ms/op, us/op or ns/op.");
        };
    }
}
