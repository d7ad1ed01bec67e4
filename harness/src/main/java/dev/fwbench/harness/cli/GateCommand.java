package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.stats.GateSettings;
import dev.fwbench.harness.suite.ActionBenchmarkJson;
import dev.fwbench.harness.suite.Night;
import dev.fwbench.harness.suite.NightHistory;
import dev.fwbench.harness.suite.NightlyGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench gate SUITE --history DIR}: tonight against the last nights on this machine class. */
@Command(name = "gate",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"The nightly regression gate: tonight's suite against the last nights on this machine class.",
            "The baseline is the last nights of the same plan on the same machine class (architecture, CPU model, cores; "
                + "the history keeps each in <history>/<arch>/<cores>cpu-<cpu model>/). Each gated metric of each cell fails only when tonight is "
                + "significantly different (exact Mann-Whitney, tonight's trials against the nights' medians), worse by "
                + "more than the threshold and than k times the baseline's MAD, and a confirming re-run of the affected "
                + "cells agrees; worse by more than the threshold without all of that is a warning; too short a history "
                + "is inconclusive. Prints the table of what was compared and why it was decided, with each cell's "
                + "SLO outcome, and writes it as SUITE/gate.txt and SUITE/gate.json."},
        footer = {"", "Exit codes: 0 pass, warn or inconclusive; 1 fail (confirmed by the re-run); 2 bad input (no "
                + "suite, a history of another machine in this machine's folder, bad options); 3 a re-run is needed to "
                + "decide and neither --rerun nor --confirm was given.",
            "", "Examples:",
            "  ./bench gate SUITE --history bench-results/history --rerun --append",
            "  ./bench gate SUITE --history H --confirm CONFIRMING_SUITE",
            "  ./bench gate SUITE --history H --window 7 --threshold 5%% --metrics p50,p99 --action-benchmark out/"})
public final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "tonight's suite directory ('bench run' wrote it)")
    Path suite;

    @Option(names = "--history", required = true, paramLabel = "DIR",
            description = "the history's root: <arch>/<machine class>/ folders of nights (fwbench-night/1 files)")
    Path history;

    @Option(names = "--append", description = "after judging, write tonight (its summary and this decision) into the history")
    boolean append;

    @ArgGroup(exclusive = true)
    ConfirmFrom confirm;

    /** Where the confirming re-run comes from: one or the other, or neither (exit 3 when one is needed). */
    static final class ConfirmFrom {
        @Option(names = "--rerun", description = "run the affected cells again through the suite runner (tonight's plan.yaml, "
                + "narrowed to their targets and workloads) and judge the re-run")
        boolean rerun;

        @Option(names = "--confirm", paramLabel = "SUITE", description = "a suite that re-ran the affected cells")
        Path suite;
    }

    @Option(names = "--window", paramLabel = "NIGHTS", defaultValue = "14", description = "baseline: the last NIGHTS nights (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--min-nights", paramLabel = "NIGHTS", defaultValue = "5", description = "judge from this many nights on; fewer: inconclusive (default: ${DEFAULT-VALUE})")
    int minimumNights;

    @Option(names = "--threshold", paramLabel = "PCT", description = "effect threshold (default: the plan's gate threshold, 10%% unless it says otherwise)")
    String threshold;

    @Option(names = "--mad", paramLabel = "K", defaultValue = "3", description = "a regression must also exceed K times the baseline's scaled MAD (default: ${DEFAULT-VALUE})")
    double mad;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "significance level of the exact test (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--metrics", paramLabel = "METRICS", split = ",", description = "metrics to gate (default: the plan's gate metrics): throughput, p50, p90, p99, p999, max, cpu, memory")
    List<String> metrics;

    @Option(names = "--action-benchmark", paramLabel = "DIR", description = "also write github-action-benchmark's custom JSON "
            + "(" + ActionBenchmarkJson.BIGGER + ", " + ActionBenchmarkJson.SMALLER + ") into DIR")
    Path actionBenchmark;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(suite.resolve("suite.json"))) {
            throw new BenchException(suite + " has no suite.json: give the suite directory 'bench run' wrote");
        }
        Night tonight = Night.of(suite);
        double thresholdPct = threshold != null ? Percent.parse("--threshold", threshold) : NightlyGate.planThresholdPct(suite);
        GateSettings settings = new GateSettings(window, minimumNights, thresholdPct / 100, mad, alpha);
        if (append) {
            Files.createDirectories(history); // the first night starts the history
        }
        NightlyGate.Confirmation confirmation = confirm == null ? null
                : confirm.rerun ? NightlyGate.Confirmation.rerun(BenchHome.locate(), suite)
                : NightlyGate.Confirmation.given(confirm.suite);
        NightlyGate.Report report = NightlyGate.judge(suite, history, settings, metrics, confirmation);

        List<String> text = NightlyGate.text(report);
        text.forEach(System.out::println);
        System.out.println("written: " + NightlyGate.write(suite, report, text));
        if (actionBenchmark != null) {
            System.out.println("github-action-benchmark: " + ActionBenchmarkJson.write(suite, actionBenchmark));
        }
        if (append) {
            if ("completed".equals(tonight.outcome())) {
                System.out.println("appended to the history: " + NightHistory.append(history, tonight.withGate(report)));
            } else {
                Console.warn("not appended to the history: the suite is %s, not completed (a partial night would weigh as a whole one)",
                        tonight.outcome());
            }
        }
        return report.exitCode();
    }
}
