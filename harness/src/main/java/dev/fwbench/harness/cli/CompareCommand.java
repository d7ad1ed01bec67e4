package dev.fwbench.harness.cli;

import dev.fwbench.harness.stats.BenchstatTable;
import dev.fwbench.harness.suite.SuiteComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench compare A B}: two suites of the same plan, benchstat style. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Compare two suites of the same plan (before and after a change, yesterday and today): for every "
                + "cell, request and metric, A, B, the ratio B/A with its exact 95 %% confidence interval, p (Holm-adjusted "
                + "over the whole comparison) and a verdict; '~' when no difference is detected."},
        footer = {"", "Exit codes: 0 pass (or inconclusive: too few trials to decide), 1 a gated metric significantly worse "
                + "by more than --fail-on, 2 bad input.",
            "", "Examples:",
            "  ./bench compare results/runs/20261201T020000Z-nightly results/runs/20261202T020000Z-nightly",
            "  ./bench compare A B --fail-on 10%%"})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE_A", description = "the baseline suite directory")
    Path a;

    @Parameters(index = "1", paramLabel = "SUITE_B", description = "the suite compared with it")
    Path b;

    @Option(names = "--fail-on", paramLabel = "PCT", description = "exit 1 when a gated metric (the plan's gate) is "
            + "significantly worse by more than this, e.g. 10%%")
    String failOn;

    @Override
    public Integer call() {
        Double threshold = failOn == null ? null : Percent.parse("--fail-on", failOn);
        SuiteComparison.Result result = SuiteComparison.compare(a, b, threshold);
        Map<String, List<SuiteComparison.Row>> byCell = new LinkedHashMap<>();
        result.rows().forEach(r -> byCell.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r));
        System.out.printf("A: %s%nB: %s%n", a, b);
        byCell.forEach((cell, rows) -> {
            System.out.printf("%n%s%n", cell);
            for (String line : BenchstatTable.lines("A", "B", rows.stream().map(SuiteComparison.Row::comparison).toList())) {
                System.out.println("  " + line);
            }
        });
        System.out.printf("%n%s: %s%n", result.decision(), result.reason());
        return result.decision().equals("fail") ? 1 : 0;
    }
}
