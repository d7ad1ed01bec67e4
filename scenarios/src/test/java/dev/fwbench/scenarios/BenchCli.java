package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.testing.Interruptible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./bench} as a user runs it, for the suite tests: the CLI in a JVM of its own on this
 * test's class path (so trials run the simulations and the lean engine built here), its suites
 * under {@code dir/runs}.
 */
final class BenchCli {
    private BenchCli() {
    }

    /** Starts {@code bench args...}; its output goes to {@code out}. */
    static Process start(Path dir, Path out, String... args) throws Exception {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfwbench.runs=" + dir.resolve("runs"), "-cp", System.getProperty("java.class.path"),
                "dev.fwbench.harness.cli.BenchCommand"));
        cmd.addAll(List.of(args));
        return Interruptible.start(out, Map.of("FWBENCH_HOME", BenchHome.locate().root().toString(),
                "FWBENCH_SCENARIOS_CLASSPATH", System.getProperty("java.class.path")), cmd);
    }

    /** The one suite directory in {@code runs}. */
    static Path onlySuite(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.filter(Files::isDirectory).toList();
            assertThat(all).as("suites in %s", runs).hasSize(1);
            return all.get(0);
        }
    }

    /** The latest suite directory in {@code runs} (names start with their UTC start). */
    static Path newestSuite(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
    }
}
