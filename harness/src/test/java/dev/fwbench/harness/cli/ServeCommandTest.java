package dev.fwbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.fwbench.harness.testing.Interruptible;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench serve} as a user runs it: a separate JVM, stopped with Ctrl-C (SIGINT). Nothing
 * it started may survive it, and bad input is one line on stderr with exit code 2.
 */
class ServeCommandTest {

    @Test
    void ctrlCStopsEveryProcessServeStarted(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("serve.out");
        // as from a terminal: SIGINT at its default (a background job's ignored SIGINT is not inherited)
        Process serve = Interruptible.start(out, Map.of("FWBENCH_HOME", System.getProperty("fwbench.home",
                new File("..").getAbsolutePath())), Interruptible.benchCommand("serve", "nestjs", "django", "--workers", "2"));
        List<Long> pids = new ArrayList<>();
        try {
            String text = awaitLine(out, serve, "Serving.", 300);
            Matcher pg = Pattern.compile("\\(pid (\\d+)\\)").matcher(text);
            assertThat(pg.find()).as("serve prints the PostgreSQL pid:%n%s", text).isTrue();
            pids.add(Long.parseLong(pg.group(1)));
            Matcher http = Pattern.compile("http: (http://127\\.0\\.0\\.1:\\d+)").matcher(text);
            assertThat(http.results().count()).as("one URL per target:%n%s", text).isEqualTo(2);
            serve.descendants().forEach(h -> pids.add(h.pid()));
            // every target's PIDs as serve prints them: containers' processes are not its descendants
            Matcher listed = Pattern.compile("pids: \\[([0-9, ]*)]").matcher(text);
            while (listed.find()) {
                for (String p : listed.group(1).split(",\\s*")) {
                    if (!p.isBlank()) {
                        pids.add(Long.parseLong(p.trim()));
                    }
                }
            }
            // postgres; node primary + 2 workers; gunicorn arbiter + 2 workers; uvicorn + 2 workers; redis
            assertThat(pids).hasSizeGreaterThanOrEqualTo(7);
            assertThat(pids).allMatch(ServeCommandTest::alive);

            Interruptible.ctrlC(serve);
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exits after Ctrl-C").isTrue();
        } finally {
            stop(serve);
        }
        Thread.sleep(500);
        assertThat(pids).as("left running after Ctrl-C").noneMatch(ServeCommandTest::alive);
        if (text(out).contains("backend: containers")) {
            assertThat(containersOf(serve.pid())).as("containers left after Ctrl-C").isEmpty();
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        assertOneLineError(tmp, "unknown target 'rails'", "serve", "rails");
        assertOneLineError(tmp, "unknown variant 'koa'", "serve", "nestjs", "--variant", "koa");
        assertOneLineError(tmp, "--db-url must start with postgresql://", "serve", "nestjs", "--db-url", "mysql://x@y/z");
        assertOneLineError(tmp, "--workers must be between", "serve", "nestjs", "--workers", "-3");
        assertOneLineError(tmp, "--server-cpus must be between 1 and", "serve", "nestjs", "--server-cpus", "999");
        assertOneLineError(tmp, "--server-memory must be a size like", "serve", "nestjs", "--server-memory", "lots");
        assertOneLineError(tmp, "unknown backend 'k8s'", "serve", "nestjs", "--backend", "k8s");
        assertOneLineError(tmp, "--backend external starts nothing", "serve", "nestjs", "--backend", "external");
        assertOneLineError(tmp, "unknown image base 'java'", "serve", "nestjs", "--image-base", "java=x");
    }

    @Test
    void helpListsTheCommands(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("help.out");
        Process p = bench(out, "--help");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out)).contains("Commands:").contains("serve");
    }

    private static void assertOneLineError(Path tmp, String expected, String... args) throws Exception {
        Path out = tmp.resolve("err-" + System.nanoTime());
        Process p = bench(out, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out).strip();
        assertThat(p.exitValue()).as("exit code for %s", String.join(" ", args)).isEqualTo(2);
        List<String> errorLines = text.lines().filter(l -> !l.startsWith("[fwbench]")).toList();
        assertThat(errorLines).as("output:%n%s", text).hasSize(1);
        assertThat(errorLines.get(0)).startsWith("error: ").contains(expected);
    }

    /** The CLI in its own JVM with this test's class path; stdout and stderr both into {@code out}. */
    static Process bench(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("FWBENCH_HOME", System.getProperty("fwbench.home", new File("..").getAbsolutePath()));
        return pb.start();
    }

    static String awaitLine(Path out, Process p, String marker, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            if (text.contains(marker)) {
                return text;
            }
            if (!p.isAlive()) {
                throw new AssertionError("serve exited with " + p.exitValue() + ":\n" + text);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + marker + "' within " + seconds + " s:\n" + Files.readString(out));
    }

    /** A failed test must not leak: SIGTERM (the shutdown hook cleans up), SIGKILL only as a last resort. */
    static void stop(Process p) throws Exception {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static List<com.github.dockerjava.api.model.Container> containersOf(long pid) {
        com.github.dockerjava.api.DockerClient client = dev.fwbench.harness.backend.containers.DockerEngine.client();
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(dev.fwbench.harness.backend.containers.DockerEngine.LABEL_PID, Long.toString(pid))).exec();
    }

    private static String text(Path out) throws IOException {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }
}
