package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.testing.Interruptible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a Gatling simulation's measured load (both targets up as processes):
 * Gatling's JVM exits within 10 s and leaves no app, PostgreSQL, Redis or state file behind.
 */
class GatlingInterruptIT {

    @Test
    void ctrlCDuringTheLoadStopsEverything(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("gatling.out");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dfwbench.home=" + BenchHome.locate().root(), "-Dbackend=process", "-Drate=50", "-Dwarmup=1",
                "-Dduration=120", "-Dfwbench.runs=" + tmp.resolve("runs"), "io.gatling.app.Gatling", "-s",
                "dev.fwbench.scenarios.DbSimulation", "-rf", tmp.resolve("gatling").toString()));
        Process gatling = Interruptible.start(out, Map.of("FWBENCH_STATE_DIR", tmp.resolve("state").toString()), cmd);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.readString(out).contains("nestjs measured: ") && System.nanoTime() < deadline) {
                Interruptible.collectDescendants(gatling, seen);
                assertThat(gatling.isAlive()).as(Files.readString(out)).isTrue();
                Thread.sleep(100);
            }
            Interruptible.collectDescendants(gatling, seen);
            assertThat(seen).as("apps, PostgreSQL and Redis run under the simulation").hasSizeGreaterThanOrEqualTo(4);
            long t0 = System.nanoTime();
            Interruptible.ctrlC(gatling);
            assertThat(gatling.waitFor(10, TimeUnit.SECONDS)).as("Gatling exits within 10 s:%n%s", Files.readString(out))
                    .isTrue();
            System.out.printf("Ctrl-C during a Gatling run: exited in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            if (gatling.isAlive()) {
                gatling.destroyForcibly();
            }
        }
        Thread.sleep(1000);
        assertThat(seen).as("left running").noneMatch(Interruptible::alive);
        try (var files = Files.list(tmp.resolve("state"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(gatling.pid() + "-")).toList()).isEmpty();
        }
    }
}
