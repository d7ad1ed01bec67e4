package dev.fwbench.harness.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command the way a terminal would, so a test can press Ctrl-C for real: in a
 * process group of its own, with SIGINT and SIGTERM at their default dispositions. A
 * background job of a non-interactive shell starts with SIGINT ignored and every child
 * inherits that, and a JVM that starts with SIGINT ignored never sees Ctrl-C; perl can reset
 * it before it execs the command (a shell cannot: "signals ignored upon entry cannot be
 * trapped or reset"). {@link #ctrlC} then signals the whole group, as a terminal does.
 */
public final class Interruptible {
    private static final String WRAPPER = "use POSIX; POSIX::setpgid(0, 0); $SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT';"
            + " exec { $ARGV[0] } @ARGV or die \"exec: $!\\n\"";

    private Interruptible() {
    }

    /** Starts {@code command}; stdout and stderr both go to {@code out}. */
    public static Process start(Path out, Map<String, String> env, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", WRAPPER));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The harness CLI ({@code BenchCommand}) in a JVM of its own on this test's class path. */
    public static List<String> benchCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.fwbench.harness.cli.BenchCommand"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Ctrl-C: SIGINT to the process group the command leads. */
    public static void ctrlC(Process p) throws Exception {
        signal("-INT", p);
    }

    public static void signal(String signal, Process p) throws Exception {
        new ProcessBuilder("kill", signal, "--", "-" + p.pid()).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    /** The output so far, once it contains {@code marker} (or fails: the command exited, or the time ran out). */
    public static String awaitLine(Path out, Process p, String marker, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            if (text.contains(marker)) {
                return text;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited with " + p.exitValue() + " before '" + marker + "':\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + marker + "' within " + seconds + " s:\n" + Files.readString(out));
    }

    /** Every live descendant of {@code p}, added to {@code seen} (call repeatedly: workers come and go). */
    public static void collectDescendants(Process p, java.util.Set<Long> seen) {
        p.descendants().forEach(h -> seen.add(h.pid()));
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
