package dev.fwbench.harness.suite;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.app.InstallStamp;
import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes the drivers a suite forks runnable from this checkout, built by Maven when their
 * sources changed since the last time (a stamp of the sources' hash, as the apps' installs
 * are): the Gatling simulations ({@code scenarios/}, compiled, with their class path written
 * by Maven) and the JMH jar ({@code benchmarks/target/benchmarks.jar}). A trial then starts
 * the driver's JVM itself, as {@code mvn gatling:test} and {@code java -jar benchmarks.jar} do.
 */
final class DriverBuild {
    private DriverBuild() {
    }

    /**
     * The class path of the Gatling simulations (their classes first); {@code FWBENCH_SCENARIOS_CLASSPATH}
     * gives one instead (a test that already has them on its class path).
     */
    static String scenariosClasspath(BenchHome home, Path logDir) {
        String given = System.getenv("FWBENCH_SCENARIOS_CLASSPATH");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path root = home.root();
        Path cpFile = root.resolve("scenarios/target/fwbench-test-classpath.txt");
        build(home, logDir, "the Gatling simulations", List.of("test-compile", "dependency:build-classpath",
                "-Dmdep.outputFile=target/fwbench-test-classpath.txt", "-Dmdep.includeScope=test", "-pl", "scenarios", "-am"),
                root.resolve("scenarios/target/.fwbench-stamp"), cpFile);
        try {
            return root.resolve("scenarios/target/test-classes") + ":" + Files.readString(cpFile).trim();
        } catch (IOException e) {
            throw new BenchException("cannot read " + cpFile + " (" + e.getMessage() + "): run ./mvnw -pl scenarios -am test-compile");
        }
    }

    /** {@code benchmarks/target/benchmarks.jar}, built when missing or stale. */
    static Path benchmarksJar(BenchHome home, Path logDir) {
        Path jar = home.root().resolve("benchmarks/target/benchmarks.jar");
        build(home, logDir, "the JMH benchmarks jar", List.of("package", "-DskipTests", "-pl", "benchmarks", "-am"),
                home.root().resolve("benchmarks/target/.fwbench-stamp"), jar);
        return jar;
    }

    private static void build(BenchHome home, Path logDir, String what, List<String> goals, Path stamp, Path product) {
        Path root = home.root();
        InstallStamp s = new InstallStamp(stamp, List.of(root.resolve("pom.xml"), root.resolve("harness/pom.xml"),
                root.resolve("harness/src/main"), root.resolve("scenarios/pom.xml"), root.resolve("scenarios/src"),
                root.resolve("benchmarks/pom.xml"), root.resolve("benchmarks/src/main")), "driver-build-1");
        if (s.isCurrent() && Files.exists(product)) {
            return;
        }
        Path log = logDir.resolve("driver-build.log");
        InstallStamp.underLock(root.resolve(".fwbench-install.lock"), () -> {
            if (s.isCurrent() && Files.exists(product)) {
                return;
            }
            s.ensure("building " + what + " (./mvnw " + String.join(" ", goals) + "; output: " + log + ")", () -> {
                List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                        "-Dgatling.skip=true"));
                cmd.addAll(goals);
                ChildProcess.run("./mvnw", cmd, root, Map.of(), log, Duration.ofMinutes(20));
            });
        });
    }
}
