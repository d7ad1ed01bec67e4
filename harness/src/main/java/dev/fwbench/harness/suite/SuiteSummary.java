package dev.fwbench.harness.suite;

import dev.fwbench.harness.stats.BenchstatTable;
import dev.fwbench.harness.stats.CellStats;
import dev.fwbench.harness.stats.Comparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** summary.txt: what suite.json holds, for a reader: per cell the trials' medians and spread, then the comparisons. */
final class SuiteSummary {
    private SuiteSummary() {
    }

    static String text(Plan plan, long seed, String outcome, List<TrialResult> trials, SuiteStatistics.Result stats) {
        StringBuilder sb = new StringBuilder();
        long ok = trials.stream().filter(TrialResult::hasNumbers).count();
        sb.append(String.format("suite %s (%s): %d trials run, %d with numbers, %d per cell planned, seed %d%n", plan.name(),
                outcome, trials.size(), ok, plan.trials(), seed));
        sb.append(String.format("latencies in ms from the intended start (HdrHistogram), medians across trials; "
                + "CV = coefficient of variation across trials (noisy above %.0f %%)%n", plan.noiseLimitPct()));
        for (TrialResult t : trials) {
            if (!t.hasNumbers()) {
                sb.append(String.format("  trial %d (%s, #%d): %s: %s%n", t.order(), t.cell(), t.trial(), t.outcome(),
                        t.reason()));
            }
        }
        for (SuiteStatistics.CellSummary c : stats.cells()) {
            sb.append(String.format("%n%s  (%d of %d trials with numbers)%s%n", c.id(), c.trialsWithNumbers(), c.trials(),
                    c.flags().isEmpty() ? "" : "  [" + String.join("; ", c.flags()) + "]"));
            sb.append(String.format("  %-24s %12s %10s %10s %10s %10s %8s%n", "request", "req/s", "p50", "p90", "p99",
                    "p99.9", "CV req/s"));
            c.requests().forEach((request, m) -> {
                if (request.equals("*")) {
                    return;
                }
                sb.append(String.format(Locale.ROOT, "  %-24s %12s %10s %10s %10s %10s %8s%n", request, med(m, "throughput", "%.1f"),
                        med(m, "p50", "%.3f"), med(m, "p90", "%.3f"), med(m, "p99", "%.3f"), med(m, "p999", "%.3f"),
                        m.containsKey("throughput") && m.get("throughput").cv() != null
                                ? String.format(Locale.ROOT, "%.1f %%", m.get("throughput").cv() * 100) : "-"));
            });
            Map<String, CellStats> whole = c.requests().get("*");
            if (whole != null) {
                sb.append(String.format(Locale.ROOT, "  app CPU %s CPU-s per 1,000 requests, peak memory %s MiB%n",
                        med(whole, "cpu", "%.3f"), med(whole, "memory", "%.0f")));
                // a search's and a footprint's numbers: one line each, median across trials with its range
                whole.forEach((k, st) -> {
                    if (!k.equals("cpu") && !k.equals("memory")) {
                        sb.append(String.format(Locale.ROOT, "  %s %s %s (trials %s to %s)%n", k, trim(st.median()),
                                SuiteStatistics.METRICS.get(k).unit(), trim(st.min()), trim(st.max())));
                    }
                });
            }
        }
        Map<String, List<SuiteStatistics.CellComparisonRecord>> groups = new LinkedHashMap<>();
        for (SuiteStatistics.CellComparisonRecord r : stats.comparisons()) {
            groups.computeIfAbsent(r.cellA() + " -> " + r.cellB(), k -> new ArrayList<>()).add(r);
        }
        if (!groups.isEmpty()) {
            sb.append(String.format("%nComparisons: B/A as a Hodges-Lehmann ratio with its exact confidence interval, "
                    + "exact Mann-Whitney p, Holm-adjusted over the %d comparisons of the suite%n",
                    stats.comparisons().size()));
        }
        groups.forEach((pair, records) -> {
            SuiteStatistics.CellComparisonRecord first = records.get(0);
            sb.append(String.format("%n%s (%s)%s%s%n", pair, first.kind(), first.flags().isEmpty() ? ""
                    : "  [" + String.join("; ", first.flags()) + "]", first.trustworthy() ? ""
                    : "  ** UNTRUSTWORTHY: an injector was saturated, the ratios may be its own **"));
            List<Comparison> cs = records.stream().map(SuiteStatistics.CellComparisonRecord::comparison).toList();
            for (String line : BenchstatTable.lines("A: " + first.cellA(), "B: " + first.cellB(), cs)) {
                sb.append("  ").append(line).append('\n');
            }
        });
        return sb.toString();
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String med(Map<String, CellStats> m, String key, String format) {
        CellStats s = m.get(key);
        return s == null ? "-" : String.format(Locale.ROOT, format, s.median());
    }
}
