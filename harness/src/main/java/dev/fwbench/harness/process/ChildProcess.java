package dev.fwbench.harness.process;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness started, with its output captured in a log file. The one way the
 * harness launches anything (apps, installers, build steps).
 *
 * <p>Stopping stops the whole tree: servers such as Node's cluster primary or Gunicorn's
 * arbiter fork workers, and a worker whose parent died is re-parented to init and would
 * outlive us. So the tree is snapshotted before the first signal, then every member still
 * alive after the grace period is killed.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final Set<Long> seenPids = new LinkedHashSet<>();

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code dir}; stdout and stderr are appended to {@code logFile}. */
    public static ChildProcess start(String name, List<String> command, Path dir, Map<String, String> env,
                                     Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            ChildProcess child = new ChildProcess(name, pb.start(), logFile);
            ProcessRegistry.started(child, child.process.toHandle());
            return child;
        } catch (IOException e) {
            throw new BenchException("cannot start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs a one-shot command to completion (an install or build step) and fails with the
     * tail of its output when it exits non-zero or outlives {@code timeout}.
     */
    public static void run(String name, List<String> command, Path dir, Map<String, String> env, Path logFile,
                           Duration timeout) {
        try (ChildProcess p = start(name, command, dir, env, logFile)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchException(name + " did not finish within " + timeout.toSeconds() + " s; its output ("
                        + logFile + ") ends with:\n" + p.logTail(20));
            }
            if (p.process.exitValue() != 0) {
                throw new BenchException(name + " failed with exit code " + p.process.exitValue()
                        + "; its output (" + logFile + ") ends with:\n" + p.logTail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException(name + " was interrupted");
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to exit; true when it has. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    public Path logFile() {
        return logFile;
    }

    /** PIDs of this process and every descendant alive now, plus those seen before. */
    public List<Long> treePids() {
        snapshotTree();
        return new ArrayList<>(seenPids);
    }

    private void snapshotTree() {
        seenPids.add(process.pid());
        process.descendants().forEach(h -> seenPids.add(h.pid()));
    }

    /** The last {@code lines} lines of the log: what goes into an error message. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - 16_384);
            f.seek(from);
            byte[] buf = new byte[(int) (len - from)];
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            int start = Math.max(0, all.length - lines);
            StringBuilder sb = new StringBuilder();
            for (int i = start; i < all.length; i++) {
                sb.append("    | ").append(all[i]).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")\n";
        }
    }

    /**
     * SIGTERM to the root (servers forward it to their workers and drain), then after
     * {@code grace} SIGTERM to any descendant left, then SIGKILL to whatever still lives.
     */
    public void stop(Duration grace) {
        snapshotTree();
        List<ProcessHandle> tree = seenPids.stream()
                .map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
        stop(process.toHandle(), tree, grace);
        ProcessRegistry.stopped(process.pid());
    }

    /** As {@link #stop(Duration)}, for a process this JVM did not start (a leftover found by {@code bench clean}). */
    public static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        stop(root, tree, grace);
    }

    private static void stop(ProcessHandle root, List<ProcessHandle> tree, Duration grace) {
        if (grace.isZero()) { // forced (a second Ctrl-C): no time for a graceful exit
            tree.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        root.destroy();
        if (!waitAllDead(tree, grace)) {
            tree.forEach(ProcessHandle::destroy);
            if (!waitAllDead(tree, Duration.ofSeconds(2))) {
                tree.forEach(ProcessHandle::destroyForcibly);
                waitAllDead(tree, Duration.ofSeconds(5));
            }
        }
    }

    private static boolean waitAllDead(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return tree.stream().noneMatch(ProcessHandle::isAlive);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /**
     * Runs a short query command (e.g. {@code node --version}) and returns its trimmed output,
     * or null when it cannot run, fails or outlives {@code timeout}: for facts recorded
     * with a result, where a missing tool is an answer, not an error.
     */
    public static String output(List<String> command, Path dir, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
