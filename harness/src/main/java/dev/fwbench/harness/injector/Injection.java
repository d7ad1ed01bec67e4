package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.QuietMoment;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One load on one server, HTTP ({@link TargetLoad}) or WebSocket echo ({@link EchoLoad}), as
 * the driver and the client floor use it: start it, watch its counters, read what it did. What
 * both keep is here: the load shape and its phases (a request due in the warm-up is sent, timed
 * and counted like a measured one, into the warm-up's own counters and recorders, which nothing
 * reads; the schedule ends after the measured phase), the shard, the lag, the drain, the
 * schedule's origin and the counters of measured answers.
 */
abstract class Injection {
    /** {@link #start(long)}'s origin meaning "as soon as the connections are open". */
    static final long NOW = Long.MIN_VALUE;

    final LoadShape load;
    final Shard shard;
    /** Where the open model's dispatch lag goes (null: not recorded). */
    final ScheduleLag lag;
    /** How long after the schedule's end answers are awaited before the rest counts as failed. */
    final long drainNanos;
    final long warmupNanos;
    /** The end of the schedule after its origin: warm-up and measured phase. */
    final long endOffsetNanos;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** By phase ({@link Exchange#phase}): the warm-up's counts (read by nobody), then {@link #completed} and {@link #failed}. */
    final LongAdder[] completedBy = {new LongAdder(), completed};
    final LongAdder[] failedBy = {new LongAdder(), failed};
    /** System.nanoTime of arrival 0 (or of the users' start); 0 before the start. */
    volatile long origin;
    /** The open model's schedule once started (null: closed model, or not started). */
    volatile OpenSchedule schedule;

    Injection(LoadShape load, Shard shard, ScheduleLag lag, long drainNanos) {
        this.load = load;
        this.shard = shard;
        this.lag = lag;
        this.drainNanos = drainNanos;
        this.warmupNanos = TimeUnit.SECONDS.toNanos(load.warmupSeconds());
        this.endOffsetNanos = TimeUnit.SECONDS.toNanos((long) load.warmupSeconds() + load.durationSeconds());
    }

    /**
     * The phase of a request due at {@code intendedNanos}, {@link Exchange#WARM_UP} or
     * {@link Exchange#MEASURED} (past the warm-up): an index into the per-phase recorders and
     * counters, never branched on (see {@link Exchange}).
     */
    final int phase(long intendedNanos) {
        return Exchange.phase(intendedNanos - origin, warmupNanos);
    }

    /** Starts the schedule now; completes once every answer is in (or counted as failed). */
    final CompletableFuture<Void> start() {
        return start(NOW);
    }

    /**
     * Starts the schedule with its arrival 0 (or its users) due at {@code originNanos}
     * ({@link System#nanoTime()}; ahead of now for shards waiting for their shared start
     * instant), or at once with {@link #NOW}; completes once every answer is in (or failed).
     */
    abstract CompletableFuture<Void> start(long originNanos);

    /** System.nanoTime of the schedule's start, 0 before. */
    final long originNanos() {
        return origin;
    }

    /** Measured requests (frames) answered so far, and how many of them failed. */
    final long completed() {
        return completed.sum();
    }

    final long failed() {
        return failed.sum();
    }

    /**
     * Whether this load leaves the injector idle for the next {@code nanos} (see
     * {@link OpenSchedule#quiet}); a closed model, always busy, or a load not started yet: true
     * (nothing is gained by waiting).
     */
    final boolean quiet(long nanos) {
        OpenSchedule s = schedule;
        return s == null || s.quiet(nanos);
    }

    /** How the engine ran, for the summary. */
    abstract Map<String, Object> facts();

    /**
     * The load of {@code names} (the catalogue's: fixed HTTP requests, or "echo" alone) on the
     * server at {@code baseUrl} / {@code wsUrl}, recorded into {@code capture} (null: nowhere).
     */
    static Injection of(InjectorLoop injector, List<String> names, URI baseUrl, URI wsUrl, String token, LoadShape load,
                        int connections, int wsConnections, LatencyCapture capture, ScheduleLag lag, long drainNanos) {
        return of(injector, names, baseUrl, wsUrl, token, load, Shard.WHOLE, connections, wsConnections, capture, lag,
                drainNanos);
    }

    /**
     * As above, for one shard of the plan's load: its arrivals of {@code load} (the plan's shape),
     * its part of the users and of both connection bounds ({@code connections}, {@code wsConnections}
     * are the plan's, split as users are).
     */
    static Injection of(InjectorLoop injector, List<String> names, URI baseUrl, URI wsUrl, String token, LoadShape load,
                        Shard shard, int connections, int wsConnections, LatencyCapture capture, ScheduleLag lag,
                        long drainNanos) {
        LoadShape part = shard.part(load);
        if (RequestCatalogue.isWebSocket(names)) {
            LatencyRecorder r = capture == null ? null : capture.singleWriterRecorder(RequestCatalogue.ECHO);
            return new EchoLoad(injector, URI.create(wsUrl.toString().replaceAll("/$", "") + "/ws/echo"),
                    shard.users(wsConnections), part, shard, r, lag, drainNanos);
        }
        List<RequestShape> shapes = RequestCatalogue.shapes(names, baseUrl, token);
        // one writer: everything is recorded on the injector's one event loop thread
        LatencyRecorder[] recorders = shapes.stream()
                .map(s -> capture == null ? null : capture.singleWriterRecorder(s.name())).toArray(LatencyRecorder[]::new);
        return new TargetLoad(injector, new InetSocketAddress(baseUrl.getHost(), RequestCatalogue.port(baseUrl)),
                shard.users(connections), shapes, part, shard, recorders, lag, drainNanos);
    }

    /** Facts every injection shares. */
    /**
     * The injector JVM's JIT, from its flags: {@code ./bench} runs C1 only (see the script: C2's
     * compilations trickling in at low rates were the p99 of the timing floor).
     */
    static String jit() {
        String level = null;
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:TieredStopAtLevel=")) {
                level = arg.substring("-XX:TieredStopAtLevel=".length()); // the last one wins, as in the JVM
            }
        }
        if (level == null || "4".equals(level)) {
            return "C1 and C2 (tiered, the JVM's default)" + (level == null ? "" : ": -XX:TieredStopAtLevel=4");
        }
        return "C1 only: -XX:TieredStopAtLevel=" + level + " (./bench's default)";
    }

    static Map<String, Object> facts(InjectorLoop injector) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "lean (" + injector.transport() + ", one event loop thread)");
        m.put("jit", jit());
        m.put("onceASecond", QuietMoment.RULE);
        m.put("answerPoll", AnswerPoll.RULE);
        return m;
    }
}
