package dev.fwbench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.results.RunDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code -f}, a benchmark regexp...); on top, the run gets {@code results/runs/<UTC>-jmh/}
 * (the layout of the Gatling runs: {@code run.json} with the environment fingerprint and
 * each target's {@code /health}, {@code logs/}) with JMH's JSON result and the summaries in
 * {@code jmh/}.
 */
public final class BenchmarksMain {
    private static final String[] RECORDED_PROPERTIES = {"variant", "workers", "threads", "base.url", "ws.url", "db.url"};

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
        RunDirectory run;
        try {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("driver", "jmh");
            parameters.put("jmhArgs", List.of(args));
            for (String p : RECORDED_PROPERTIES) {
                if (System.getProperty(p) != null) {
                    parameters.put(p, System.getProperty(p));
                }
            }
            run = RunDirectory.create(BenchHome.locate(), "jmh", parameters);
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
            run.put("outcome", "failed: " + e.getMessage());
            System.err.println("error: " + e.getMessage() + "; partial results, if any, are in " + run.root().toAbsolutePath());
            System.exit(1);
        }
    }

    /** Runs JMH with {@code options}, every fork writing into {@code run}; used by tests too. */
    public static Collection<RunResult> run(Options options, RunDirectory run) throws Exception {
        Path jmhDir = Files.createDirectories(run.root().resolve("jmh"));
        List<String> jvmArgs = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.add("-Dfwbench.run.dir=" + run.root().toAbsolutePath());
        Options withRunDir = new OptionsBuilder().parent(options)
                .resultFormat(ResultFormatType.JSON)
                .result(jmhDir.resolve("result.json").toString())
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .build();
        Collection<RunResult> results = new Runner(withRunDir).run();
        recordTargets(run);
        JmhSummaries.write(results, jmhDir);
        run.put("finishedAt", Instant.now().toString());
        run.put("outcome", results.isEmpty() ? "no benchmark ran" : "completed");
        return results;
    }

    /** The forks left each target's /health in targets/: record them in run.json. */
    private static void recordTargets(RunDirectory run) throws IOException {
        Path dir = run.root().resolve("targets");
        if (!Files.isDirectory(dir)) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.health.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString().replace(".health.json", "").replaceFirst("-", ":");
                run.addTarget(name, "process", null, json.readTree(f.toFile()));
            }
        }
    }
}
