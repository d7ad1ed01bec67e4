package dev.fwbench.harness.suite;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one trial in a JVM of its own, the way a user runs the driver by hand: Gatling's main
 * with the simulation ({@code mvn gatling:test}'s JVM flags), {@code bench load} (the lean
 * engine, on this harness's own class path), or {@code java -jar benchmarks.jar}. Every setting of the cell is a {@code -D} property, so the trial is exactly
 * what {@code mvn gatling:test -D...} with those values would run; the trial's run directory
 * is the folder the suite gives it ({@code -Dfwbench.run.dir}). A fresh JVM per trial also
 * means a fresh JIT: no trial warms the next.
 */
final class TrialLauncher {
    /** What the Gatling Maven plugin passes to its forked JVM (its log writer needs the opening). */
    private static final List<String> GATLING_JVM = List.of("-server", "-XX:+HeapDumpOnOutOfMemoryError",
            "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "--add-opens=java.base/java.lang=ALL-UNNAMED");

    private final BenchHome home;
    private final Path suiteDir;
    private String scenariosClasspath;
    private Path benchmarksJar;

    TrialLauncher(BenchHome home, Path suiteDir) {
        this.home = home;
        this.suiteDir = suiteDir;
    }

    /** Builds the drivers the cells need before the first trial (so a build never counts against a trial). */
    void prepare(List<Cell> cells) {
        Path logs = suiteDir.resolve("logs");
        if (cells.stream().anyMatch(c -> c.workload().engine().equals("gatling"))) {
            scenariosClasspath = DriverBuild.scenariosClasspath(home, logs);
        }
        if (cells.stream().anyMatch(c -> c.workload().engine().equals("jmh"))) {
            benchmarksJar = DriverBuild.benchmarksJar(home, logs);
        }
    }

    /**
     * The niceness a trial's JVM (the injector) runs at, or null to leave it as is: -10 by default where this
     * harness runs as root, {@code FWBENCH_INJECTOR_NICE} to choose (0: off). On cores the injector shares with
     * the target (2 here, and other tenants), an overloaded target takes the CPU the injector's one event loop
     * needs to send on time: its schedule lag then rises exactly at the step where the target breaks (seen: lag
     * p99 22 ms at 400 req/s, where the target's own p99 passed 50 ms), so every search ended "injector-limited".
     * The injector uses a fraction of a core; ahead of the target in the run queue, it sends on time, and what it
     * takes from the target is what it used anyway.
     */
    static Integer injectorNice() {
        String asked = System.getenv("FWBENCH_INJECTOR_NICE");
        int nice;
        try {
            nice = asked == null || asked.isBlank() ? -10 : Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (nice == 0 || (nice < 0 && !root) || !Files.isExecutable(Path.of("/usr/bin/nice"))) {
            return null;
        }
        return Math.max(-20, Math.min(19, nice));
    }

    /**
     * The command of one trial.
     *
     * @param more settings beyond the cell's (a sharded suite's {@code -Dshard}, {@code -Dstart.at})
     */
    List<String> command(Matrix.Slot slot, Path dir, Map<String, String> more) {
        Cell cell = slot.cell();
        List<String> cmd = new ArrayList<>();
        Integer nice = injectorNice();
        if (nice != null) {
            cmd.addAll(List.of("/usr/bin/nice", "-n", String.valueOf(nice)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String engine = cell.workload().engine();
        boolean gatling = engine.equals("gatling");
        if (gatling) {
            cmd.addAll(GATLING_JVM);
            cmd.addAll(List.of("-cp", scenariosClasspath));
        } else if (engine.equals("lean")) {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"))); // this harness: bench load
        }
        cmd.add("-Dfwbench.home=" + home.root());
        cmd.add("-Dfwbench.run.dir=" + dir);
        Plan.PlanTarget t = cell.target();
        for (Map.Entry<String, String> e : cell.settings().entrySet()) {
            String key = e.getKey();
            if (cell.workload().params().containsKey(key)) {
                continue; // a JMH parameter, passed with -p below
            }
            if (key.equals("framework")) {
                cmd.add("-Dtarget=" + e.getValue());
            } else if (key.equals("url")) {
                cmd.add("-Dtarget." + t.name() + ".url=" + e.getValue());
            } else if (key.equals("ws.url")) {
                cmd.add("-Dtarget." + t.name() + ".ws.url=" + e.getValue());
            } else {
                cmd.add("-D" + key + "=" + e.getValue());
            }
        }
        more.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (engine.equals("lean")) {
            cmd.addAll(List.of("dev.fwbench.harness.cli.BenchCommand", "load"));
        } else if (gatling) {
            cmd.add("-Dfwbench.gatling.results=" + dir.resolve(".gatling-results"));
            cmd.addAll(List.of("io.gatling.app.Gatling", "-s", "dev.fwbench.scenarios." + cell.workload().simulation(),
                    "-rf", dir.resolve(".gatling-results").toString()));
        } else {
            cmd.addAll(List.of("-jar", benchmarksJar.toString(), cell.workload().benchmark()));
            String framework = cell.settings().getOrDefault("framework", "nestjs");
            cmd.addAll(List.of("-p", "target=" + framework));
            cell.workload().params().keySet().forEach(k -> cmd.addAll(List.of("-p", k + "=" + cell.settings().get(k))));
            cmd.addAll(cell.workload().jmhOptions());
            // the fork reads the same -D settings (JMH passes the host's JVM flags on)
        }
        return cmd;
    }

    /**
     * Runs a trial to its end (or {@code timeout}); output to {@code <dir>/driver.log}.
     *
     * @return the driver's exit code, or -1 when it outlived the timeout (it is then stopped)
     */
    int run(Matrix.Slot slot, Path dir, Duration timeout, Map<String, String> more) throws IOException,
            InterruptedException {
        Files.createDirectories(dir.getParent());
        Path log = dir.getParent().resolve(dir.getFileName() + ".driver.log");
        ChildProcess p = ChildProcess.start("trial " + slot.folder(), command(slot, dir, more), home.root(),
                Map.of("FWBENCH_HOME", home.root().toString()), log);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.stop(Duration.ofSeconds(10));
                return -1;
            }
            return p.exitValue();
        } finally {
            p.stop(Duration.ofSeconds(10));
            if (Files.isDirectory(dir)) {
                Files.move(log, dir.resolve("driver.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Where a trial's driver output ends up. */
    static Path driverLog(Path dir) {
        Path inside = dir.resolve("driver.log");
        return Files.exists(inside) ? inside : dir.getParent().resolve(dir.getFileName() + ".driver.log");
    }
}
