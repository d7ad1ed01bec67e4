package dev.fwbench.benchmarks;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import dev.fwbench.harness.results.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code java -jar benchmarks.jar [JMH options]}: JMH's own command line, plus a run
 * directory. Every option JMH takes works as usual ({@code -p target=nestjs}, {@code -wi},
 * {@code -f}, a benchmark regexp...); on top, the run gets {@code results/runs/<UTC>-jmh/}
 * (the layout of the Gatling runs: {@code run.json} with the environment fingerprint and
 * each target's {@code /health}, {@code logs/}) with JMH's JSON result and the summaries in
 * {@code jmh/}.
 */
public final class BenchmarksMain {
    private BenchmarksMain() {
    }

    /** How long the host, told to stop, waits for its forks to stop what they started before it terminates them. */
    static final Duration FORK_GRACE = Duration.ofSeconds(20);

    public static void main(String[] args) throws Exception {
        ShutdownHooks.forceOnSecondSignal();
        // registered first, so it runs last: the host exits only once its forks have stopped their targets
        ShutdownHooks.register(() -> awaitForks(FORK_GRACE));
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
        if (selectsNothing(cli)) {
            // JMH would open a run directory, then fail with "error: null" (NoBenchmarksException has no message)
            System.err.println("error: no benchmark matches " + cli.getIncludes() + (cli.getExcludes().isEmpty() ? ""
                    : " minus " + cli.getExcludes()) + " (java -jar benchmarks.jar -l lists them)");
            System.exit(2);
            return;
        }
        RunDirectory run;
        try {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("driver", "jmh");
            parameters.put("jmhArgs", List.of(args));
            // every setting the forks will read, checked now (one line, exit 2) and recorded in run.json
            try (RunContext context = RunContext.open("jmh", DriverConfig.fromSystem(RunSettings.all()), "both", parameters)) {
                run = context.run();
            }
        } catch (BenchException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Collection<RunResult> results = run(cli, run);
            System.out.println();
            System.out.println("Results: " + run.root().toAbsolutePath());
            if (results.isEmpty()) {
                System.err.println("error: no benchmark ran (check the benchmark regexp and -p values; -l lists them)");
                System.exit(2);
            }
        } catch (RunnerException e) {
            RunDirectory.attach(run.root()).put("outcome", "failed: " + e.getMessage());
            System.err.println("error: " + e.getMessage() + "; partial results, if any, are in " + run.root().toAbsolutePath());
            System.exit(1);
        }
    }

    /**
     * Ctrl-C reaches JMH's host and its fork together; the host would exit at once while the
     * fork still stops the app and the database it started, giving the prompt back too early
     * (and a script that then starts the next run would find the last one still running). So
     * the host waits for its forks, up to {@code grace}; those still running then get SIGTERM
     * (to a fork already stopping, a second signal: it kills what it started at once), and 5 s
     * later SIGKILL. A host that exits normally has no fork left and returns at once.
     */
    static void awaitForks(Duration grace) {
        List<ProcessHandle> forks = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        if (forks.isEmpty()) {
            return;
        }
        System.err.println("[fwbench] waiting for the JMH fork to stop its targets (up to " + grace.toSeconds() + " s)");
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle fork : forks) {
            awaitExit(fork, deadline);
        }
        List<ProcessHandle> left = forks.stream().filter(ProcessHandle::isAlive).toList();
        if (left.isEmpty()) {
            return;
        }
        System.err.println("[fwbench] the JMH fork did not stop within " + grace.toSeconds() + " s: terminating it");
        left.forEach(ProcessHandle::destroy);
        long killAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ProcessHandle fork : left) {
            awaitExit(fork, killAt);
            if (fork.isAlive()) {
                fork.descendants().forEach(ProcessHandle::destroyForcibly);
                fork.destroyForcibly();
            }
        }
    }

    private static void awaitExit(ProcessHandle p, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the caller escalates
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean selectsNothing(CommandLineOptions cli) {
        List<String> includes = cli.getIncludes().isEmpty() ? List.of(".*") : cli.getIncludes();
        return BenchmarkList.defaultList().find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                includes, cli.getExcludes()).isEmpty();
    }

    /** Runs JMH with {@code options}, every fork writing into {@code run}; used by tests too. */
    public static Collection<RunResult> run(Options options, RunDirectory run) throws Exception {
        Path jmhDir = Files.createDirectories(run.root().resolve("jmh"));
        List<String> jvmArgs = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.add("-Dfwbench.run.dir=" + run.root().toAbsolutePath());
        // -rf/-rff stay the user's (JMH's own options); the run directory gets JMH's JSON besides
        Options withRunDir = new OptionsBuilder().parent(options)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .build();
        Collection<RunResult> results = new Runner(withRunDir).run();
        ResultFormatFactory.getInstance(ResultFormatType.JSON, jmhDir.resolve("result.json").toString()).writeOut(results);
        JmhSummaries.write(results, jmhDir);
        RunDirectory latest = RunDirectory.attach(run.root()); // with what every fork recorded (targets, configuration)
        latest.put("finishedAt", Instant.now().toString());
        latest.put("outcome", results.isEmpty() ? "no benchmark ran" : "completed");
        return results;
    }
}
