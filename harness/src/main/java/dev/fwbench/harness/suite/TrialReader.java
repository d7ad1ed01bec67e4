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
        Path targetDir = targetDir(dir, cell);
        JsonNode search = targetDir != null && Files.isRegularFile(targetDir.resolve("capacity.json"))
                ? JSON.readTree(targetDir.resolve("capacity.json").toFile()) : null;
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
            window = measuredSpan(dir, search == null ? null : targetDir.resolve(heldStep(search)));
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
                    "cache", "dbAccess", "dbPoolSize"}) {
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
        TrialResult.Capacity capacity = null;
        if (search != null) {
            capacity = capacity(search, Files.isDirectory(resources) ? resources : null);
            if ("injector".equals(capacity.stoppedBy()) && !flags.contains(SuiteStatistics.SATURATED)) {
                flags.add(SuiteStatistics.SATURATED);
            }
            if ("max".equals(capacity.stoppedBy())) {
                flags.add("capacity is a lower bound: search.max held");
            }
        }
        TrialResult.Footprint footprint = footprint(run, Files.isDirectory(resources) ? resources : null);
        return new TrialResult(cell.id(), slot.trial(), slot.order(), "trials/" + slot.folder(), outcome, reason, seconds,
                requests, appCpu, dbCpu, peak, flags, reported, capacity, footprint);
    }

    /** The target's folder of a lean or Gatling run ({@code hdr/<scenario>/<target>/}), the client floor's aside. */
    private static Path targetDir(Path dir, Cell cell) throws IOException {
        if (cell.workload().engine().equals("jmh")) {
            return null;
        }
        Path sim = dir.resolve("hdr").resolve(cell.workload().simulation());
        if (!Files.isDirectory(sim)) {
            return null;
        }
        try (Stream<Path> targets = Files.list(sim)) {
            return targets.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals(LatencyCapture.CLIENT_FLOOR))
                    .findFirst().orElse(null);
        }
    }

    /** The folder of the step at capacity (whose summary is the target's), else the first step's. */
    private static String heldStep(JsonNode search) {
        String first = null;
        String held = null;
        for (JsonNode st : search.path("steps")) {
            first = first == null ? st.path("dir").asText() : first;
            if (st.path("held").asBoolean() && st.path("level").asDouble() == search.path("capacity").asDouble(-1)) {
                held = st.path("dir").asText();
            }
        }
        return held != null ? held : first != null ? first : "steps";
    }

    /** A search's outcome from capacity.json, with memory per connection from the resource samples (connections). */
    static TrialResult.Capacity capacity(JsonNode c, Path resources) throws IOException {
        Double held = c.path("capacity").isNumber() ? c.path("capacity").asDouble() : null;
        Double failedAt = c.path("failedAt").isNumber() ? c.path("failedAt").asDouble() : null;
        JsonNode knee = c.path("knee");
        Double perConnection = null;
        JsonNode baseline = c.path("baseline");
        if (resources != null && held != null && held > 0 && !baseline.isMissingNode()) {
            Double none = memoryIn(resources, baseline.path("fromEpochMs").asLong(), baseline.path("toEpochMs").asLong());
            Double most = null;
            for (JsonNode st : c.path("steps")) {
                if (st.path("held").asBoolean() && st.path("level").asDouble() == held) {
                    most = memoryIn(resources, st.path("fromEpochMs").asLong(), st.path("toEpochMs").asLong());
                }
            }
            if (none != null && most != null) {
                // 180 MiB with none, 260 MiB with 8,000 open: (80 x 1024 KiB) / 8,000 = 10.2 KiB per connection
                perConnection = Math.round((most - none) / 1024.0 / held * 100) / 100.0;
            }
        }
        return new TrialResult.Capacity(c.path("search").asText(), c.path("unit").asText(), held, failedAt,
                c.path("stoppedBy").asText(), c.path("lowerBound").asBoolean(),
                knee.path("users").isNumber() ? knee.path("users").asDouble() : null,
                knee.path("peakThroughput").isNumber() ? knee.path("peakThroughput").asDouble() : null, perConnection);
    }

    /** The footprint the lean engine recorded in run.json ({@code -Dfootprint.idle.seconds}), its idle memory from the samples. */
    static TrialResult.Footprint footprint(JsonNode run, Path resources) throws IOException {
        JsonNode all = run.path("footprint");
        if (!all.isObject() || all.size() == 0) {
            return null;
        }
        JsonNode f = all.elements().next();
        JsonNode idle = f.path("idle");
        Double idleBytes = resources == null ? null
                : memoryIn(resources, idle.path("fromEpochMs").asLong(), idle.path("toEpochMs").asLong());
        JsonNode size = f.path("size");
        boolean image = "image".equals(size.path("kind").asText()) && size.path("bytes").isNumber();
        return new TrialResult.Footprint(f.path("launchToHealthySeconds").isNumber()
                ? f.path("launchToHealthySeconds").asDouble() : null,
                idleBytes == null ? null : Math.round(idleBytes / 1048576.0 * 10) / 10.0,
                image ? Math.round(size.path("bytes").asDouble() / 1e5) / 10.0 : null,
                image ? size.path("image").asText() : size.path("why").asText(null));
    }

    /**
     * The target's memory over [from, to] (epoch ms): per app series (not PostgreSQL or Redis), the median of
     * its samples in the window, summed over series (an app and its front are two containers); null without samples.
     */
    static Double memoryIn(Path resources, long from, long to) throws IOException {
        double total = 0;
        boolean any = false;
        for (ResourceSamples series : ResourceSamples.readAll(resources)) {
            if (series.supportService()) {
                continue;
            }
            double[] inWindow = series.samples().stream().filter(x -> {
                long t = x.time().toEpochMilli();
                return t >= from && t <= to + 1000; // a sample covers the second before it
            }).mapToDouble(ResourceSamples.Sample::memoryBytes).toArray();
            if (inWindow.length > 0) {
                total += dev.fwbench.harness.stats.CellStats.of(inWindow).median();
                any = true;
            }
        }
        return any ? total : null;
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

    /**
     * The measured span of the trial's target: its corrected interval logs (not the client floor's); of a
     * search, those of the step at capacity alone ({@code only}), whose requests are the trial's numbers.
     */
    private static IntervalLog.Span measuredSpan(Path dir, Path only) throws IOException {
        Path hdr = only != null ? only : dir.resolve("hdr");
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
        check(cell, health, "cache", "cache", diffs);
        check(cell, health, "db.access", "dbAccess", diffs);
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
