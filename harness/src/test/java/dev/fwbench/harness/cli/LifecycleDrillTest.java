package dev.fwbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.containers.DockerEngine;
import dev.fwbench.harness.testing.DockerRequirement;
import dev.fwbench.harness.testing.Interruptible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ctrl-C at every phase of {@code ./bench serve nestjs django}, on both backends: each drill
 * waits for the line serve prints when the phase begins (no sleeps), presses Ctrl-C (SIGINT to
 * the process group, as a terminal does), and asserts that serve exits within 10 s and leaves
 * no process, container or state file behind. Then the harder ends: a second Ctrl-C kills at
 * once, and after a SIGKILL of the JVM {@code ./bench clean} stops what it left.
 */
class LifecycleDrillTest {
    private static final Pattern PIDS = Pattern.compile("pids: \\[([0-9, ]*)]");

    static Stream<Arguments> phases() {
        return Stream.of(
                Arguments.of("process", "JVM start", null),
                Arguments.of("process", "PostgreSQL start", "starting embedded PostgreSQL"),
                Arguments.of("process", "NestJS build", "building the NestJS app"),
                Arguments.of("process", "NestJS start", "starting nestjs-express on"),
                Arguments.of("process", "Django start", "starting django-gunicorn on"),
                Arguments.of("process", "serving", "Serving."),
                // the containers backend shares the lifecycle code (ManagedBackend); its own phases:
                Arguments.of("containers", "PostgreSQL start", "starting PostgreSQL in a container"),
                Arguments.of("containers", "Redis start", "starting Redis in a container"),
                Arguments.of("containers", "Django's front start", "starting the nginx front of django in a container"),
                Arguments.of("containers", "serving", "Serving."));
    }

    @ParameterizedTest(name = "Ctrl-C during {1} ({0} backend)")
    @MethodSource("phases")
    void ctrlCAtAnyPhaseEndsEverythingWithinTenSeconds(String backend, String phase, String marker, @TempDir Path tmp)
            throws Exception {
        if (backend.equals("containers")) {
            DockerRequirement.require();
        }
        if (phase.equals("NestJS build")) {
            // a stale build stamp: this start rebuilds the app, and the drill interrupts that build
            Files.deleteIfExists(BenchHome.locate().app("nestjs").resolve("dist/.fwbench-stamp"));
        }
        Path out = tmp.resolve("serve.out");
        Process serve = Interruptible.start(out, env(tmp), Interruptible.benchCommand("serve", "nestjs", "django",
                "--backend", backend, "--workers", "2"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try {
            if (marker != null) {
                watchUntil(out, serve, marker, seen);
            } else {
                awaitJvm(serve); // the wrapper has exec'd java: the JVM is starting, nothing printed yet
            }
            Interruptible.collectDescendants(serve, seen);
            long t0 = System.nanoTime();
            Interruptible.ctrlC(serve);
            boolean exited = serve.waitFor(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(exited).as("serve exits within 10 s of Ctrl-C during %s; output:%n%s", phase, text(out)).isTrue();
            System.out.printf("Ctrl-C during %s (%s): exited in %.1f s%n", phase, backend, seconds);
        } finally {
            stop(serve);
        }
        assertNothingLeft(serve.pid(), seen, tmp, out);
    }

    @Test
    void aSecondCtrlCKillsAtOnce(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("serve.out");
        Process serve = Interruptible.start(out, env(tmp), Interruptible.benchCommand("serve", "nestjs", "django",
                "--backend", "process"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try {
            watchUntil(out, serve, "Serving.", seen);
            Interruptible.ctrlC(serve);
            Interruptible.awaitLine(out, serve, "again to kill at once", 10);
            long t0 = System.nanoTime();
            Interruptible.ctrlC(serve);
            assertThat(serve.waitFor(5, TimeUnit.SECONDS)).as("killed at once:%n%s", text(out)).isTrue();
            System.out.printf("second Ctrl-C: exited in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            stop(serve);
        }
        assertNothingLeft(serve.pid(), seen, tmp, out);
    }

    @Test
    void afterASigkillCleanStopsWhatTheProcessBackendLeft(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("serve.out");
        Process serve = Interruptible.start(out, env(tmp), Interruptible.benchCommand("serve", "nestjs", "django",
                "--backend", "process"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try {
            watchUntil(out, serve, "Serving.", seen);
            Interruptible.collectDescendants(serve, seen);
            Interruptible.signal("-KILL", serve);
            assertThat(serve.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            stop(serve);
        }
        Thread.sleep(500);
        assertThat(seen.stream().filter(Interruptible::alive).count()).as("a SIGKILLed JVM cannot stop its children")
                .isGreaterThanOrEqualTo(5);
        try (Stream<Path> files = Files.list(tmp.resolve("state"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(serve.pid() + "-")).count())
                    .as("the state file it left").isEqualTo(1);
        }
        Path cleanOut = tmp.resolve("clean.out");
        Process clean = Interruptible.start(cleanOut, env(tmp), Interruptible.benchCommand("clean"));
        assertThat(clean.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clean.exitValue()).as(text(cleanOut)).isZero();
        assertThat(text(cleanOut)).containsPattern("stopped [1-9][0-9]* process\\(es\\)");
        assertNothingLeft(serve.pid(), seen, tmp, out);
    }

    private static void awaitJvm(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !p.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
            Thread.sleep(5);
        }
    }

    /** Follows serve's output until {@code marker}, noting every process it starts on the way. */
    private static void watchUntil(Path out, Process serve, String marker, Set<Long> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            Interruptible.collectDescendants(serve, seen);
            String text = text(out);
            if (text.contains(marker)) {
                Matcher m = PIDS.matcher(text);
                while (m.find()) {
                    for (String p : m.group(1).split(",\\s*")) {
                        if (!p.isBlank()) {
                            seen.add(Long.parseLong(p.trim()));
                        }
                    }
                }
                return;
            }
            if (!serve.isAlive()) {
                throw new AssertionError("serve exited before '" + marker + "':\n" + text);
            }
            if (text.contains("Serving.")) { // every phase is past: the marker is not what serve prints
                throw new AssertionError("serve is up and never printed '" + marker + "':\n" + text);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + marker + "' within 300 s:\n" + text(out));
    }

    private static void assertNothingLeft(long servePid, Set<Long> seen, Path tmp, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && seen.stream().anyMatch(Interruptible::alive)) {
            Thread.sleep(100);
        }
        assertThat(seen).as("processes left running; serve said:%n%s", text(out)).noneMatch(Interruptible::alive);
        if (DockerEngine.probe().available()) {
            assertThat(DockerEngine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerEngine.LABEL_PID, Long.toString(servePid))).exec())
                    .as("containers left").isEmpty();
        }
        Path state = tmp.resolve("state");
        if (Files.isDirectory(state)) {
            try (Stream<Path> files = Files.list(state)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith(servePid + "-")).toList())
                        .as("state file left").isEmpty();
            }
        }
    }

    private static Map<String, String> env(Path tmp) {
        return Map.of("FWBENCH_HOME", BenchHome.locate().root().toString(), "FWBENCH_STATE_DIR",
                tmp.resolve("state").toString());
    }

    private static String text(Path out) throws java.io.IOException {
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private static void stop(Process p) throws Exception {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

}
