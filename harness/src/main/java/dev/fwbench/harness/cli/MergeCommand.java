package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.shards.ClockOffset;
import dev.fwbench.harness.shards.ShardMerge;
import dev.fwbench.harness.suite.SuiteMerge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench merge DIR...}: the shards of one run (or of one suite) made into one. */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Merge the shards of one run into one run directory of the normal layout (run.json, "
                + "hdr/<scenario>/<target>/*.hlog, summary.json), losslessly: every interval histogram of every shard "
                + "re-aligned on the reference clock and added, counts summed, percentiles from the merged histograms "
                + "only. Shards of a suite ('bench run --shard') are merged trial by trial into a suite whose suite.json "
                + "is recomputed. A shard that fell behind (under 95 %% of its share, CPU or lag saturated, a late start, "
                + "a clock off by more than the bound) marks the merged run invalid, with the reason. The merged directory gets "
                + "its report.html, as a run does."},
        footer = {"", "Exit codes: 0 merged and valid, 4 merged but invalid (run.json says why), 2 bad input (nothing "
                + "written).",
            "", "Examples:",
            "  ./bench merge results/runs/*-shard-1-LeanLoad results/runs/*-shard-2-LeanLoad results/runs/*-shard-3-LeanLoad",
            "  ./bench merge /results/shard-1 /results/shard-2 --out /results/merged --clock-bound-ms 5"})
public final class MergeCommand implements Callable<Integer> {
    /** Exit code of a merge that wrote an invalid run. */
    public static final int INVALID = 4;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "the shards' run directories (or suite directories), "
            + "one per shard")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "where the merged run goes (default: beside the first, "
            + "named after the start instant)")
    Path out;

    @Option(names = "--clock-bound-ms", paramLabel = "MS", description = "how far a shard's clock may be from the "
            + "reference, its measurement error included (default: ${DEFAULT-VALUE})")
    double clockBoundMs = ClockOffset.DEFAULT_BOUND_MS;

    @Override
    public Integer call() {
        if (!(clockBoundMs > 0 && clockBoundMs <= 60_000)) {
            throw new BenchException("--clock-bound-ms must be in (0, 60000] (got " + clockBoundMs + ")");
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new BenchException(d + " is not a directory: give the shards' run directories");
            }
        }
        boolean suites = dirs.stream().allMatch(d -> Files.isRegularFile(d.resolve("suite.json")));
        if (suites) {
            SuiteMerge.Result r = SuiteMerge.merge(dirs, out != null ? out : SuiteMerge.defaultOut(dirs), clockBoundMs);
            r.invalid().forEach(reason -> System.err.println("INVALID: " + reason));
            HtmlReport.writeAfterRun(r.dir());
            System.out.println(r.dir());
            return r.invalid().isEmpty() ? 0 : INVALID;
        }
        ShardMerge.Result r = ShardMerge.merge(dirs, out != null ? out : ShardMerge.defaultOut(dirs), clockBoundMs);
        for (LatencySummary s : r.summaries()) {
            System.err.println();
            System.err.print(s.toText());
        }
        if (!r.valid()) {
            System.err.println();
            r.invalidReasons().forEach(reason -> System.err.println("INVALID: " + reason));
        }
        HtmlReport.writeAfterRun(r.dir());
        System.out.println(r.dir());
        return r.valid() ? 0 : INVALID;
    }
}
