package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads what a trial's driver left in its run directory into a {@link TrialResult}: the
 * latency summaries ({@code hdr/<scenario>/<target>/summary.json}, or JMH's
 * {@code jmh/summary.json}), the flags in {@code run.json}, and from {@code resources/} the
 * target's CPU over the measured window (the span of its interval logs' non-empty
 * intervals) and its peak memory.
 */
final class TrialReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The folder of the injector's own floor under {@code hdr/<scenario>/} (lean runs). */
    static final String CLIENT_FLOOR = "client-floor";

    private TrialReader() {
    }

    /**
     * @param sharedResources where the samples are when the targets ran for the whole suite
     *                        ({@code fresh: false}): the suite's own {@code resources/}
     */
    static TrialResult read(Matrix.Slot slot, Path dir, String outcome, String reason, double seconds, Path sharedResources)
            throws IOException {
        Cell cell = slot.cell();
        List<String> flags = new ArrayList<>();
        Map<String, TrialResult.Numbers> requests = new LinkedHashMap<>();
        JsonNode summary = summary(dir, cell);
        long[] window = {Long.MAX_VALUE, Long.MIN_VALUE};
        long measured = 0;
        if (summary != null) {
            for (JsonNode r : summary.path("requests")) {
                JsonNode c = r.path("correctedMs");
                JsonNode u = r.path("uncorrectedMs");
                long count = r.path("count").asLong();
                long errors = r.path("errors").asLong();
                measured += count;
                JsonNode floor = summary.path("clientFloorMs").path(r.path("name").asText());
                requests.put(r.path("name").asText(), new TrialResult.Numbers(count, errors,
                        count == 0 ? 0 : 100.0 * errors / count, r.path("throughputPerSecond").asDouble(),
                        c.path("p50").asDouble(), c.path("p90").asDouble(), c.path("p99").asDouble(),
                        c.path("p999").asDouble(), c.path("max").asDouble(), u.path("p50").asDouble(),
                        u.path("p99").asDouble(), floor.isMissingNode() ? null : floor.path("p50").asDouble(),
                        floor.isMissingNode() ? null : floor.path("p99").asDouble()));
                if (errors > 0 && !flags.contains("errors")) {
                    flags.add("errors");
                }
            }
            if (summary.path("injectorCpu").path("saturated").asBoolean(false)
                    || summary.path("lag").path("saturated").asBoolean(false)) {
                flags.add(SuiteStatistics.SATURATED);
            }
            measuredWindow(dir, window);
        }
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        for (JsonNode invalid : run.path("invalidReasons")) { // a run merged from shards ('bench merge')
            flags.add(SuiteStatistics.INVALID + invalid.asText());
        }
        Map<String, Object> reported = new LinkedHashMap<>();
        JsonNode health = null;
        for (JsonNode t : run.path("targets")) {
            health = t.path("health");
        }
        if (health != null) {
            for (String k : new String[] {"framework", "frameworkVersion", "server", "workers", "threads", "profile",
                    "dbPoolSize"}) {
                if (health.has(k)) {
                    reported.put(k, JSON.convertValue(health.get(k), Object.class));
                }
            }
            differs(cell, health).ifPresent(flags::add);
        }
        Double appCpu = null;
        Double dbCpu = null;
        Long peak = null;
        Path resources = Files.isDirectory(dir.resolve("resources")) ? dir.resolve("resources") : sharedResources;
        if (Files.isDirectory(resources) && window[0] < window[1] && measured > 0) {
            double[] cpu = new double[2];
            long[] mem = {0};
            try (Stream<Path> csvs = Files.list(resources)) {
                for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    String name = csv.getFileName().toString().replace(".csv", "");
                    boolean db = name.startsWith("postgres");
                    boolean support = db || name.startsWith("redis");
                    double c = cpuSeconds(csv, window[0], window[1], mem, !support);
                    if (db) {
                        cpu[1] += c;
                    } else if (!support) {
                        cpu[0] += c;
                    }
                }
            }
            appCpu = cpu[0] / (measured / 1000.0);
            dbCpu = cpu[1] / (measured / 1000.0);
            peak = mem[0] > 0 ? mem[0] : null;
        }
        return new TrialResult(cell.id(), slot.trial(), slot.order(), "trials/" + slot.folder(), outcome, reason, seconds,
                requests, appCpu, dbCpu, peak, flags, reported);
    }

    /** The one latency summary of this trial's target. */
    private static JsonNode summary(Path dir, Cell cell) throws IOException {
        if (cell.workload().engine().equals("jmh")) {
            Path f = dir.resolve("jmh/summary.json");
            if (!Files.isRegularFile(f)) {
                return null;
            }
            JsonNode all = JSON.readTree(f.toFile());
            return all.size() == 0 ? null : all.get(0);
        }
        Path sim = dir.resolve("hdr").resolve(cell.workload().simulation());
        if (!Files.isDirectory(sim)) {
            return null;
        }
        try (Stream<Path> targets = Files.list(sim)) {
            // the client floor has a summary of its own beside the target's: not the target's numbers
            Path one = targets.filter(p -> Files.isRegularFile(p.resolve("summary.json"))
                    && !p.getFileName().toString().equals(CLIENT_FLOOR)).findFirst().orElse(null);
            return one == null ? null : JSON.readTree(one.resolve("summary.json").toFile());
        }
    }

    /** Epoch ms of the first and last non-empty 1-s interval of the trial's corrected interval logs. */
    private static void measuredWindow(Path dir, long[] window) throws IOException {
        Path hdr = dir.resolve("hdr");
        if (!Files.isDirectory(hdr)) {
            return;
        }
        try (Stream<Path> logs = Files.walk(hdr)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".corrected.hlog")
                    && !p.getParent().getFileName().toString().equals(CLIENT_FLOOR)).toList()) {
                try (HistogramLogReader r = new HistogramLogReader(log.toFile())) {
                    EncodableHistogram h;
                    while ((h = r.nextIntervalHistogram()) != null) {
                        if (h instanceof org.HdrHistogram.AbstractHistogram a && a.getTotalCount() > 0) {
                            window[0] = Math.min(window[0], a.getStartTimeStamp());
                            window[1] = Math.max(window[1], a.getEndTimeStamp());
                        }
                    }
                }
            }
        }
    }

    /** CPU-seconds of one sampled series inside [from, to] (epoch ms); its peak memory into {@code peak} when asked. */
    private static double cpuSeconds(Path csv, long from, long to, long[] peak, boolean countMemory) throws IOException {
        double seconds = 0;
        long memory = 0;
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 3) {
                continue;
            }
            long t = Instant.parse(f[0]).toEpochMilli();
            memory = Math.max(memory, Long.parseLong(f[2]));
            if (t >= from && t <= to + 1000) {
                seconds += Double.parseDouble(f[1]) / 100.0; // one sample a second, in % of one core
            }
        }
        if (countMemory) {
            peak[0] = Math.max(peak[0], memory); // app and front: the larger of the two (they sum in a container)
        }
        return seconds;
    }

    /** "configuration differs: workers 5 asked, 3 reported" when the target did not run as the plan asked. */
    static java.util.Optional<String> differs(Cell cell, JsonNode health) {
        List<String> diffs = new ArrayList<>();
        check(cell, health, "workers", "workers", diffs);
        check(cell, health, "threads", "threads", diffs);
        check(cell, health, "variant", "server", diffs);
        check(cell, health, "profile", "profile", diffs);
        return diffs.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("configuration differs: " + String.join(", ", diffs));
    }

    private static void check(Cell cell, JsonNode health, String setting, String field, List<String> diffs) {
        String asked = cell.settings().get(setting);
        if (asked == null || asked.equals("0") || !health.has(field)) {
            return;
        }
        String got = health.get(field).asText();
        if (!got.equals(asked)) {
            diffs.add(setting + " " + asked + " asked, " + got + " reported");
        }
    }
}
