package dev.fwbench.harness.suite;

import dev.fwbench.harness.stats.CellComparison;
import dev.fwbench.harness.stats.CellStats;
import dev.fwbench.harness.stats.Comparison;
import dev.fwbench.harness.stats.ComparisonSettings;
import dev.fwbench.harness.stats.Direction;
import dev.fwbench.harness.stats.Holm;
import dev.fwbench.harness.stats.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The numbers of record of a suite, from its trials: per cell and request name, the median,
 * min, max and coefficient of variation of every metric across trials; between targets on
 * the same workload (and between the points of a sweep), the Hodges-Lehmann ratio with its
 * exact confidence interval, p, Holm's correction over the whole suite, and a verdict word.
 * No I/O: the runner writes what this returns into suite.json.
 */
public final class SuiteStatistics {

    /** The per-request metrics, and how each is read from a trial. */
    static final Map<String, MetricDef> METRICS = metrics();

    /** @param request null for a trial-level metric (CPU, memory) */
    record MetricDef(String key, String unit, boolean biggerIsBetter, boolean speed, boolean compared,
                     ToDoubleFunction<TrialResult.Numbers> perRequest, ToDoubleFunction<TrialResult> perTrial) {
        Metric metric(String request) {
            String name = (request == null ? "" : request + " ") + key;
            return new Metric(name, unit, biggerIsBetter ? Direction.BIGGER_IS_BETTER : Direction.SMALLER_IS_BETTER, speed);
        }
    }

    private static Map<String, MetricDef> metrics() {
        Map<String, MetricDef> m = new LinkedHashMap<>();
        m.put("throughput", new MetricDef("throughput", "req/s", true, true, true, n -> n.throughput(), null));
        m.put("p50", new MetricDef("p50", "ms", false, true, true, n -> n.p50(), null));
        m.put("p90", new MetricDef("p90", "ms", false, true, false, n -> n.p90(), null));
        m.put("p99", new MetricDef("p99", "ms", false, true, true, n -> n.p99(), null));
        m.put("p999", new MetricDef("p999", "ms", false, true, true, n -> n.p999(), null));
        m.put("max", new MetricDef("max", "ms", false, true, false, n -> n.max(), null));
        m.put("errors", new MetricDef("errors", "%", false, false, false, n -> n.errorPct(), null));
        // the injector's own round trip against its in-process baseline: beside the target's, never compared
        m.put("floorP50", new MetricDef("floorP50", "ms", false, true, false, n -> orNaN(n.floorP50()), null));
        m.put("floorP99", new MetricDef("floorP99", "ms", false, true, false, n -> orNaN(n.floorP99()), null));
        m.put("cpu", new MetricDef("cpu", "CPU-s/1k req", false, false, true, null,
                t -> t.appCpuSecondsPer1000() == null ? Double.NaN : t.appCpuSecondsPer1000()));
        m.put("memory", new MetricDef("memory", "MiB", false, false, true, null,
                t -> t.peakMemoryBytes() == null ? Double.NaN : t.peakMemoryBytes() / 1048576.0));
        // what a search found (-Dsearch=): the highest level that held the SLO, compared like any other number
        m.put("capacity", new MetricDef("capacity", "req/s", true, true, true, null, t -> searched(t, "capacity")));
        m.put("connections", new MetricDef("connections", "connections", true, true, true, null,
                t -> searched(t, "connections")));
        m.put("memoryPerConnection", new MetricDef("memoryPerConnection", "KiB", false, false, true, null,
                t -> t.capacity() == null || t.capacity().memoryPerConnectionKiB() == null ? Double.NaN
                        : t.capacity().memoryPerConnectionKiB()));
        m.put("peakThroughput", new MetricDef("peakThroughput", "req/s", true, true, true, null,
                t -> t.capacity() == null || t.capacity().peakThroughput() == null ? Double.NaN
                        : t.capacity().peakThroughput()));
        // the footprint (-Dfootprint.idle.seconds): a cold start is a time (faster / slower), memory and image a cost
        m.put("coldStart", new MetricDef("coldStart", "s", false, true, true, null,
                t -> t.footprint() == null || t.footprint().coldStartSeconds() == null ? Double.NaN
                        : t.footprint().coldStartSeconds()));
        m.put("idleMemory", new MetricDef("idleMemory", "MiB", false, false, true, null,
                t -> t.footprint() == null || t.footprint().idleMemoryMiB() == null ? Double.NaN
                        : t.footprint().idleMemoryMiB()));
        m.put("image", new MetricDef("image", "MB", false, false, true, null,
                t -> t.footprint() == null || t.footprint().imageMB() == null ? Double.NaN : t.footprint().imageMB()));
        return m;
    }

