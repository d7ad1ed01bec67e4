package dev.fwbench.harness.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.targets.Framework;
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
    void closeLeavesNoProcessBehind(@TempDir Path logs) {
        List<Long> pids = new ArrayList<>();
        RunningService service;
        try (ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, logs, Duration.ofSeconds(240))) {
            service = backend.start(new TargetSpec(Framework.NESTJS, "express", 2, 0, 0));
            pids.addAll(service.pids());
            long pg = backend.postgres().pid();
            assertThat(pg).as("embedded PostgreSQL pid").isPositive();
            pids.add(pg);
            // a primary and two cluster workers
            assertThat(service.pids()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(pids).allMatch(ProcessBackendLifecycleTest::alive);
            assertThat(service.logFiles()).allMatch(Files::isRegularFile);
        }
        assertThat(service.isClosed()).isTrue();
        assertThat(pids).as("processes still alive after close").noneMatch(ProcessBackendLifecycleTest::alive);
    }

    @Test
    void aFixedPortThatIsTakenIsAClearError(@TempDir Path logs) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, logs, Duration.ofSeconds(60))) {
            assertThatThrownBy(() -> backend.start(new TargetSpec(Framework.NESTJS, null, 1, 0, taken.getLocalPort())))
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
