package dev.fwbench.harness.shards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code bench merge}: the run directories of the N shards of one run made into one run
 * directory of the normal layout ({@code run.json}, {@code hdr/<scenario>/<target>/*.hlog},
 * {@code summary.json|txt}), which {@code bench compare}, the suite's statistics and the report
 * read as any run.
 *
 * <ol>
 *   <li>The shards must be one run: the same N, each index once, the same start instant, plan
 *       and requests; anything else is refused, naming the difference.</li>
 *   <li>Every interval log (each request's corrected, uncorrected and errors logs, and the client
 *       floor's) is
 *       merged by {@link IntervalMerge}: re-aligned on the reference clock and added. Counts are
 *       the sum of the shards' (checked against their summaries: a merge that lost or invented a
 *       request stops); percentiles come from the merged histograms only; errors are summed; the
 *       throughput is the merged count over the union of the shards' windows.</li>
 *   <li>Each shard is judged by {@link ShardVerdict}; any reason marks the merged run invalid:
 *       {@code run.json} says {@code "valid": false} with {@code "invalidReasons"} and
 *       {@code "trustworthy": false}, and the reasons are printed. The injector CPU and lag of
 *       the merged summary are the worst shard's (their samples are per injector: a merged p99
 *       of lag would need the shards' lag histograms, which the rule does not need).</li>
 * </ol>
 */
public final class ShardMerge {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The client floor's folder beside the targets' (lean runs): merged alike, never judged as a target. */
    private static final String CLIENT_FLOOR = LatencyCapture.CLIENT_FLOOR;

    /** What a merge wrote. */
    public record Result(Path dir, boolean valid, List<String> invalidReasons, List<LatencySummary> summaries) {
    }

    /** One shard's run directory as the merge reads it. */
    private record ShardRun(Path dir, JsonNode runJson, Shard shard, Instant startAt, ClockOffset clock, String bootId,
                            Double lateStartMs) {
    }

    private ShardMerge() {
    }

    /** Where a merge writes when not told: beside the first shard, named after the start instant. */
    public static Path defaultOut(List<Path> shardDirs) {
        ShardRun first = read(shardDirs.get(0).toAbsolutePath());
        Path parent = first.dir().getParent();
        String scenario = first.runJson().path("parameters").path("simulation").asText("run");
        return parent.resolve(STAMP.format(first.startAt()) + "-" + scenario + "-merged");
    }

    /**
     * Merges the shards' run directories into {@code out} (created; must not exist).
     *
     * @param clockBoundMs how far a shard's clock may be from the reference (with its error)
     */
    public static Result merge(List<Path> shardDirs, Path out, double clockBoundMs) {
        List<ShardRun> shards = shardDirs.stream().map(d -> read(d.toAbsolutePath())).sorted(
                Comparator.comparingInt(s -> s.shard().index())).toList();
        checkOneRun(shards);
        ShardRun first = shards.get(0);
        LoadShape plan = LoadShape.fromMap(JSON.convertValue(first.runJson().path("shard").path("plan"), Map.class));
        try {
            if (Files.exists(out)) {
                throw new BenchException(out + " exists already: a merge never writes into another run's folder");
            }
            for (String sub : new String[] {"hdr", "gatling", "logs"}) {
                Files.createDirectories(out.resolve(sub));
            }
        } catch (IOException e) {
            throw new BenchException("cannot create " + out + ": " + e.getMessage(), e);
        }
        boolean clockRequired = shards.stream().map(ShardRun::bootId).distinct().count() > 1;
        List<String> reasons = new ArrayList<>();
        List<LatencySummary> summaries = new ArrayList<>();
        Map<String, Object> measured = new LinkedHashMap<>();
        for (String folder : folders(shards)) { // hdr/<scenario>/<target>, the client floor first
            Path rel = Path.of(folder);
            Map<String, LatencySummary.Percentiles> floor = floorOf(out, rel);
            LatencySummary merged = mergeFolder(shards, plan, rel, out.resolve("hdr").resolve(rel), floor);
            summaries.add(merged);
            if (!rel.getFileName().toString().equals(CLIENT_FLOOR)) {
                long failed = merged.requests().stream().mapToLong(LatencySummary.Request::errors).sum();
                long completed = merged.requests().stream().mapToLong(LatencySummary.Request::count).sum();
                measured.put(merged.target(), Map.of("completed", completed, "failed", failed));
                for (ShardRun s : shards) {
                    reasons.addAll(ShardVerdict.reasons(s.shard(), plan,
                            LatencySummary.read(s.dir().resolve("hdr").resolve(rel).resolve("summary.json")), s.clock(),
                            clockRequired, s.lateStartMs(), clockBoundMs));
                }
            }
        }
        writeRunJson(shards, out, reasons, summaries, measured, clockBoundMs);
        return new Result(out, reasons.isEmpty(), reasons, summaries);
    }

    private static ShardRun read(Path dir) {
        Path file = dir.resolve("run.json");
        JsonNode run;
        try {
            run = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + " (" + e.getMessage() + "): give the run directories of "
                    + "the shards (each has a run.json)");
        }
        JsonNode s = run.path("shard");
        if (!s.isObject()) {
            throw new BenchException(dir + " is not a shard's run (its run.json has no 'shard'): shards are runs of "
                    + "'bench load -Dshard=i/N -Dstart.at=...' or 'bench run --shard i/N'");
        }
        ClockOffset clock = s.has("clock") ? JSON.convertValue(s.get("clock"), ClockOffset.class) : null;
        return new ShardRun(dir, run, new Shard(s.path("index").asInt(), s.path("count").asInt()),
                Instant.parse(s.path("startAt").asText()), clock,
                s.path("clockDomain").path("bootId").asText("unknown"),
                s.has("lateStartMs") ? s.get("lateStartMs").asDouble() : null);
    }

    /** Refuses shards that are not the N parts of one run, naming what differs. */
    private static void checkOneRun(List<ShardRun> shards) {
        ShardRun first = shards.get(0);
        int n = first.shard().count();
        Set<Integer> seen = new TreeSet<>();
        for (ShardRun s : shards) {
            String which = s.dir().getFileName() + " (shard " + s.shard() + ")";
            if (s.shard().count() != n) {
                throw new BenchException(which + " is a shard of " + s.shard().count() + ", " + first.dir().getFileName()
                        + " of " + n + ": not one run");
            }
            if (!seen.add(s.shard().index())) {
                throw new BenchException("shard " + s.shard() + " is given twice (" + which + ")");
            }
            if (!s.startAt().equals(first.startAt())) {
                throw new BenchException(which + " started at " + s.startAt() + ", " + first.dir().getFileName() + " at "
                        + first.startAt() + ": not one run");
            }
            for (String field : new String[] {"plan"}) {
                if (!s.runJson().path("shard").path(field).equals(first.runJson().path("shard").path(field))) {
                    throw new BenchException(which + " ran another load than " + first.dir().getFileName() + " ("
                            + s.runJson().path("shard").path(field) + " vs " + first.runJson().path("shard").path(field) + ")");
                }
            }
            if (!s.runJson().path("parameters").path("requests").equals(first.runJson().path("parameters").path("requests"))) {
                throw new BenchException(which + " sent other requests than " + first.dir().getFileName());
            }
        }
        if (seen.size() != n) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            throw new BenchException("the run had " + n + " shards; missing: " + String.join(", ", missing.stream()
                    .map(i -> i + "/" + n).toList()) + " (a merge of part of the shards would not be the plan's load)");
        }
    }

    /** Every {@code <scenario>/<target>} folder under the shards' {@code hdr/}, the client floor's first. */
    private static List<String> folders(List<ShardRun> shards) {
        Set<String> all = new LinkedHashSet<>();
        for (ShardRun s : shards) {
            Path hdr = s.dir().resolve("hdr");
            if (!Files.isDirectory(hdr)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(hdr)) {
                files.filter(p -> p.getFileName().toString().equals("summary.json"))
                        .forEach(p -> all.add(hdr.relativize(p.getParent()).toString()));
            } catch (IOException e) {
                throw new BenchException("cannot list " + hdr + ": " + e.getMessage(), e);
            }
        }
        List<String> out = new ArrayList<>(all);
        out.sort(Comparator.comparing((String f) -> !Path.of(f).getFileName().toString().equals(CLIENT_FLOOR))
                .thenComparing(f -> f));
        return out;
    }

    private static Map<String, LatencySummary.Percentiles> floorOf(Path out, Path rel) {
        Path floor = out.resolve("hdr").resolve(rel).resolveSibling(CLIENT_FLOOR).resolve("summary.json");
        if (rel.getFileName().toString().equals(CLIENT_FLOOR) || !Files.isRegularFile(floor)) {
            return null;
        }
        Map<String, LatencySummary.Percentiles> m = new LinkedHashMap<>();
        LatencySummary.read(floor).requests().forEach(r -> m.put(r.name(), r.correctedMs()));
        return m;
    }

    /** One {@code hdr/<scenario>/<target>/} folder of every shard, merged into {@code into}. */
    private static LatencySummary mergeFolder(List<ShardRun> shards, LoadShape plan, Path rel, Path into,
                                              Map<String, LatencySummary.Percentiles> floor) {
        try {
            Files.createDirectories(into);
        } catch (IOException e) {
            throw new BenchException("cannot create " + into + ": " + e.getMessage(), e);
        }
        long anchor = shards.get(0).startAt().toEpochMilli();
        List<LatencySummary> parts = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (ShardRun s : shards) {
            Path d = s.dir().resolve("hdr").resolve(rel);
            if (!Files.isRegularFile(d.resolve("summary.json"))) {
                throw new BenchException("shard " + s.shard() + " (" + s.dir() + ") has no " + rel + "/summary.json: it did "
                        + "not finish; merge the shards of a complete run");
            }
            parts.add(LatencySummary.read(d.resolve("summary.json")));
            dirs.add(d);
        }
        LatencySummary head = parts.get(0);
        Set<String> names = new LinkedHashSet<>();
        parts.forEach(p -> p.requests().forEach(r -> names.add(r.name())));
        List<LatencySummary.Request> requests = new ArrayList<>();
        for (String name : names) {
            String base = LatencyCapture.fileName(name);
            IntervalMerge corrected = new IntervalMerge(anchor);
            IntervalMerge uncorrected = new IntervalMerge(anchor);
            IntervalMerge failed = new IntervalMerge(anchor);
            int failedLogs = 0;
            long expected = 0;
            long errors = 0;
            double window = 0;
            for (int i = 0; i < shards.size(); i++) {
                long shift = shards.get(i).clock() == null ? 0 : Math.round(shards.get(i).clock().offsetMs());
                Path c = dirs.get(i).resolve(base + ".corrected.hlog");
                Path u = dirs.get(i).resolve(base + ".uncorrected.hlog");
                Path f = dirs.get(i).resolve(base + ".errors.hlog");
                if (Files.isRegularFile(c)) {
                    corrected.add(c, shift);
                    uncorrected.add(u, shift);
                }
                if (Files.isRegularFile(f)) {
                    failed.add(f, shift);
                    failedLogs++;
                }
                LatencySummary.Request r = parts.get(i).requests().stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElse(null);
                if (r != null) {
                    expected += r.count();
                    errors += r.errors();
                    window = Math.max(window, r.durationSeconds() + startLagSeconds(plan, shards.get(i).shard()));
                }
            }
            long count = corrected.total().getTotalCount();
            if (count != expected || uncorrected.total().getTotalCount() != expected) {
                throw new BenchException(String.format("%s %s: the shards' interval logs hold %d requests, their summaries "
                        + "%d: a log is incomplete, merge refused", rel, name, count, expected));
            }
            // the failed requests' own logs (runs written before them have none: then the merge has none)
            boolean errorLogs = failedLogs == shards.size();
            if (errorLogs && failed.total().getTotalCount() != errors) {
                throw new BenchException(String.format("%s %s: the shards' error logs hold %d failed requests, their "
                        + "summaries %d: a log is incomplete, merge refused", rel, name, failed.total().getTotalCount(),
                        errors));
            }
            String comment = "fwbench " + head.simulation() + " on " + head.target() + ", " + shards.size()
                    + " shards merged: values in nanoseconds, 1 s intervals from the shards' start instant";
            corrected.write(into.resolve(base + ".corrected.hlog"), comment);
            uncorrected.write(into.resolve(base + ".uncorrected.hlog"), comment);
            if (errorLogs) {
                failed.write(into.resolve(base + ".errors.hlog"), comment);
            }
            requests.add(new LatencySummary.Request(name, count, errors, window, window > 0 ? count / window : 0,
                    LatencySummary.Percentiles.of(corrected.total()), LatencySummary.Percentiles.of(uncorrected.total())));
        }
        LatencySummary merged = new LatencySummary(head.target(), head.simulation(), head.correction(), worstCpu(parts),
                requests, worstLag(parts), floor != null ? floor : head.clientFloorMs(), injectorFacts(shards, parts));
        merged.write(into);
        return merged;
    }

    /**
     * How long after the plan's first measured arrival this shard's first one is due (open
     * model; 0 in the closed one): its window starts that much later, so the union of the
     * windows is the longest of (that lag + its own window).
     */
    private static double startLagSeconds(LoadShape plan, Shard shard) {
        if (plan.model() != LoadShape.Model.OPEN) {
            return 0;
        }
        long first = plan.measuredArrivals()[0];
        return (plan.intendedOffsetNanos(shard.firstAtOrAfter(first)) - plan.intendedOffsetNanos(first)) / 1e9;
    }

    private static InjectorCpu.Report worstCpu(List<LatencySummary> parts) {
        InjectorCpu.Report worst = null;
        int which = 0;
        boolean any = false;
        for (int i = 0; i < parts.size(); i++) {
            InjectorCpu.Report r = parts.get(i).injectorCpu();
            if (r != null && (worst == null || r.p90() > worst.p90())) {
                worst = r;
                which = i + 1;
            }
            any |= r != null && r.saturated();
        }
        return worst == null ? null : new InjectorCpu.Report(worst.budgetCores(), worst.shared(), "the busiest of "
                + parts.size() + " shards, shard " + which + ": " + worst.budget(), worst.threshold(), worst.samples(),
                worst.mean(), worst.p90(), worst.max(), any);
    }

    private static ScheduleLag.Report worstLag(List<LatencySummary> parts) {
        ScheduleLag.Report worst = null;
        long count = 0;
        boolean any = false;
        for (LatencySummary p : parts) {
            ScheduleLag.Report r = p.lag();
            if (r != null) {
                count += r.count();
                any |= r.saturated();
                worst = worst == null || r.p99Ms() > worst.p99Ms() ? r : worst;
            }
        }
        return worst == null ? null : new ScheduleLag.Report(count, worst.p50Ms(), worst.p99Ms(), worst.maxMs(),
                worst.thresholdMs(), any);
    }

    private static Map<String, Object> injectorFacts(List<ShardRun> shards, List<LatencySummary> parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shards", shards.size());
        m.put("merge", "interval histograms of every shard added on the reference clock's 1-s grid; percentiles from "
                + "the merged histograms; injectorCpu and lag: the worst shard's");
        List<Object> each = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("shard", shards.get(i).shard().toString());
            one.put("run", shards.get(i).dir().getFileName().toString());
            one.put("injector", parts.get(i).injector());
            one.put("injectorCpu", parts.get(i).injectorCpu());
            one.put("lag", parts.get(i).lag());
            each.add(one);
        }
        m.put("perShard", each);
        return m;
    }

    private static void writeRunJson(List<ShardRun> shards, Path out, List<String> reasons, List<LatencySummary> summaries,
                                     Map<String, Object> measured, double clockBoundMs) {
        ObjectNode run = shards.get(0).runJson().deepCopy();
        run.remove("shard");
        run.put("runId", out.getFileName().toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ShardRun s : shards) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("index", s.shard().index());
            one.put("run", s.dir().toString());
            one.put("runId", s.runJson().path("runId").asText());
            one.put("shard", s.runJson().path("shard"));
            one.put("outcome", s.runJson().path("outcome").asText());
            list.add(one);
        }
        run.set("shards", JSON.valueToTree(list));
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("shards", shards.size());
        merge.put("startAt", shards.get(0).startAt().toString());
        merge.put("mergedAt", Instant.now().toString());
        merge.put("clockBoundMs", clockBoundMs);
        merge.put("clockReference", "each shard's offset to the reference clock ('bench clock', -Dclock.url), by "
                + "Cristian's algorithm; intervals moved by it; unchecked clocks are refused when the shards ran on "
                + "several kernels (boot ids)");
        merge.put("method", "interval histograms added per 1-s slot of the start instant's grid (HdrHistogram add); "
                + "percentiles from the merged histograms; counts the sum of the shards'");
        run.set("merge", JSON.valueToTree(merge));
        boolean saturated = summaries.stream().filter(s -> !s.target().equals(CLIENT_FLOOR))
                .anyMatch(LatencySummary::injectorSaturated);
        run.set("measuredRequests", JSON.valueToTree(measured));
        summaries.stream().filter(s -> s.target().equals(CLIENT_FLOOR)).findFirst().ifPresent(f -> {
            Map<String, LatencySummary.Percentiles> floor = new LinkedHashMap<>();
            f.requests().forEach(r -> floor.put(r.name(), r.correctedMs()));
            run.set("clientFloorMs", JSON.valueToTree(floor)); // the shards' floors merged, as the targets' numbers are
        });
        run.put("injectorSaturated", saturated);
        run.put("valid", reasons.isEmpty());
        run.set("invalidReasons", JSON.valueToTree(reasons));
        run.put("trustworthy", reasons.isEmpty() && !saturated);
        run.put("finishedAt", shards.stream().map(s -> s.runJson().path("finishedAt").asText("")).max(String::compareTo)
                .orElse(""));
        run.put("outcome", reasons.isEmpty() ? "completed, " + shards.size() + " shards merged"
                : "completed, " + shards.size() + " shards merged, INVALID: " + String.join("; ", reasons));
        try {
            JSON.writeValue(out.resolve("run.json").toFile(), run);
        } catch (IOException e) {
            throw new BenchException("cannot write " + out.resolve("run.json") + ": " + e.getMessage(), e);
        }
    }
}
