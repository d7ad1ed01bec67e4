package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.stats.CellComparison;
import dev.fwbench.harness.stats.Comparison;
import dev.fwbench.harness.stats.ComparisonSettings;
import dev.fwbench.harness.stats.Holm;
import dev.fwbench.harness.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two suites of the same plan, cell by cell ({@code bench compare}): before and after a
 * change, yesterday and today. Every compared metric of every request the two have in
 * common, B against A, with the statistics of the runner (Hodges-Lehmann ratio, exact CI and
 * p, Holm over all of them), and a decision for {@code --fail-on}.
 */
public final class SuiteComparison {

    /** One row: a cell, a request, a metric, and what the trials say. {@code gated}: a metric the plan's gate watches. */
    public record Row(String cell, String request, String metric, boolean gated, Comparison comparison) {
    }

    /** @param decision "pass", "fail" (a gated metric significantly worse by more than the threshold) or "inconclusive" */
    public record Result(List<Row> rows, String decision, String reason) {
    }

    private SuiteComparison() {
    }

    static Map<String, List<TrialResult>> trials(Path suite) {
        Map<String, List<TrialResult>> byCell = new LinkedHashMap<>();
        for (TrialResult r : allTrials(suite)) {
            if (r.hasNumbers()) {
                byCell.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r);
            }
        }
        return byCell;
    }

    /** Every trial a suite's suite.json records, with numbers or not, in the order they ran. */
    static List<TrialResult> allTrials(Path suite) {
        JsonNode s = suiteJson(suite);
        List<TrialResult> all = new ArrayList<>();
        try {
            for (JsonNode t : s.path("trials")) {
                all.add(SuiteRunner.JSON.treeToValue(t, TrialResult.class));
            }
        } catch (IOException e) {
            throw new BenchException("cannot read the trials of " + suite.resolve("suite.json") + ": " + e.getMessage());
        }
        return all;
    }

    /** A suite directory's suite.json, read; a directory without one is refused with the way out. */
    static JsonNode suiteJson(Path suite) {
        return json(suite, "suite.json");
    }

    /** The JSON file {@code name} of a suite directory (suite.json, run.json), read; refused with the way out when missing. */
    static JsonNode json(Path suite, String name) {
        Path file = suite.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new BenchException(suite + " has no " + name + ": give a directory 'bench run' wrote");
        }
        try {
            return SuiteRunner.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static List<String> gate(Path suite) {
        try {
            JsonNode s = SuiteRunner.JSON.readTree(suite.resolve("suite.json").toFile());
            List<String> m = new ArrayList<>();
            s.path("gate").path("metrics").forEach(x -> m.add(x.asText()));
            return m.isEmpty() ? List.of("throughput", "p99") : m;
        } catch (IOException e) {
            return List.of("throughput", "p99");
        }
    }

    /**
     * @param failOnPct a gated metric worse by more than this (%) and significant fails the comparison; null: never
     */
    public static Result compare(Path a, Path b, Double failOnPct) {
        Map<String, List<TrialResult>> ta = trials(a);
        Map<String, List<TrialResult>> tb = trials(b);
        List<String> gated = gate(b);
        Set<String> cells = new LinkedHashSet<>(ta.keySet());
        cells.retainAll(tb.keySet());
        if (cells.isEmpty()) {
            throw new BenchException(a + " and " + b + " have no cell in common: compare two suites of the same plan");
        }
        List<Row> rows = new ArrayList<>();
        ComparisonSettings settings = ComparisonSettings.defaults(1);
        for (String cell : cells) {
            Set<String> requests = new LinkedHashSet<>();
            ta.get(cell).forEach(t -> requests.addAll(t.requests().keySet()));
            Set<String> inB = new LinkedHashSet<>();
            tb.get(cell).forEach(t -> inB.addAll(t.requests().keySet()));
            requests.retainAll(inB);
            for (String r : requests) {
                for (SuiteStatistics.MetricDef d : SuiteStatistics.METRICS.values()) {
                    if (d.compared() && d.perRequest() != null) {
                        row(rows, cell, r, d, SuiteStatistics.values(ta.get(cell), r, d), SuiteStatistics.values(tb.get(cell), r, d), gated, settings);
                    }
                }
            }
            for (SuiteStatistics.MetricDef d : SuiteStatistics.METRICS.values()) {
                if (d.compared() && d.perTrial() != null) {
                    row(rows, cell, "*", d, SuiteStatistics.values(ta.get(cell), null, d), SuiteStatistics.values(tb.get(cell), null, d), gated, settings);
                }
            }
        }
        List<Comparison> corrected = Holm.correct(rows.stream().map(Row::comparison).toList());
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(new Row(r.cell(), r.request(), r.metric(), r.gated(), corrected.get(i)));
        }
        return decide(out, failOnPct);
    }

    private static Result decide(List<Row> rows, Double failOnPct) {
        List<String> worse = new ArrayList<>();
        boolean undecidable = false;
        for (Row r : rows) {
            if (!r.gated()) {
                continue;
            }
            Comparison c = r.comparison();
            double change = c.metric().direction() == dev.fwbench.harness.stats.Direction.BIGGER_IS_BETTER
                    ? 1 - c.ratio() : c.ratio() - 1;
            if (c.verdict() == Verdict.WORSE && failOnPct != null && change * 100 > failOnPct) {
                worse.add(String.format("%s %s %s %+.1f %%", r.cell(), r.request(), r.metric(),
                        (c.ratio() - 1) * 100));
            }
            undecidable |= c.verdict() == Verdict.TOO_FEW_TRIALS;
        }
        if (failOnPct == null) {
            return new Result(rows, "pass", "no --fail-on threshold given");
        }
        if (!worse.isEmpty()) {
            return new Result(rows, "fail", "significantly worse by more than " + failOnPct + " %: " + String.join("; ", worse));
        }
        if (undecidable) {
            return new Result(rows, "inconclusive", "too few trials to decide (see the verdicts): not failing");
        }
        return new Result(rows, "pass", "no gated metric significantly worse by more than " + failOnPct + " %");
    }

    private static void row(List<Row> rows, String cell, String request, SuiteStatistics.MetricDef d, double[] a, double[] b,
                            List<String> gated, ComparisonSettings settings) {
        if (a.length == 0 || b.length == 0) {
            return;
        }
        rows.add(new Row(cell, request, d.key(), gated.contains(d.key()),
                CellComparison.compare(d.metric(request.equals("*") ? null : request), a, b, settings)));
    }
}
