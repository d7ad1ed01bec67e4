package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.stats.GateDecision;
import dev.fwbench.harness.stats.GateDecision.Outcome;
import dev.fwbench.harness.stats.GateSettings;
import dev.fwbench.harness.stats.GateTable;
import dev.fwbench.harness.stats.RegressionGate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench gate}: tonight's suite against the history of the same plan on the same machine
 * class ({@link NightHistory}), every gated metric of every cell and request judged by
 * {@link RegressionGate} (the statistics live there: baseline median and scaled MAD of the last
 * N nights' medians, the exact Mann-Whitney test of tonight's trials against them, the effect
 * threshold, k MAD). Where a metric meets every condition of a failure, the affected cells are
 * run again ({@link Confirmation}: a suite given with {@code --confirm}, or a re-run of just
 * those cells through the suite runner with {@code --rerun}) and it fails only if the re-run
 * agrees. Beside the verdicts, each cell's trials: how many broke an SLO (the drivers' own
 * assertions: Gatling's, {@code bench load}'s exit 3) or failed.
 *
 * <p>The night's outcome, and the exit code {@code bench gate} returns:
 * <ul>
 * <li>FAIL (1): a metric failed, confirmed by the re-run;
 * <li>CONFIRMATION_NEEDED (3): a metric needs a confirming re-run and none was given;
 * <li>WARN (0): a metric worse by more than the threshold without all the conditions, a
 *     failure the re-run did not confirm, an SLO broken or a trial failed;
 * <li>PASS (0): everything judged passed (cells without enough history are listed as
 *     inconclusive beside it);
 * <li>INCONCLUSIVE (0): nothing could be judged: too short a history, too few trials.
 * </ul>
 */
public final class NightlyGate {

    public static final String SCHEMA = "fwbench-gate/1";

    /** One judged metric: a cell, a request name ("*" for cpu and memory), the metric's key, the decision. */
    public record Row(String cell, String request, String metric, GateDecision decision) {
    }

    /** A cell's trials tonight: how many measured, broke an SLO, failed, with the flags and the drivers' reasons. */
    public record CellTrials(String cell, int trials, int withNumbers, int sloBroken, int failed, List<String> flags,
                             List<String> reasons) {
    }

    /**
     * What the gate compared and decided; written as {@code gate.json} beside suite.json and into
     * tonight's night of the history. {@code history}: the machine's folder in the history
     * ({@code amd64/2cpu-...}); {@code nights}: the suites of the baseline, oldest first (each
     * row uses the last {@code settings.window} of those that measured it).
     */
    public record Report(String schema, String plan, String tonight, MachineClass machine, String history, List<String> nights,
                         GateSettings settings, List<String> metrics, String confirmSuite, List<Row> rows,
                         List<CellTrials> trials, Outcome outcome, String reason, List<String> notes) {

        /** 1 fail, 3 a re-run is needed to decide, 0 otherwise (pass, warn, inconclusive). */
        public int exitCode() {
            return outcome == Outcome.FAIL ? 1 : outcome == Outcome.CONFIRMATION_NEEDED ? 3 : 0;
        }
    }

    /** Where the numbers of a confirming re-run come from: the suite directory holding the re-run of {@code cells}. */
    @FunctionalInterface
    public interface Confirmation {
        Path suiteFor(Set<String> cells);

        /** A re-run already made ({@code --confirm SUITE}). */
        static Confirmation given(Path suite) {
            return cells -> suite;
        }

        /**
         * The gate runs it ({@code --rerun}): tonight's plan (its plan.yaml) narrowed to the
         * targets and workloads of the affected cells, as plan {@code <plan>-confirm}, through
         * the suite runner; the same trials per cell, a new seed.
         */
        static Confirmation rerun(BenchHome home, Path tonight) {
            return cells -> {
                Path planFile = tonight.resolve("plan.yaml");
                Plan p = Plan.parse(LocatedYaml.read(planFile, planFile.toString()));
                Set<String> targets = new LinkedHashSet<>();
                Set<String> workloads = new LinkedHashSet<>();
                for (JsonNode c : SuiteComparison.suiteJson(tonight).path("cells")) {
                    if (cells.contains(c.path("id").asText())) {
                        targets.add(c.path("target").asText());
                        workloads.add(c.path("workload").asText());
                    }
                }
                Plan narrowed = p.with(null, null, List.copyOf(workloads), List.copyOf(targets));
                Plan confirm = new Plan(p.name() + "-confirm", "the gate's confirming re-run of " + String.join(", ", cells)
                        + " (tonight: " + tonight.getFileName() + ")", narrowed.trials(), null, narrowed.noiseLimitPct(),
                        narrowed.freshTargets(), narrowed.targets(), narrowed.workloads(), narrowed.gateMetrics(),
                        narrowed.gateThresholdPct());
                return SuiteRunner.create(home, confirm).run();
            };
        }
    }

    private NightlyGate() {
    }

