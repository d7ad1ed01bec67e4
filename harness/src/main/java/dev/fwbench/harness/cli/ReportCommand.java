package dev.fwbench.harness.cli;

import dev.fwbench.harness.report.Difference;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.suite.SuiteComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bench report DIR [DIR...]}: the HTML report of runs and suites, written into the first. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Write report.html into the first directory: one self-contained page (charts, data and styles "
                + "inside it; opens from disk with no network) with the headline table (medians, ratios with their "
                + "confidence intervals and verdicts from suite.json), percentile spectra, latency over time, sweeps, "
                + "resources, WebSocket spectra and provenance.",
            "Takes a suite ('bench run'), a single run ('bench load', a Gatling simulation, the JMH jar), or several: "
                + "their charts are overlaid, and two suites of one plan are compared before / after (B against A) as "
                + "'bench compare' does. 'bench run', 'bench load' and every Gatling simulation write it by themselves at the end."},
        footer = {"", "Examples:",
            "  ./bench report results/runs/20261202T100000Z-quick",
            "  ./bench report results/runs/<before>-nightly results/runs/<after>-nightly    # into <before>/report.html"})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run or suite directories; the report goes into the first")
    List<Path> dirs;

    @Override
    public Integer call() {
        List<Difference> differences = new ArrayList<>();
        if (dirs.size() == 2 && dirs.stream().allMatch(d -> Files.isRegularFile(d.resolve("suite.json")))) {
            // two suites: before / after with the statistics of 'bench compare', B against A; the page only shows them
            SuiteComparison.compare(dirs.get(0), dirs.get(1), null).rows().forEach(r -> differences.add(
                    new Difference(r.cell(), r.request(), r.metric(), r.gated(), r.comparison())));
        }
        Path file = HtmlReport.write(dirs, differences);
        System.out.println(file);
        return 0;
    }
}
