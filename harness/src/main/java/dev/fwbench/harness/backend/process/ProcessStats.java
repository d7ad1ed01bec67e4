package dev.fwbench.harness.backend.process;

import dev.fwbench.harness.results.ResourceLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * CPU and memory of the process backend's services (an app's whole process tree, the
 * embedded PostgreSQL, Redis), once a second from {@code /proc}, into the run directory's
 * {@code resources/} in the same format as the containers backend ({@link ResourceLog}).
 *
 * <p>CPU: user + system clock ticks of every live process of the tree, differenced between
 * samples, over the elapsed time: percent of one core. A worker that exits takes its ticks
 * with it, so such an interval is clamped at 0. Memory: the sum of resident set sizes
 * (shared pages count once per process, so a forked pool reads higher than a cgroup's
 * usage would). Linux only: elsewhere nothing is sampled.
 */
public final class ProcessStats implements Closeable {
    /** Clock ticks per second of {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux ABI in use. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long PAGE = 4096;

    private final ResourceLog log;
    private final List<Watched> watched = new ArrayList<>();
    private final ScheduledExecutorService timer;

    public ProcessStats(Path dir) {
        this.log = new ResourceLog(dir, "/proc of the process tree");
        this.timer = Files.isDirectory(Path.of("/proc/self")) ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fwbench-process-stats");
            t.setDaemon(true);
            return t;
        }) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Samples the processes {@code pids} returns (asked anew each second: workers come and go). */
    public synchronized void watch(String name, Supplier<List<Long>> pids) {
        if (timer == null) {
            return;
        }
        ResourceLog.Series series = log.open(name);
        if (series != null) {
            watched.add(new Watched(series, pids));
        }
    }

    public Map<String, Integer> sampleCounts() {
        return log.sampleCounts();
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            long ticks = 0;
            long rss = 0;
            int alive = 0;
            for (long pid : w.pids.get()) {
                long[] r = read(pid);
                if (r != null) {
                    ticks += r[0];
                    rss += r[1];
                    alive++;
                }
            }
            if (w.lastNanos != 0 && alive > 0) {
                double seconds = (now - w.lastNanos) / 1e9;
                double cpu = Math.max(0, (ticks - w.lastTicks) / TICKS_PER_SECOND / seconds * 100);
                w.series.add(cpu, rss, 0, alive);
            }
            w.lastTicks = ticks;
            w.lastNanos = now;
        }
    }

    /** {utime + stime in ticks, resident bytes} of one process, or null when it is gone. */
    private static long[] read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may itself hold spaces and parentheses
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            String[] statm = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).trim().split(" ");
            return new long[] {ticks, Long.parseLong(statm[1]) * PAGE};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The process and its descendants alive now: for servers that fork (PostgreSQL, Redis). */
    public static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(h -> {
            pids.add(pid);
            h.descendants().forEach(d -> pids.add(d.pid()));
        });
        return pids;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        watched.clear();
        log.close();
    }

    private static final class Watched {
        final ResourceLog.Series series;
        final Supplier<List<Long>> pids;
        long lastTicks;
        long lastNanos;

        Watched(ResourceLog.Series series, Supplier<List<Long>> pids) {
            this.series = series;
            this.pids = pids;
        }
    }
}
