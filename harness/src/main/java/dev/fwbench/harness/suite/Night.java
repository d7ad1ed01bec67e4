package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.stats.CellStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One night of the history ({@code "schema": "fwbench-night/1"}): a suite's summary, small
 * enough to keep for years (a few KB for the nightly plan), what the next nights' gate reads
 * as its baseline and what a report charts night by night. Written by {@code bench gate
 * --append} into {@code <history>/<arch>/<machine class>/<suite id>.json} ({@link NightHistory}).
 *
 * <ul>
 * <li>{@code suite}: the suite directory's name ({@code 20261205T020000Z-nightly}: UTC start,
 *     plan), {@code startedAt}, {@code finishedAt}, {@code outcome} (completed, interrupted);
 *     {@code gitSha} and {@code gitDirty}: what ran; {@code machine}: arch, CPU model, cores.
 * <li>{@code cells}: per cell id ({@code nestjs/json}), its trials (with numbers, SLO broken,
 *     failed) and flags, and per request name ("*" for the trial-level cpu and memory) and
 *     metric the {@link Value}: that night's median across trials and every trial's value, in
 *     the metric's unit (req/s, ms, CPU-s per 1,000 requests, MiB).
 * <li>{@code gate}: what the gate decided that night against the nights before it (the
 *     baseline median and MAD of each gated metric: the band a chart draws), or null when the
 *     night was appended without a gate.
 * </ul>
 */
public record Night(String schema, String plan, String suite, String startedAt, String finishedAt, String outcome,
                    String gitSha, Boolean gitDirty, MachineClass machine, int trialsPerCell, List<String> gateMetrics,
                    Map<String, NightCell> cells, NightlyGate.Report gate) {

    public static final String SCHEMA = "fwbench-night/1";

    /** One cell's night: its trials, and per request and metric the median and the trials' values. */
    public record NightCell(String target, String workload, Map<String, String> point, int trials, int trialsWithNumbers,
                            int sloBroken, int failed, List<String> flags, Map<String, Map<String, Value>> requests) {
    }

    /** A metric's night: the median across the night's trials (the baseline's unit), and each trial's value. */
    public record Value(double median, List<Double> values) {
    }

    /** The summary of the suite in {@code suiteDir} (its run.json and suite.json), without a gate decision. */
    public static Night of(Path suiteDir) {
        JsonNode suite = SuiteComparison.suiteJson(suiteDir);
        JsonNode run = SuiteComparison.json(suiteDir, "run.json");
        List<TrialResult> trials = SuiteComparison.allTrials(suiteDir);
        Map<String, NightCell> cells = new LinkedHashMap<>();
        for (JsonNode c : suite.path("cells")) {
            String id = c.path("id").asText();
            List<TrialResult> all = trials.stream().filter(t -> t.cell().equals(id)).toList();
            List<TrialResult> measured = all.stream().filter(TrialResult::hasNumbers).toList();
            Map<String, String> point = new LinkedHashMap<>();
            c.path("point").fields().forEachRemaining(e -> point.put(e.getKey(), e.getValue().asText()));
            List<String> flags = new ArrayList<>();
            c.path("flags").forEach(f -> flags.add(f.asText()));
            cells.put(id, new NightCell(c.path("target").asText(), c.path("workload").asText(), point, all.size(),
                    measured.size(), (int) all.stream().filter(t -> t.outcome().equals("slo-broken")).count(),
                    (int) all.stream().filter(t -> t.outcome().equals("failed")).count(), flags, requests(measured)));
        }
        List<String> gateMetrics = new ArrayList<>();
        suite.path("gate").path("metrics").forEach(m -> gateMetrics.add(m.asText()));
        JsonNode env = run.path("environment");
        return new Night(SCHEMA, suite.path("plan").asText(), suiteDir.toAbsolutePath().normalize().getFileName().toString(),
                text(run, "startedAt"), text(run, "finishedAt"), suite.path("outcome").asText(), text(env, "gitSha"),
                env.path("gitDirty").isBoolean() ? env.path("gitDirty").asBoolean() : null,
                MachineClass.of(run, suiteDir.resolve("run.json")), suite.path("trialsPerCell").asInt(), gateMetrics, cells, null);
    }

    /** This night with the gate's decision on it. */
    public Night withGate(NightlyGate.Report report) {
        return new Night(schema, plan, suite, startedAt, finishedAt, outcome, gitSha, gitDirty, machine, trialsPerCell,
                gateMetrics, cells, report);
    }

    /** The night's median of {@code metric} for {@code request} of {@code cell}, or null when it did not measure it. */
    public Double median(String cell, String request, String metric) {
        NightCell c = cells.get(cell);
        Value v = c == null ? null : c.requests().getOrDefault(request, Map.of()).get(metric);
        return v == null ? null : v.median();
    }

    /** Per request name (and "*"), every metric with at least one positive value: median and values. */
    private static Map<String, Map<String, Value>> requests(List<TrialResult> measured) {
        Set<String> names = new LinkedHashSet<>();
        measured.forEach(t -> names.addAll(t.requests().keySet()));
        Map<String, Map<String, Value>> out = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Value> metrics = metrics(measured, name, true);
            if (!metrics.isEmpty()) {
                out.put(name, metrics);
            }
        }
        Map<String, Value> whole = metrics(measured, null, false);
        if (!whole.isEmpty()) {
            out.put("*", whole);
        }
        return out;
    }

    private static Map<String, Value> metrics(List<TrialResult> measured, String request, boolean perRequest) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (SuiteStatistics.MetricDef d : SuiteStatistics.METRICS.values()) {
            if ((d.perRequest() != null) != perRequest) {
                continue;
            }
            double[] v = SuiteStatistics.values(measured, request, d);
            if (v.length > 0) {
                out.put(d.key(), new Value(CellStats.of(v).median(), java.util.Arrays.stream(v).boxed().toList()));
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