    /**
     * Judges the suite in {@code tonight} against the history under {@code historyRoot}.
     *
     * @param metrics      the metric keys to gate (throughput, p50, p99...); null: the plan's gate metrics
     * @param confirmation where a confirming re-run comes from; null: none (a metric that needs one leaves the
     *                     night CONFIRMATION_NEEDED)
     */
    public static Report judge(Path tonight, Path historyRoot, GateSettings settings, List<String> metrics,
                               Confirmation confirmation) {
        Night night = Night.of(tonight);
        List<String> gated = metrics == null || metrics.isEmpty() ? night.gateMetrics() : metrics;
        for (String m : gated) {
            if (!SuiteStatistics.METRICS.containsKey(m)) {
                throw new BenchException("unknown gate metric '" + m + "': use " + String.join(", ", SuiteStatistics.METRICS.keySet()));
            }
        }
        List<String> notes = new ArrayList<>();
        List<Night> history = new ArrayList<>();
        for (Night n : NightHistory.read(historyRoot, night.machine(), night.plan())) {
            // never tonight itself (gated again after --append), nor a night after it (an old suite gated late)
            if (!n.suite().equals(night.suite()) && NightHistory.start(n).isBefore(NightHistory.start(night))) {
                history.add(n);
            }
        }
        for (String other : NightHistory.otherMachines(historyRoot, night.machine())) {
            notes.add("not compared: the history's nights of another machine class, " + other);
        }
        if (!"completed".equals(night.outcome())) {
            notes.add("tonight's suite is " + night.outcome() + ", not completed: its cells are judged on the trials it has");
        }

        RegressionGate gate = new RegressionGate(settings);
        List<TrialResult> trials = SuiteComparison.allTrials(tonight);
        List<Row> rows = new ArrayList<>();
        for (String cell : night.cells().keySet()) {
            List<TrialResult> measured = trials.stream().filter(t -> t.cell().equals(cell) && t.hasNumbers()).toList();
            for (String request : night.cells().get(cell).requests().keySet()) {
                for (String key : gated) {
                    SuiteStatistics.MetricDef d = SuiteStatistics.METRICS.get(key);
                    if ((d.perRequest() == null) != request.equals("*")) {
                        continue; // cpu and memory are the trial's ("*"), the rest the request's
                    }
                    double[] values = SuiteStatistics.values(measured, perRequest(request), d);
                    if (values.length == 0) {
                        notes.add(cell + ": no " + key + " measured tonight" + (request.equals("*") ? "" : " for " + request));
                        continue;
                    }
                    rows.add(new Row(cell, request, key,
                            gate.decide(d.metric(perRequest(request)), baseline(history, cell, request, key), values)));
                }
            }
        }

        String confirmSuite = null;
        Set<String> toConfirm = new LinkedHashSet<>();
        rows.stream().filter(r -> r.decision().outcome() == Outcome.CONFIRMATION_NEEDED).forEach(r -> toConfirm.add(r.cell()));
        if (!toConfirm.isEmpty() && confirmation != null) {
            Path rerun = confirmation.suiteFor(toConfirm);
            confirmSuite = rerun.toAbsolutePath().normalize().getFileName().toString();
            Map<String, List<TrialResult>> again = SuiteComparison.trials(rerun);
            List<Row> confirmed = new ArrayList<>();
            for (Row r : rows) {
                if (r.decision().outcome() != Outcome.CONFIRMATION_NEEDED) {
                    confirmed.add(r);
                    continue;
                }
                SuiteStatistics.MetricDef d = SuiteStatistics.METRICS.get(r.metric());
                double[] values = SuiteStatistics.values(again.getOrDefault(r.cell(), List.of()), perRequest(r.request()), d);
                GateDecision decided = values.length == 0
                        ? gate.unconfirmed(r.decision(), "the re-run " + confirmSuite + " has no numbers for " + r.cell())
                        : gate.confirm(r.decision(), baseline(history, r.cell(), r.request(), r.metric()), values);
                confirmed.add(new Row(r.cell(), r.request(), r.metric(), decided));
            }
            rows = confirmed;
        }

        List<CellTrials> cellTrials = new ArrayList<>();
        night.cells().forEach((id, c) -> {
            List<String> reasons = new ArrayList<>(trials.stream()
                    .filter(t -> t.cell().equals(id) && !t.outcome().equals("ok") && t.reason() != null)
                    .map(t -> "trial " + t.trial() + " " + t.outcome() + ": " + t.reason()).toList());
            cellTrials.add(new CellTrials(id, c.trials(), c.trialsWithNumbers(), c.sloBroken(), c.failed(), c.flags(), reasons));
        });
        return decide(night, settings, gated, history, confirmSuite, rows, cellTrials, notes);
    }

