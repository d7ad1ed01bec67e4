package dev.fwbench.harness.latency;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Every {@link LatencyRecorder} of one simulation against one target, and their files in
 * one folder ({@code hdr/<simulation>/<target>/}):
 * <ul>
 *   <li>{@code <request>.corrected.hlog} and {@code <request>.uncorrected.hlog}: HdrHistogram
 *       interval logs, one interval per second, values in nanoseconds. Logs of several
 *       injectors merge losslessly ({@code HistogramLogProcessor}, {@code HistogramLogReader}).</li>
 *   <li>{@code <request>.errors.hlog}: the failed requests alone (corrected), so that errors
 *       per second can be plotted over time beside the latencies.</li>
 *   <li>{@code summary.json} and {@code summary.txt}, written by {@link #close()}.</li>
 * </ul>
 * A one-second tick takes each recorder's interval and writes it (and its warm-up recorder's,
 * {@link LatencyRecorder#warmUp()}, written nowhere). The injector's CPU is
 * sampled by the driver, which knows when load was on; the capture reports it.
 */
public final class LatencyCapture implements AutoCloseable {
    /**
     * The capture of the injector's own floor ({@code hdr/<scenario>/client-floor/}): beside the
     * targets' folders, never a target.
     */
    public static final String CLIENT_FLOOR = "client-floor";

    private final Path dir;
    private final String target;
    private final String simulation;
    private final String correction;
    private final NanoClock clock;
    private final InjectorCpu cpu;
    private final long startNanos;
    private final long startEpochMillis;
    private final Map<String, LatencyRecorder> recorders = new ConcurrentHashMap<>();
    private final Map<String, HistogramLogWriter[]> logs = new LinkedHashMap<>();
    private final List<PrintStream> streams = new ArrayList<>();
    /** Where the warm-up recorders' intervals are written: nowhere (the same encoding, so that it is compiled early). */
    private final HistogramLogWriter discard = new HistogramLogWriter(new PrintStream(java.io.OutputStream.nullOutputStream()));
    private long lastTickNanos;
    private ScheduledExecutorService ticker;
    /** When a tick may run (see {@link QuietMoment}); always, unless the load says otherwise. */
    private volatile BooleanSupplier quiet = () -> true;
    private LatencySummary summary;
    private ScheduleLag lag;
    private Map<String, LatencySummary.Percentiles> clientFloor;
    private Map<String, Object> injector;
    /** Who wrote the logs, beyond the target: a shard's "shard 2/3 of ..." (null: one injector alone). */
    private String source;

    /**
     * @param correction how the intended start is defined, for the summary (e.g. "open model:
     *                   intended start from the injection schedule", or "closed model: none")
     */
    public LatencyCapture(Path dir, String target, String simulation, String correction, NanoClock clock,
                          InjectorCpu cpu) {
        this.dir = dir;
        this.target = target;
        this.simulation = simulation;
        this.correction = correction;
        this.clock = clock;
        this.cpu = cpu;
        this.startNanos = clock.nanoTime();
        this.lastTickNanos = startNanos;
        this.startEpochMillis = System.currentTimeMillis();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BenchException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compiles the capture's once-a-second path before anything is measured: {@code ticks}
     * intervals of made-up latencies (20 us to 20 ms, some failed; and empty ones) through a capture of their
     * own in a temporary folder (deleted after), each recorded, taken, added and encoded into
     * its logs as a run's are, its warm-up recorder's too, and the CPU sampled. The one-second
     * ticker of a run would otherwise reach the JIT's thresholds only seconds into the measured
     * phase, and the compiler's bursts then share the injector's core while it is timed (seen
     * here at 25,000 req/s after a 3 s warm-up: 220 ms of compilation in the first 4 measured
     * seconds, most of it this path's, each C2 burst holding the event loop off its core for
     * 2 to 5 ms; with this warm-up, 60 ms). The same rule as the client floor's warm-up: compile
     * first, where nothing is timed.
     *
     * @param cpu a sampler of its own (its samples are not counted)
     * @return the seconds it took
     */
    public static double warmUpJit(InjectorCpu cpu, int ticks) {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("fwbench-capture-warm-up");
        } catch (IOException e) {
            throw new BenchException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try (LatencyCapture c = new LatencyCapture(dir, "jit-warm-up", "jit-warm-up", "none", NanoClock.SYSTEM, cpu)) {
            LatencyRecorder r = c.singleWriterRecorder("warm-up");
            LatencyRecorder idle = c.singleWriterRecorder("idle"); // empty intervals too, as a measured one's in a warm-up
            idle.warmUp();
            long x = 1;
            for (int t = 0; t < ticks; t++) {
                LatencyRecorder into = (t & 1) == 0 ? r : r.warmUp();
                for (int i = 0; i < 256; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L; // a made-up spread of latencies
                    long latency = 20_000 + (Math.floorMod(x >>> 11, 20_000_000L) >> (i & 15));
                    long end = System.nanoTime();
                    into.record(end - latency, end - latency / 2, end, (i & 63) != 0);
                }
                c.tick();
                cpu.sample(System.nanoTime(), false);
            }
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind: nothing to stop for
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Starts the one-second interval writer (real clock runs; tests call {@link #tick()}). */
    public LatencyCapture startTicking() {
        return startTicking(1_000);
    }

    /**
     * Starts the one-second interval writer with its ticks on whole seconds from {@code anchor}
     * (this host's clock): shards started at one instant then cut their intervals at the same
     * instants, and the merge adds interval to interval. The first interval is the part-second
     * up to the first such tick.
     */
    public LatencyCapture startTickingAlignedTo(java.time.Instant anchor) {
        long sinceAnchor = Math.floorMod(System.currentTimeMillis() - anchor.toEpochMilli(), 1_000L);
        return startTicking(1_000 - sinceAnchor);
    }

    private LatencyCapture startTicking(long firstTickMillis) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hdr-interval-" + target);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            QuietMoment.await(quiet);
            tick();
        }, firstTickMillis, 1_000, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Each tick waits (bounded) for a moment {@code quiet} says the injector is idle, rather than
     * taking the injector's core from a request due at the same instant ({@link QuietMoment}).
     */
    public LatencyCapture quietWhen(BooleanSupplier quiet) {
        this.quiet = quiet;
        return this;
    }

    /**
     * Names this injector's part in every interval log's header comment ({@code #fwbench LeanLoad
     * on nestjs, shard 2/3 of the run from 2026-12-02T10:00:00Z: ...}); call before the first tick.
     * A comment rather than HdrHistogram's per-interval {@code Tag=}: HistogramLogProcessor skips
     * tagged intervals unless told the tag, and the logs must stay readable by it as they are.
     */
    public synchronized LatencyCapture source(String source) {
        this.source = source;
        return this;
    }

    public Path dir() {
        return dir;
    }

    public String target() {
        return target;
    }

    /** The recorder of one request name, created on first use, for any number of writer threads. */
    public LatencyRecorder recorder(String requestName) {
        return recorders.computeIfAbsent(requestName, LatencyRecorder::new);
    }

    /**
     * The recorder of one request name, created on first use, written by one thread at a time
     * (the lean engine's event loop): cheaper to write and to take each second. A name asked for
     * both ways keeps the kind it was first created as.
     */
    public LatencyRecorder singleWriterRecorder(String requestName) {
        return recorders.computeIfAbsent(requestName, n -> new LatencyRecorder(n, true));
    }

    /** Writes one interval of every recorder. */
    public synchronized void tick() {
        long now = clock.nanoTime();
        for (LatencyRecorder r : recorders.values()) {
            LatencyRecorder.Interval interval = r.takeInterval();
            HistogramLogWriter[] w = logs.computeIfAbsent(r.requestName(), this::openLogs);
            write(w[0], interval.corrected(), lastTickNanos, now);
            write(w[1], interval.uncorrected(), lastTickNanos, now);
            write(w[2], interval.failed(), lastTickNanos, now);
            LatencyRecorder warm = r.warmUpIfAny();
            if (warm != null) {
                LatencyRecorder.Interval i = warm.takeInterval();
                write(discard, i.corrected(), lastTickNanos, now);
                write(discard, i.uncorrected(), lastTickNanos, now);
                write(discard, i.failed(), lastTickNanos, now);
            }
        }
        lastTickNanos = now;
    }

    private void write(HistogramLogWriter writer, Histogram h, long fromNanos, long toNanos) {
        // epoch milliseconds derived from the capture clock, so fake-clock logs stay consistent
        h.setStartTimeStamp(startEpochMillis + (fromNanos - startNanos) / 1_000_000);
        h.setEndTimeStamp(startEpochMillis + (toNanos - startNanos) / 1_000_000);
        writer.outputIntervalHistogram(h);
    }

    private HistogramLogWriter[] openLogs(String requestName) {
        String base = fileName(requestName);
        return new HistogramLogWriter[] {openLog(base + ".corrected.hlog"), openLog(base + ".uncorrected.hlog"),
            openLog(base + ".errors.hlog")};
    }

    private HistogramLogWriter openLog(String name) {
        PrintStream out = printStream(dir.resolve(name));
        streams.add(out);
        return logWriter(out, "fwbench " + simulation + " on " + target + (source == null ? "" : ", " + source)
                + ": values in nanoseconds, 1 s intervals", startEpochMillis);
    }

    /** A file for an interval log, or the one-line error. */
    public static PrintStream printStream(Path file) {
        try {
            return new PrintStream(file.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An interval log's writer with the header every fwbench log has: a comment, the format
     * version, {@code StartTime} and {@code BaseTime} (epoch ms: interval timestamps are written
     * relative to it, and readers add it back), the legend.
     */
    public static HistogramLogWriter logWriter(PrintStream out, String comment, long startEpochMillis) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        w.outputComment(comment);
        w.outputLogFormatVersion();
        w.outputStartTime(startEpochMillis);
        w.setBaseTime(startEpochMillis);
        w.outputLegend();
        return w;
    }

    /** Request names become file names: keep letters, digits, '.', '-', '_'. */
    public static String fileName(String requestName) {
        return requestName.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** The schedule lag to report with the summary (open model). */
    public void lag(ScheduleLag lag) {
        this.lag = lag;
    }

    /** The client floor to report beside the target's numbers (request name -> corrected percentiles). */
    public void clientFloor(Map<String, LatencySummary.Percentiles> floor) {
        this.clientFloor = floor;
    }

    /** How the engine ran (connections, waits...), for the summary. */
    public void injector(Map<String, Object> facts) {
        this.injector = facts;
    }

    /** The summary, once closed. */
    public LatencySummary summary() {
        return summary;
    }

    /** Writes the last interval, closes the logs and writes the summaries. Idempotent. */
    @Override
    public synchronized void close() {
        if (summary != null) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        tick();
        streams.forEach(PrintStream::close);
        List<LatencySummary.Request> requests = new ArrayList<>();
        recorders.values().stream().sorted(java.util.Comparator.comparing(LatencyRecorder::requestName)).forEach(r -> {
            long count = r.correctedTotal().getTotalCount();
            double seconds = r.windowSeconds();
            requests.add(new LatencySummary.Request(r.requestName(), count, r.errors(), seconds,
                    seconds > 0 ? count / seconds : 0, LatencySummary.Percentiles.of(r.correctedTotal()),
                    LatencySummary.Percentiles.of(r.uncorrectedTotal())));
        });
        summary = new LatencySummary(target, simulation, correction, cpu.report(), requests,
                lag == null ? null : lag.report(), clientFloor, injector);
        summary.write(dir);
    }
}
