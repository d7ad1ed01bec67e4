package dev.fwbench.harness.injector;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.latency.QuietMoment;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.SearchShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.InjectorSettings;
import dev.fwbench.harness.run.LoadProgress;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import dev.fwbench.harness.shards.ShardPart;
import dev.fwbench.harness.targets.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The lean engine as a driver ({@code ./bench load -D...}, a plan's {@code engine: lean}):
 * reads the same settings as the Gatling simulations, measures the client floor
 * ({@link ClientFloor}), then loads each target in turn (never two at once) with
 * {@link TargetLoad}, and writes the run directory in the Gatling runs' layout
 * ({@code hdr/LeanLoad/<target>/}: interval logs, {@code summary.json}), so that every reader
 * of results (the suite runner, compare, the report) takes it as it is.
 *
 * <p><b>As one shard of several</b> ({@code -Dshard=i/N -Dstart.at=<UTC instant>}, see
 * {@code load.Shard}): it loads one service the shards share (an external target), measures its
 * clock's offset to the reference ({@code -Dclock.url}, {@code shards.ClockCheck}), warms up
 * and times its floor before the start instant, then plays its part of the plan from that
 * instant (its interval logs cut on whole seconds from it), and tags {@code run.json} with the
 * shard ({@code "shard"}) for {@code bench merge}.
 */
public final class LeanLoad {
    /** The scenario name of its run directory and interval logs. */
    public static final String SCENARIO = "LeanLoad";
    /** Intervals of made-up latencies the capture's path is compiled on before any load ({@link LatencyCapture#warmUpJit}). */
    static final int CAPTURE_WARM_UP_TICKS = 200;
    /**
     * What {@link #lead} allows for them: they run beside the requests' JIT warm-up (or the target's
     * start), and can outlast it on a busy machine.
     */
    static final int CAPTURE_WARM_UP_SECONDS = 2;
    /** Exit code of a run whose SLO broke (0: met; 2: bad input, as every bench command). */
    public static final int SLO_BROKEN = 3;

    private LeanLoad() {
    }

    /** Everything the lean engine reads. */
    public static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(RunSettings.all());
        all.addAll(LoadShape.settings());
        all.addAll(Slo.settings());
        all.addAll(InjectorSettings.all());
        all.addAll(Shard.settings());
        all.addAll(SearchShape.settings());
        return all;
    }

    /**
     * How far ahead of the start instant a shard must be started: the capture's JIT warm-up
     * ({@value #CAPTURE_WARM_UP_SECONDS} s: 1 to 2 s here), the requests' JIT warm-up
     * ({@value ClientFloor#WARM_SECONDS} s), the client floor, and 3 s for the clock check, the
     * target's {@code /health} and login and the first connections (measured here: well under 1 s).
     */
    public static Duration lead(int floorSeconds) {
        return Duration.ofSeconds(CAPTURE_WARM_UP_SECONDS + (floorSeconds > 0 ? ClientFloor.WARM_SECONDS + floorSeconds : 0)
                + 3L);
    }

    /**
     * Runs the load; returns 0, or {@link #SLO_BROKEN}. Bad settings throw a {@link BenchException} before anything starts.
     * A search ({@code -Dsearch=}, {@link CapacityRun}) returns 0 once it found its level: breaking the SLO is how it ends.
     */
    public static int run(DriverConfig config) {
        LoadShape shape = LoadShape.from(config);
        Slo slo = Slo.from(config);
        SearchShape search = SearchShape.from(config);
        int idleSeconds = config.get(SearchShape.FOOTPRINT_IDLE);
        List<String> names = RequestCatalogue.select(config.get(InjectorSettings.REQUESTS));
        if (search.mode() == SearchShape.Mode.CONNECTIONS && !RequestCatalogue.isWebSocket(names)) {
            throw new BenchException("-Dsearch=connections ramps WebSocket connections: it sends -Drequests=echo");
        }
        if (search.active() && slo.p99Ms() == null) {
            throw new BenchException("-Dsearch=" + search.mode().word() + " judges each step by the SLO: give -Dslo.p99.ms "
                    + "(and -Dslo.errors.pct, default 1 %)");
        }
        int connections = config.get(InjectorSettings.CONNECTIONS);
        int floorSeconds = config.get(InjectorSettings.FLOOR_SECONDS);
        long drainNanos = TimeUnit.SECONDS.toNanos(config.get(InjectorSettings.DRAIN_SECONDS));
        Shard shard = Shard.parse(config.get(Shard.SHARD), "-Dshard");
        if (search.active() && !shard.isWhole()) {
            throw new BenchException("-Dsearch=" + search.mode().word() + " finds one injector's level step by step: it does "
                    + "not split over shards; drop -Dshard (or -Dsearch)");
        }
        Instant startAt = ShardPart.check(config, shard, shape, List.of(InjectorSettings.CONNECTIONS,
                InjectorSettings.WS_CONNECTIONS), lead(floorSeconds), "JIT warm-ups, " + floorSeconds + " s of client floor, "
                + "clock check, the target's /health");
        URI clockUrl = config.get(Shard.CLOCK_URL);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("driver", "lean");
        parameters.put("simulation", SCENARIO);
        parameters.putAll(shape.parameters());
        if (search.active()) {
            parameters.put("search", search.parameters());
        }
        parameters.put("requests", names);
        if (startAt != null) {
            parameters.put("shard", shard.toString());
        }
        Path runDir;
        int code;
        try (RunContext ctx = RunContext.open(SCENARIO, config, "both", parameters);
             InjectorLoop injector = new InjectorLoop("fwbench-injector")) {
            ctx.run().put("injector", Map.of("engine", "lean", "transport", injector.transport(), "eventLoopThreads", 1,
                    "connections", shape.model() == LoadShape.Model.OPEN ? "at most " + connections + " per target (a "
                            + "request finding all busy waits; the wait is in its corrected latency)" : "one per user",
                    "requests", "pre-encoded HTTP/1.1, keep-alive, one in flight per connection",
                    "nettyLeakDetection", InjectorLoop.LEAK_DETECTION,
                    "warmUp", "the capture's path compiled on " + CAPTURE_WARM_UP_TICKS + " made-up intervals first; each "
                            + "target's warm-up requests recorded through the measured path into recorders not reported"));
            Console.info("%s: %s of %s against %s; run directory %s", SCENARIO, shape.describe(), String.join(", ", names),
                    String.join(" then ", ctx.targets().stream().map(Target::name).toList()), ctx.run().root());
            ShardPart part = startAt == null ? null
                    : ShardPart.record(ctx, shard, shape, startAt, connections, config.get(InjectorSettings.WS_CONNECTIONS));
            // the capture's once-a-second path compiled before anything is timed (even without a floor), on a thread
            // of its own beside the requests' JIT warm-up or the target's start, awaited before the first timed load
            Runnable captureWarmedUp = captureWarmUp(ctx.injectorCpu(ctx.targets().get(0)));
            Map<String, LatencySummary.Percentiles> floor = floorSeconds == 0 ? null
                    : clientFloor(ctx, injector, names, search.active() ? floorShape(shape, search) : shard.own(shape), shard,
                    part, floorSeconds, captureWarmedUp);
            if (part != null) {
                part.checkClock(clockUrl); // after the warm-up and the floor: the JVM compiled and quiet, round trips short
            }
            if (search.active()) {
                searchEach(ctx, injector, names, shape, search, slo, connections, floor, idleSeconds, captureWarmedUp);
                return 0;
            }
            List<Loaded> loaded = new ArrayList<>();
            Map<String, Object> footprints = new LinkedHashMap<>();
            for (Target t : ctx.targets()) {
                ActiveTarget a = ctx.start(t, RequestCatalogue.needsToken(names));
                captureWarmedUp.run();
                footprint(ctx, a, idleSeconds, footprints);
                loaded.add(load(ctx, injector, a, names, shape, part, connections, drainNanos, floor));
            }
            boolean saturated = ctx.finishLoad(loaded);
            if (part != null) {
                part.judge(loaded.get(0).capture.summary());
            }
            boolean broken = false;
            for (Loaded l : loaded) {
                broken |= !meets(l.capture.summary(), slo);
            }
            if (saturated) {
                ctx.run().put("trustworthy", false);
            }
            runDir = ctx.run().root();
            code = broken ? SLO_BROKEN : 0;
        }
        // after the context closed: run.json finished, the resource samples flushed; a failure is a warning
        HtmlReport.writeAfterRun(runDir);
        return code;
    }

    /**
     * The client floor: the same requests at this injector's own load ({@code own}: a shard's
     * share, a search's first level) against the in-process baseline, recorded in run.json.
     */
    private static Map<String, LatencySummary.Percentiles> clientFloor(RunContext ctx, InjectorLoop injector,
                                                                      List<String> names, LoadShape own, Shard shard,
                                                                      ShardPart part, int floorSeconds,
                                                                      Runnable captureWarmedUp) {
        LatencyCapture fc = ctx.capture(LatencyCapture.CLIENT_FLOOR, SCENARIO, own.correction(), ctx.injectorCpu(
                ctx.targets().get(0)));
        if (part != null) {
            fc.source(part.source("its own floor, before the start"));
        }
        fc.startTicking();
        Map<String, LatencySummary.Percentiles> floor = ClientFloor.measure(injector, names, own,
                shard.users(ctx.config().get(InjectorSettings.CONNECTIONS)),
                shard.users(ctx.config().get(InjectorSettings.WS_CONNECTIONS)), floorSeconds, fc, captureWarmedUp);
        ctx.run().put("clientFloorMs", floor);
        Console.info("client floor (in-process baseline, same requests and rate): %s", describe(floor));
        return floor;
    }

    /** A capacity search ({@code -Dsearch=}) on each target in turn, its result in run.json. */
    private static void searchEach(RunContext ctx, InjectorLoop injector, List<String> names, LoadShape shape,
                                   SearchShape search, Slo slo, int connections,
                                   Map<String, LatencySummary.Percentiles> floor, int idleSeconds,
                                   Runnable captureWarmedUp) {
        Map<String, Object> searches = new LinkedHashMap<>();
        Map<String, Object> footprints = new LinkedHashMap<>();
        for (Target t : ctx.targets()) {
            ActiveTarget a = ctx.start(t, RequestCatalogue.needsToken(names));
            captureWarmedUp.run();
            footprint(ctx, a, idleSeconds, footprints);
            searches.put(a.name(), CapacityRun.run(ctx, injector, a, names, shape, search, slo, connections, floor));
        }
        boolean limited = searches.values().stream().anyMatch(r -> "injector".equals(((Map<?, ?>) r).get("stoppedBy")));
        Map<String, Object> found = new LinkedHashMap<>();
        searches.forEach((name, r) -> found.put(name, Map.of("capacity", String.valueOf(((Map<?, ?>) r).get("capacity")),
                "stoppedBy", ((Map<?, ?>) r).get("stoppedBy"))));
        ctx.finish(limited ? "completed, injector-limited" : "completed", Map.of("search", found, "injectorSaturated", limited));
        if (limited) {
            ctx.run().put("trustworthy", false);
        }
    }

    /** @param part this injector's part of a sharded run (null: alone, starting now) */
    private static Loaded load(RunContext ctx, InjectorLoop injector, ActiveTarget a, List<String> names, LoadShape shape,
                               ShardPart part, int connections, long drainNanos,
                               Map<String, LatencySummary.Percentiles> floor) {
        Shard shard = part == null ? Shard.WHOLE : part.shard();
        Instant localStart = part == null ? null : part.localStart();
        InjectorCpu cpu = ctx.injectorCpu(a.target());
        LatencyCapture capture = ctx.capture(a, SCENARIO, shape.correction(), cpu);
        if (localStart == null) {
            capture.startTicking();
        } else {
            capture.source(part.source("intervals cut on whole seconds from it")).startTickingAlignedTo(localStart);
        }
        ScheduleLag lag = shape.model() == LoadShape.Model.OPEN
                ? new ScheduleLag(ctx.config().get(InjectorSettings.LAG_P99_MS)) : null;
        Injection load = Injection.of(injector, names, a.baseUrl(), a.wsUrl(), a.token(), shape, shard, connections,
                ctx.config().get(InjectorSettings.WS_CONNECTIONS), capture, lag, drainNanos);
        capture.quietWhen(() -> load.quiet(QuietMoment.IDLE_NANOS));
        Loaded l = new Loaded(a.name(), load, capture, cpu);
        try (LoadProgress progress = new LoadProgress(SCENARIO, List.of(l), TimeUnit.SECONDS.toNanos(shape.warmupSeconds()))) {
            long origin = Injection.NOW;
            if (localStart != null) {
                Instant now = Instant.now();
                long ahead = Duration.between(now, localStart).toNanos();
                origin = System.nanoTime() + ahead; // the instant on the monotonic clock the schedule runs by
                if (ahead < 0) {
                    Console.warn("shard %s: the start instant passed %.1f ms ago: this injector starts late (give a "
                            + "start instant at least %d s ahead)", shard, -ahead / 1e6, lead(ctx.config().get(
                            InjectorSettings.FLOOR_SECONDS)).toSeconds());
                }
                part.lateStart(Math.max(0, -ahead / 1e6));
                Console.info("shard %s: %s, starting at %s (in %.1f s)", shard,
                        shape.model() == LoadShape.Model.OPEN ? "one in " + shard.count() + " of the plan's arrivals"
                                : shard.users(shape.users()) + " of the plan's users", localStart, Math.max(0, ahead) / 1e9);
            }
            await(load.start(origin));
        }
        capture.lag(lag);
        capture.clientFloor(floor);
        capture.injector(load.facts());
        return l;
    }

    /**
     * The target's footprint before any load: its cold start (launch to first healthy
     * {@code /health}, from run.json's target entry), {@code seconds} without load whose window
     * the suite reads the idle memory from (the resource samples), and its image size where it
     * has one; added to {@code footprints}, run.json's "footprint" (none when {@code seconds} is 0).
     */
    private static void footprint(RunContext ctx, ActiveTarget a, int seconds, Map<String, Object> footprints) {
        if (seconds <= 0) {
            return;
        }
        Console.info("footprint: %s idle for %d s (its memory without load), then the load", a.name(), seconds);
        long from = System.currentTimeMillis();
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("launchToHealthySeconds", a.service().launchToHealthy().toMillis() / 1000.0);
        f.put("idle", Map.of("fromEpochMs", from, "toEpochMs", System.currentTimeMillis(),
                "rule", "idle memory: the median of the target's memory samples in this window, app processes summed"));
        f.put("size", ctx.footprint(a));
        footprints.put(a.name(), f);
        ctx.run().put("footprint", footprints);
    }

    /** The floor's load: the run's, or a search's first level (its rate, its users). */
    private static LoadShape floorShape(LoadShape shape, SearchShape search) {
        return switch (search.mode()) {
            case CAPACITY -> new LoadShape(LoadShape.Model.OPEN, search.from(), null, 1, 0, 1);
            case USERS -> new LoadShape(LoadShape.Model.CLOSED, 1, null, (int) Math.round(search.from()), 0, 1);
            default -> shape;
        };
    }

    /**
     * Starts the capture's JIT warm-up ({@link LatencyCapture#warmUpJit}) on a thread of its own;
     * the runnable returned waits for it (the first call; later calls return at once).
     */
    private static Runnable captureWarmUp(dev.fwbench.harness.latency.InjectorCpu cpu) {
        CompletableFuture<Double> warm = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                warm.complete(LatencyCapture.warmUpJit(cpu, CAPTURE_WARM_UP_TICKS));
            } catch (RuntimeException | Error e) {
                warm.completeExceptionally(e);
            }
        }, "fwbench-capture-warm-up");
        t.setDaemon(true);
        t.start();
        boolean[] reported = {false};
        return () -> {
            if (!reported[0]) {
                reported[0] = true;
                double seconds = warm.join();
                Console.info("capture JIT warm-up: %d intervals' recording, logging and CPU sampling in %.2f s",
                        CAPTURE_WARM_UP_TICKS, seconds);
            }
        };
    }

    static void await(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException e) {
            throw new BenchException("the load failed: " + e.getCause(), e.getCause());
        }
    }

    /** The SLO on one target's measured requests: errors in %, and p99 on the HdrHistogram numbers when asked. */
    static boolean meets(LatencySummary s, Slo slo) {
        String why = breach(s, slo);
        if (why != null) {
            Console.warn("SLO broken: %s: %s", s.target(), why);
        }
        return why == null;
    }

    /** What broke the SLO ("json: p99 61.204 ms > 50 ms; ..."), or null when every request met it; none measured breaks it. */
    static String breach(LatencySummary s, Slo slo) {
        List<String> broken = new ArrayList<>();
        for (LatencySummary.Request r : s.requests()) {
            double errorsPct = r.count() == 0 ? 0 : 100.0 * r.errors() / r.count();
            if (errorsPct > slo.errorsPct()) {
                broken.add(String.format(java.util.Locale.ROOT, "%s: %.2f %% errors > %s %%", r.name(), errorsPct,
                        plain(slo.errorsPct())));
            }
            if (slo.p99Ms() != null && r.correctedMs().p99() > slo.p99Ms()) {
                broken.add(String.format(java.util.Locale.ROOT, "%s: p99 %.3f ms > %s ms", r.name(), r.correctedMs().p99(),
                        plain(slo.p99Ms())));
            }
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String describe(Map<String, LatencySummary.Percentiles> floor) {
        List<String> parts = new ArrayList<>();
        floor.forEach((n, p) -> parts.add(String.format("%s p50 %.3f ms, p99 %.3f ms", n, p.p50(), p.p99())));
        return String.join("; ", parts);
    }

    /** One target's load as the run context tracks it. */
    record Loaded(String name, Injection load, LatencyCapture capture, InjectorCpu cpu)
            implements LoadProgress.Tracked {
        @Override
        public long completed() {
            return load.completed();
        }

        @Override
        public long failed() {
            return load.failed();
        }

        @Override
        public long originNanos() {
            return load.originNanos();
        }

        @Override
        public boolean quiet() {
            return load.quiet(QuietMoment.IDLE_NANOS);
        }
    }
}