    /** One value per night that measured it, oldest first: that night's median. */
    private static double[] baseline(List<Night> history, String cell, String request, String metric) {
        return history.stream().map(n -> n.median(cell, request, metric)).filter(v -> v != null && v > 0)
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The request name a metric is read for: null for the trial's own ("*": cpu, memory). */
    private static String perRequest(String request) {
        return request.equals("*") ? null : request;
    }

    /** The night's outcome from its rows and trials (the rules in the class comment). */
    private static Report decide(Night night, GateSettings settings, List<String> gated, List<Night> history, String confirmSuite,
                                 List<Row> rows, List<CellTrials> cellTrials, List<String> notes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        rows.forEach(r -> counts.merge(r.decision().outcome(), 1, Integer::sum));
        int slo = cellTrials.stream().mapToInt(CellTrials::sloBroken).sum();
        int failed = cellTrials.stream().mapToInt(CellTrials::failed).sum();
        Outcome outcome;
        if (counts.containsKey(Outcome.FAIL)) {
            outcome = Outcome.FAIL;
        } else if (counts.containsKey(Outcome.CONFIRMATION_NEEDED)) {
            outcome = Outcome.CONFIRMATION_NEEDED;
        } else if (counts.containsKey(Outcome.WARN) || slo > 0 || failed > 0) {
            outcome = Outcome.WARN;
        } else if (counts.containsKey(Outcome.PASS)) {
            outcome = Outcome.PASS;
        } else {
            outcome = Outcome.INCONCLUSIVE;
        }
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            if (counts.containsKey(o)) {
                parts.add(counts.get(o) + " " + GateTable.word(o));
            }
        }
        String reason = (rows.isEmpty() ? "nothing judged" : String.join(", ", parts) + " of " + rows.size() + " metrics")
                + (slo > 0 ? "; " + slo + (slo == 1 ? " trial" : " trials") + " broke an SLO" : "")
                + (failed > 0 ? "; " + failed + (failed == 1 ? " trial" : " trials") + " failed" : "")
                + (outcome == Outcome.CONFIRMATION_NEEDED ? "; run the affected cells again and pass that suite with --confirm, "
                        + "or let the gate do it with --rerun" : "");
        return new Report(SCHEMA, night.plan(), night.suite(), night.machine(), night.machine().folder(),
                history.stream().map(Night::suite).toList(), settings, gated, confirmSuite, rows, cellTrials, outcome, reason,
                notes);
    }

    /** Writes the report beside tonight's suite.json: gate.txt ({@code text}) and gate.json; returns both paths. */
    public static List<Path> write(Path tonight, Report report, List<String> text) {
        Path txt = tonight.resolve("gate.txt");
        Path json = tonight.resolve("gate.json");
        try {
            AtomicWrite.text(txt, String.join("\n", text) + "\n");
            AtomicWrite.with(json, tmp -> SuiteRunner.JSON.writeValue(tmp.toFile(), report));
        } catch (IOException e) {
            throw new BenchException("cannot write the gate's report into " + tonight + ": " + e.getMessage());
        }
        return List.of(txt, json);
    }

    /** The effect threshold (%) tonight's plan set in its gate (suite.json gate.thresholdPct), 10 when it set none. */
    public static double planThresholdPct(Path tonight) {
        double pct = SuiteComparison.suiteJson(tonight).path("gate").path("thresholdPct").asDouble(10);
        return pct > 0 ? pct : 10;
    }

    /** The report as a reader sees it: what was compared, the table, the trials and SLOs, the outcome. */
    public static List<String> text(Report r) {
        List<String> out = new ArrayList<>();
        out.add("gate: " + r.tonight() + " (plan " + r.plan() + "; " + r.machine() + ")");
        out.add("baseline: " + (r.nights().isEmpty() ? "no earlier night" : r.nights().size() + (r.nights().size() == 1 ? " night" : " nights")
                + " in " + r.history() + "/, " + r.nights().get(0) + " .. " + r.nights().get(r.nights().size() - 1))
                + "; gated metrics: " + String.join(", ", r.metrics()));
        if (r.confirmSuite() != null) {
            out.add("confirming re-run: " + r.confirmSuite());
        }
        out.add("");
        // a cell whose trials saturated the injector is marked: its latencies may be the injector's own queueing
        Set<String> saturated = new LinkedHashSet<>();
        r.trials().stream().filter(c -> c.flags().contains(SuiteStatistics.SATURATED)).forEach(c -> saturated.add(c.cell()));
        List<GateTable.Line> lines = r.rows().stream()
                .map(x -> new GateTable.Line(x.cell() + (saturated.contains(x.cell()) ? " (!)" : ""), x.decision())).toList();
        out.addAll(GateTable.lines(lines, r.settings()));
        if (!saturated.isEmpty()) {
            out.add("(!) = the injector was saturated in a trial of the cell tonight: its latencies may hold the injector's own queueing");
        }
        out.add("");
        out.add("trials and SLOs (the drivers' assertions):");
        for (CellTrials c : r.trials()) {
            out.add("  " + c.cell() + ": " + c.withNumbers() + " of " + c.trials() + " trials measured"
                    + (c.sloBroken() > 0 ? ", SLO broken in " + c.sloBroken() : ", SLOs kept")
                    + (c.failed() > 0 ? ", " + c.failed() + " failed" : "")
                    + (c.flags().isEmpty() ? "" : "; flags: " + String.join(", ", c.flags())));
            c.reasons().forEach(reason -> out.add("    " + reason));
        }
        r.notes().forEach(n -> out.add("note: " + n));
        out.add("");
        out.add("outcome: " + GateTable.word(r.outcome()).toUpperCase(Locale.ROOT) + " (" + r.reason() + "); exit " + r.exitCode());
        return out;
    }
}
