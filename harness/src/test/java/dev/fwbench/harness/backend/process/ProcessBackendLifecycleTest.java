package dev.fwbench.harness.backend.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process backend stops everything it started: the app's whole process tree and PostgreSQL. */
class ProcessBackendLifecycleTest {

    @Test
    void closeLeavesNoProcessBehind(@TempDir Path logs) throws Exception {
        List<Long> pids = new ArrayList<>();
        RunningService service;
        Path resources = logs.resolve("resources");
        try (ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, logs, Duration.ofSeconds(240), resources)) {
            service = backend.start(Target.managed(new TargetSpec(Framework.NESTJS, "express", 2, 0, 0, Profile.PRODUCTION,
                    ResourceLimits.of(1, null))));
            pids.addAll(service.pids());
            long pg = backend.postgres().pid();
            assertThat(pg).as("embedded PostgreSQL pid").isPositive();
            pids.add(pg);
            // a primary and two cluster workers
            assertThat(service.pids()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(pids).allMatch(ProcessBackendLifecycleTest::alive);
            assertThat(service.logFiles()).allMatch(Files::isRegularFile);
            // pinned like a container's cpuset: taskset -c <last core>, inherited by the workers
            String affinity = Files.readString(Path.of("/proc", Long.toString(service.pids().get(0)), "status"));
            assertThat(affinity).containsPattern("Cpus_allowed_list:\\s+" + ResourceLimits.of(1, null).cpuset() + "\\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && backend.resourceSampleCounts().getOrDefault("nestjs-express", 0) < 2) {
                Thread.sleep(200);
            }
            assertThat(backend.resourceSampleCounts()).containsKeys("postgres", "nestjs-express")
                    .allSatisfy((name, n) -> assertThat(n).as("samples of %s", name).isGreaterThanOrEqualTo(2));
        }
        List<String> csv = Files.readAllLines(resources.resolve("nestjs-express.csv"));
        assertThat(csv.get(0)).startsWith("time_utc,cpu_percent_of_one_core,memory_bytes");
        String[] last = csv.get(csv.size() - 1).split(",");
        assertThat(Long.parseLong(last[2])).as("resident memory of the app's tree").isGreaterThan(10L << 20);
        assertThat(Long.parseLong(last[4])).as("live processes: primary and workers").isGreaterThanOrEqualTo(3);
        assertThat(resources.resolve("summary.json")).isRegularFile();
        assertThat(service.isClosed()).isTrue();
        assertThat(pids).as("processes still alive after close").noneMatch(ProcessBackendLifecycleTest::alive);
    }

    @Test
    void aFixedPortThatIsTakenIsAClearError(@TempDir Path logs) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, logs, Duration.ofSeconds(60), null)) {
            assertThatThrownBy(() -> backend.start(Target.managed(new TargetSpec(Framework.NESTJS, null, 1, 0,
                    taken.getLocalPort()))))
                    .isInstanceOf(BenchException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("--port");
        }
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }
}
