package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Suite directories as {@code bench run} writes them (run.json, suite.json with trials and
 * cells), with numbers the test chooses: one workload "json" per target, each trial's /json
 * throughput given, its p99 a steady 10 ms (±1 %), so a test moves one metric and knows what the
 * others do. Nights are a day apart from 2026-11-01 02:00 UTC.
 */
final class SyntheticSuites {
    static final MachineClass X86 = new MachineClass("amd64", "Intel(R) Xeon(R) Processor", 2);
    static final MachineClass ARM = new MachineClass("aarch64", "Neoverse-N2", 4);
    private static final Instant FIRST_NIGHT = Instant.parse("2026-11-01T02:00:00Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runs;
    private final Random noise = new Random(17);

    SyntheticSuites(Path runs) {
        this.runs = runs;
    }

    /** When night {@code n} (0 = the first) started. */
    static Instant night(int n) {
        return FIRST_NIGHT.plus(Duration.ofDays(n));
    }

    /** A steady night: 5 trials of every cell at {@code level} req/s, each within ±0.5 %. */
    Path steady(int night, MachineClass machine, double level) throws IOException {
        double[] trials = new double[5];
        for (int i = 0; i < trials.length; i++) {
            trials[i] = level * (1 + 0.005 * (2 * noise.nextDouble() - 1));
        }
        return suite(night(night), machine, Map.of("nestjs/json", trials), List.of());
    }

    /**
     * A completed suite of plan "nightly" started at {@code start} on {@code machine}: per cell
     * (target/json) the /json throughput of each trial; the trials numbered in {@code sloBroken}
     * (1-based, every cell) end "slo-broken".
     */
    Path suite(Instant start, MachineClass machine, Map<String, double[]> throughputByCell, List<Integer> sloBroken)
            throws IOException {
        return suite(start, machine, throughputByCell, sloBroken, List.of());
    }

    /** The same, every cell carrying {@code flags} (e.g. "injector saturated") as suite.json's cells do. */
    Path suite(Instant start, MachineClass machine, Map<String, double[]> throughputByCell, List<Integer> sloBroken,
               List<String> flags) throws IOException {
        String id = STAMP.format(start) + "-nightly" + (Files.exists(runs.resolve(STAMP.format(start) + "-nightly")) ? "-2" : "");
        Path dir = Files.createDirectories(runs.resolve(id));
        List<TrialResult> trials = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, double[]> cell : new java.util.TreeMap<>(throughputByCell).entrySet()) {
            double[] values = cell.getValue();
            for (int t = 0; t < values.length; t++) {
                double p99 = 10.0 * (1 + 0.01 * (2 * noise.nextDouble() - 1));
                TrialResult.Numbers n = new TrialResult.Numbers((long) (values[t] * 30), 0, 0, values[t], 1.0, 5.0, p99, p99 * 1.2,
                        p99 * 1.5, 0.9, p99, null, null);
                String outcome = sloBroken.contains(t + 1) ? "slo-broken" : "ok";
                trials.add(new TrialResult(cell.getKey(), t + 1, ++order, "trials/" + order, outcome,
                        outcome.equals("ok") ? null : "p99 above the SLO of 9 ms", 40, Map.of("json", n), null, null, null,
                        List.of(), Map.of(), null, null));
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", cell.getKey());
            c.put("target", cell.getKey().substring(0, cell.getKey().indexOf('/')));
            c.put("workload", "json");
            c.put("point", Map.of());
            c.put("trials", values.length);
            c.put("trialsWithNumbers", values.length);
            c.put("flags", flags);
            cells.add(c);
        }
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("schema", "fwbench-suite/1");
        suite.put("plan", "nightly");
        suite.put("trialsPerCell", 5);
        suite.put("outcome", "completed");
        suite.put("gate", Map.of("metrics", List.of("throughput", "p99"), "thresholdPct", 10.0));
        suite.put("trials", trials);
        suite.put("cells", cells);
        JSON.writeValue(dir.resolve("suite.json").toFile(), suite);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpuModel", machine.cpuModel());
        env.put("cores", machine.cores());
        env.put("arch", machine.arch());
        env.put("gitSha", "0123456789abcdef0123456789abcdef01234567");
        env.put("gitDirty", false);
        JSON.writeValue(dir.resolve("run.json").toFile(), Map.of("runId", id, "startedAt", start.toString(),
                "finishedAt", start.plus(Duration.ofMinutes(45)).toString(), "outcome", "completed", "environment", env));
        return dir;
    }
}
