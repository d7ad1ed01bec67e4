package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.latency.IntervalLog;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.results.ResourceSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads what a trial's driver left in its run directory into a {@link TrialResult}: the
 * latency summaries ({@code hdr/<scenario>/<target>/summary.json}, or JMH's
 * {@code jmh/summary.json}), the flags in {@code run.json}, and from {@code resources/} the
 * target's CPU over the measured window (the span of its interval logs' non-empty
 * intervals) and its peak memory.
 */
final class TrialReader {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        IntervalLog.Span window = null;
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
            window = measuredSpan(dir);
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
        if (window != null && measured > 0) {
            List<ResourceSamples> samples = ResourceSamples.readAll(resources);
            if (!samples.isEmpty()) {
                // a trial has one target: every service that is not PostgreSQL or Redis is its own (app and front)
                ResourceSamples.Use use = ResourceSamples.Use.of(samples, s -> true, window.fromMs(),
                        window.toMs());
                appCpu = use.appCpuSeconds() / (measured / 1000.0);
                dbCpu = use.dbCpuSeconds() / (measured / 1000.0);
                peak = use.peakMemoryBytes() > 0 ? use.peakMemoryBytes() : null;
            }
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
                    && !p.getFileName().toString().equals(LatencyCapture.CLIENT_FLOOR)).findFirst().orElse(null);
            return one == null ? null : JSON.readTree(one.resolve("summary.json").toFile());
        }
    }

    /** The measured span of the trial's target: its corrected interval logs (not the client floor's). */
    private static IntervalLog.Span measuredSpan(Path dir) throws IOException {
        Path hdr = dir.resolve("hdr");
        if (!Files.isDirectory(hdr)) {
            return null;
        }
        try (Stream<Path> logs = Files.walk(hdr)) {
            return IntervalLog.measuredSpan(logs.filter(p -> p.toString().endsWith(".corrected.hlog")
                    && !p.getParent().getFileName().toString().equals(LatencyCapture.CLIENT_FLOOR)).toList());
        }
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