    /**
     * The level a search held, when the trial's search was of this kind ("capacity": req/s of the open model,
     * "connections": WebSocket connections); NaN otherwise, and when no level held (no ratio of a zero).
     */
    private static double searched(TrialResult t, String search) {
        TrialResult.Capacity c = t.capacity();
        return c == null || !c.search().equals(search) || c.held() == null ? Double.NaN : c.held();
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** One cell's statistics: per request name (and "*" for trial-level metrics), per metric. */
    public record CellSummary(String id, String target, String workload, Map<String, String> point, int trials,
                              int trialsWithNumbers, List<String> flags, Map<String, Map<String, CellStats>> requests) {
    }

    /**
     * A comparison with what it compares. {@code kind}: "targets" (B is another target) or "sweep".
     * {@code trustworthy} is false when a trial of either cell had a saturated injector (or was
     * merged from shards one of which fell behind): its
     * latencies hold the injector's own queueing, so the ratio may be the injector's, not the
     * targets' (the verdict is kept, and must be read with this).
     */
    public record CellComparisonRecord(String kind, String cellA, String cellB, String request, String metric,
                                       List<String> flags, Comparison comparison) {
        @com.fasterxml.jackson.annotation.JsonProperty
        public boolean trustworthy() {
            return !flags.contains(SATURATED) && flags.stream().noneMatch(f -> f.startsWith(INVALID));
        }
    }

    /**
     * The start of the flag a merged trial carries for each reason its shards' merge found it
     * invalid ({@code "invalid: shard 2/3 on nestjs fell behind: ..."}): as untrustworthy as a
     * saturated injector.
     */
    public static final String INVALID = "invalid: ";

    /** The flag a trial with a saturated injector (CPU or lag) carries. */
    public static final String SATURATED = "injector saturated";

    public record Result(List<CellSummary> cells, List<CellComparisonRecord> comparisons) {
    }

    private SuiteStatistics() {
    }

    public static Result compute(List<Cell> cells, List<TrialResult> trials, double noiseLimitPct, long seed) {
        double noise = noiseLimitPct / 100.0;
        Map<String, List<TrialResult>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.id(), new ArrayList<>()));
        for (TrialResult t : trials) {
            if (t.hasNumbers() && byCell.containsKey(t.cell())) {
                byCell.get(t.cell()).add(t);
            }
        }
        List<CellSummary> summaries = new ArrayList<>();
        for (Cell c : cells) {
            List<TrialResult> ts = byCell.get(c.id());
            Set<String> flags = new LinkedHashSet<>();
            trials.stream().filter(t -> t.cell().equals(c.id())).forEach(t -> {
                flags.addAll(t.flags());
                if (!t.hasNumbers()) {
                    flags.add("trial " + t.trial() + " " + t.outcome());
                }
            });
            Map<String, Map<String, CellStats>> requests = new LinkedHashMap<>();
            for (String r : requestNames(ts)) {
                Map<String, CellStats> metrics = new LinkedHashMap<>();
                for (MetricDef d : METRICS.values()) {
                    if (d.perRequest() != null) {
                        double[] v = values(ts, r, d);
                        if (v.length > 0) {
                            metrics.put(d.key(), CellStats.of(v, noise));
                        }
                    }
                }
                requests.put(r, metrics);
            }
            Map<String, CellStats> whole = new LinkedHashMap<>();
            for (MetricDef d : METRICS.values()) {
                if (d.perTrial() != null) {
                    double[] v = values(ts, null, d);
                    if (v.length > 0) {
                        whole.put(d.key(), CellStats.of(v, noise));
                    }
                }
            }
            if (!whole.isEmpty()) {
                requests.put("*", whole);
            }
            requests.values().forEach(ms -> ms.forEach((k, s) -> {
                if (s.noisy() && List.of("throughput", "p50", "p99", "capacity", "connections").contains(k)) {
                    flags.add("noisy " + k);
                }
            }));
            summaries.add(new CellSummary(c.id(), c.target().name(), c.workload().name(), c.point(),
                    (int) trials.stream().filter(t -> t.cell().equals(c.id())).count(), ts.size(), List.copyOf(flags),
                    requests));
        }
        List<CellComparisonRecord> comparisons = new ArrayList<>();
        ComparisonSettings settings = ComparisonSettings.defaults(seed);
        Map<String, CellSummary> summaryById = new LinkedHashMap<>();
        summaries.forEach(s -> summaryById.put(s.id(), s));
        for (Pair pair : pairs(cells)) {
            compare(pair, byCell, summaryById, settings, comparisons);
        }
        List<Comparison> corrected = Holm.correct(comparisons.stream().map(CellComparisonRecord::comparison).toList());
        List<CellComparisonRecord> out = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            CellComparisonRecord r = comparisons.get(i);
            out.add(new CellComparisonRecord(r.kind(), r.cellA(), r.cellB(), r.request(), r.metric(), r.flags(),
                    corrected.get(i)));
        }
        return new Result(summaries, out);
    }

    private record Pair(String kind, Cell a, Cell b) {
    }

    /**
     * What is compared: on each workload and workload point, every target against the plan's
     * first (at equal target points, which without target sweeps means always); and inside
     * each target x workload x workload point, every point of the target's sweep against its first.
     * Likewise every point of a workload sweep against its first, per target.
     */
    static List<Pair> pairs(List<Cell> cells) {
        List<Pair> pairs = new ArrayList<>();
        String firstTarget = cells.isEmpty() ? null : cells.get(0).target().name();
        for (Cell b : cells) {
            if (b.target().name().equals(firstTarget)) {
                continue;
            }
            for (Cell a : cells) {
                if (a.target().name().equals(firstTarget) && a.workload().name().equals(b.workload().name())
                        && a.workloadPoint().equals(b.workloadPoint()) && a.targetPoint().equals(b.targetPoint())) {
                    pairs.add(new Pair("targets", a, b));
                }
            }
        }
        Map<String, Cell> firstOfGroup = new LinkedHashMap<>();
        for (Cell c : cells) {
            // sweep of the target's settings, at one workload point
            String group = c.target().name() + "|" + c.workload().name() + "|" + c.workloadPoint();
            Cell first = firstOfGroup.putIfAbsent(group, c);
            if (first != null) {
                pairs.add(new Pair("sweep", first, c));
            }
            // sweep of the workload's settings, at one target point
            String wGroup = c.target().name() + "|" + c.workload().name() + "|T" + c.targetPoint();
            Cell wFirst = firstOfGroup.putIfAbsent(wGroup, c);
            if (wFirst != null && !wFirst.workloadPoint().equals(c.workloadPoint())) {
                pairs.add(new Pair("sweep", wFirst, c));
            }
        }
        return pairs;
    }

    private static void compare(Pair pair, Map<String, List<TrialResult>> byCell, Map<String, CellSummary> summaries,
                                ComparisonSettings settings, List<CellComparisonRecord> out) {
        List<TrialResult> a = byCell.get(pair.a().id());
        List<TrialResult> b = byCell.get(pair.b().id());
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        Set<String> flags = new LinkedHashSet<>(summaries.get(pair.a().id()).flags());
        flags.addAll(summaries.get(pair.b().id()).flags());
        Set<String> requests = new LinkedHashSet<>(requestNames(a));
        requests.retainAll(requestNames(b));
        for (String r : requests) {
            for (MetricDef d : METRICS.values()) {
                if (d.compared() && d.perRequest() != null) {
                    add(pair, r, d, values(a, r, d), values(b, r, d), settings, flags, out);
                }
            }
        }
        for (MetricDef d : METRICS.values()) {
            if (d.compared() && d.perTrial() != null) {
                add(pair, "*", d, values(a, null, d), values(b, null, d), settings, flags, out);
            }
        }
    }

    private static void add(Pair pair, String request, MetricDef d, double[] a, double[] b, ComparisonSettings settings,
                            Set<String> flags, List<CellComparisonRecord> out) {
        if (a.length == 0 || b.length == 0) {
            return;
        }
        Comparison c = CellComparison.compare(d.metric(request.equals("*") ? null : request), a, b, settings);
        out.add(new CellComparisonRecord(pair.kind(), pair.a().id(), pair.b().id(), request, d.key(), List.copyOf(flags), c));
    }

    private static Set<String> requestNames(List<TrialResult> ts) {
        Set<String> names = new LinkedHashSet<>();
        ts.forEach(t -> names.addAll(t.requests().keySet()));
        return names;
    }

    /** Every metric's key, as plans, suite.json and the claims registry name them. */
    public static java.util.Set<String> metricKeys() {
        return METRICS.keySet();
    }

    /** Whether the metric is one request's (p50, throughput...) rather than the trial's (capacity, cpu, coldStart...). */
    public static boolean perRequest(String key) {
        return METRICS.get(key).perRequest() != null;
    }

    /** The metric {@code key} of {@code request} (null for a trial-level metric), as comparisons name it. */
    public static Metric metric(String key, String request) {
        return METRICS.get(key).metric(request);
    }

    /**
     * The metric {@code key}'s positive values across {@code trials} (of {@code request} for a per-request
     * metric): what a comparison of two cells is made of.
     */
    public static double[] values(List<TrialResult> trials, String key, String request) {
        MetricDef d = METRICS.get(key);
        return values(trials, d.perRequest() != null ? request : null, d);
    }

    /** A metric's positive values across trials (a zero or missing value cannot be part of a ratio). */
    static double[] values(List<TrialResult> ts, String request, MetricDef d) {
        List<Double> v = new ArrayList<>();
        for (TrialResult t : ts) {
            double x;
            if (request == null) {
                x = d.perTrial().applyAsDouble(t);
            } else {
                TrialResult.Numbers n = t.requests().get(request);
                if (n == null || n.count() == 0) {
                    continue;
                }
                x = d.perRequest().applyAsDouble(n);
            }
            if (Double.isFinite(x) && x > 0) {
                v.add(x);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
