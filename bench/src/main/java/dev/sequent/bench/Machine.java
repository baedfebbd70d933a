package dev.sequent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU the benchmarks ran on, read from {@code /proc/cpuinfo}, and an estimate of its float32
 * peak.
 *
 * <p>The peak is an estimate: cores x clock x floating-point operations per cycle per core. The
 * clock is the {@code cpu MHz} the kernel reports, which is the base clock on a virtual machine,
 * so a core that boosts can beat it. Operations per cycle assume two FMA instructions per cycle,
 * each 2 operations per lane. With 8 lanes (256-bit pipes) that is 32, true of AMD Zen 2 to Zen 4
 * (Zen 4 runs a 512-bit instruction as two 256-bit halves) and of Intel cores with AVX2. Intel
 * cores with AVX-512 are taken to have two 512-bit FMA units, 64 per cycle, although not every
 * model has them.
 *
 * @param model the {@code model name} line, such as {@code AMD EPYC}
 * @param vendor the {@code vendor_id} line, such as {@code AuthenticAMD}
 * @param family the {@code cpu family} number
 * @param modelNumber the {@code model} number
 * @param cores the number of logical processors available to the JVM
 * @param megahertz the reported clock of the first processor, 0 when unknown
 * @param vectorFlags the vector instruction sets among {@code avx2 fma avx512f}
 */
record Machine(String model, String vendor, String family, String modelNumber, int cores, double megahertz,
        String vectorFlags) {

    /** Reads {@code /proc/cpuinfo}; fields it lacks are reported as {@code unknown}. */
    static Machine describe() {
        Map<String, String> first = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        } catch (IOException e) {
            // Not Linux, or no procfs: every field stays unknown.
        }
        StringBuilder flags = new StringBuilder();
        List<String> present = List.of(first.getOrDefault("flags", "").split(" "));
        for (String flag : List.of("avx2", "fma", "avx512f")) {
            if (present.contains(flag)) {
                flags.append(flags.length() == 0 ? "" : " ").append(flag);
            }
        }
        double megahertz = 0;
        try {
            megahertz = Double.parseDouble(first.getOrDefault("cpu MHz", "0"));
        } catch (NumberFormatException e) {
            // Left at 0: the peak is then reported as unknown.
        }
        return new Machine(first.getOrDefault("model name", "unknown"), first.getOrDefault("vendor_id", "unknown"),
                first.getOrDefault("cpu family", "unknown"), first.getOrDefault("model", "unknown"),
                Runtime.getRuntime().availableProcessors(), megahertz, flags.toString());
    }

    /** Returns the contents of {@code /proc/loadavg}, or {@code unknown}. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns the estimated float32 operations per cycle of one core, 0 without FMA. */
    int flopsPerCycle() {
        if (!vectorFlags.contains("fma")) {
            return 0;
        }
        return vendor.equals("GenuineIntel") && vectorFlags.contains("avx512f") ? 64 : 32;
    }

    /** Returns the estimated float32 peak of {@code threads} cores in GFLOP/s, 0 when unknown. */
    double peakGflops(int threads) {
        return threads * megahertz / 1000.0 * flopsPerCycle();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model);
        json.put("vendor", vendor);
        json.put("family", family);
        json.put("modelNumber", modelNumber);
        json.put("cores", cores);
        json.put("megahertz", megahertz);
        json.put("vectorFlags", vectorFlags);
        return json;
    }

    static Machine fromJson(Map<?, ?> json) {
        return new Machine((String) json.get("model"), (String) json.get("vendor"), (String) json.get("family"),
                (String) json.get("modelNumber"), ((Number) json.get("cores")).intValue(),
                ((Number) json.get("megahertz")).doubleValue(), (String) json.get("vectorFlags"));
    }
}
