package dev.fwbench.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks.jar [JMH options]}: JMH's own command line, plus a run
 * directory. Every option JMH takes works as usual ({@code -p target=nestjs}, {@code -wi},
 * {@code -f}, a benchmark regexp...); on top, the run gets {@code results/runs/<id>-jmh/}
 * with JMH's JSON result in {@code jmh/}, sample-time percentiles converted to the
 * harness's latency summary format, the targets' logs and their {@code /health}.
 */
public final class BenchmarksMain {
    private BenchmarksMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("error: " + e.getMessage() + " (java -jar benchmarks.jar -h lists the options)");
            System.exit(2);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Path runDir = RunLocation.runDirectory();
        try {
            Collection<RunResult> results = run(cli, runDir);
            System.out.println();
            System.out.println("Results: " + runDir.toAbsolutePath());
            if (results.isEmpty()) {
                System.err.println("error: no benchmark ran (check the benchmark regexp and -p values)");
                System.exit(2);
            }
        } catch (RunnerException e) {
            System.err.println("error: " + e.getMessage() + "; partial results, if any, are in " + runDir.toAbsolutePath());
            System.exit(1);
        }
    }

    /** Runs JMH with {@code options} and writes the run directory; used by tests too. */
    public static Collection<RunResult> run(Options options, Path runDir) throws Exception {
        Path jmhDir = Files.createDirectories(runDir.resolve("jmh"));
        List<String> jvmArgs = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.add("-Dfwbench.run.dir=" + runDir.toAbsolutePath());
        Options withRunDir = new OptionsBuilder().parent(options)
                .resultFormat(ResultFormatType.JSON)
                .result(jmhDir.resolve("result.json").toString())
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .build();
        Collection<RunResult> results = new Runner(withRunDir).run();
        JmhSummaries.write(results, jmhDir);
        return results;
    }
}
