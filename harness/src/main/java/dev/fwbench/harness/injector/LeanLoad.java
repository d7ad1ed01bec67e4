package dev.fwbench.harness.injector;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.InjectorSettings;
import dev.fwbench.harness.run.LoadProgress;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import dev.fwbench.harness.targets.Target;
import java.nio.file.Path;
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
 */
public final class LeanLoad {
    /** The scenario name of its run directory and interval logs. */
    public static final String SCENARIO = "LeanLoad";
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
        return all;
    }

    /** Runs the load; returns 0, or {@link #SLO_BROKEN}. Bad settings throw a {@link BenchException} before anything starts. */
    public static int run(DriverConfig config) {
        LoadShape shape = LoadShape.from(config);
        Slo slo = Slo.from(config);
        List<String> names = RequestCatalogue.select(config.get(InjectorSettings.REQUESTS));
        int connections = config.get(InjectorSettings.CONNECTIONS);
        int floorSeconds = config.get(InjectorSettings.FLOOR_SECONDS);
        long drainNanos = TimeUnit.SECONDS.toNanos(config.get(InjectorSettings.DRAIN_SECONDS));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("driver", "lean");
        parameters.put("simulation", SCENARIO);
        parameters.putAll(shape.parameters());
        parameters.put("requests", names);
        Path runDir;
        int code;
        try (RunContext ctx = RunContext.open(SCENARIO, config, "both", parameters);
             InjectorLoop injector = new InjectorLoop("fwbench-injector")) {
            ctx.run().put("injector", Map.of("engine", "lean", "transport", injector.transport(), "eventLoopThreads", 1,
                    "connections", shape.model() == LoadShape.Model.OPEN ? "at most " + connections + " per target (a "
                            + "request finding all busy waits; the wait is in its corrected latency)" : "one per user",
                    "requests", "pre-encoded HTTP/1.1, keep-alive, one in flight per connection"));
            Console.info("%s: %s of %s against %s; run directory %s", SCENARIO, shape.describe(), String.join(", ", names),
                    String.join(" then ", ctx.targets().stream().map(Target::name).toList()), ctx.run().root());
            Map<String, LatencySummary.Percentiles> floor = null;
            if (floorSeconds > 0) {
                LatencyCapture fc = ctx.capture(LatencyCapture.CLIENT_FLOOR, SCENARIO, shape.correction(), ctx.injectorCpu(
                        ctx.targets().get(0))).startTicking();
                floor = ClientFloor.measure(injector, names, shape, connections, config.get(InjectorSettings.WS_CONNECTIONS),
                        floorSeconds, fc);
                ctx.run().put("clientFloorMs", floor);
                Console.info("client floor (in-process baseline, same requests and rate): %s", describe(floor));
            }
            List<Loaded> loaded = new ArrayList<>();
            for (Target t : ctx.targets()) {
                ActiveTarget a = ctx.start(t, RequestCatalogue.needsToken(names));
                loaded.add(load(ctx, injector, a, names, shape, connections, drainNanos, floor));
            }
            boolean saturated = ctx.finishLoad(loaded);
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

    private static Loaded load(RunContext ctx, InjectorLoop injector, ActiveTarget a, List<String> names, LoadShape shape,
                               int connections, long drainNanos, Map<String, LatencySummary.Percentiles> floor) {
        InjectorCpu cpu = ctx.injectorCpu(a.target());
        LatencyCapture capture = ctx.capture(a, SCENARIO, shape.correction(), cpu).startTicking();
        ScheduleLag lag = shape.model() == LoadShape.Model.OPEN
                ? new ScheduleLag(ctx.config().get(InjectorSettings.LAG_P99_MS)) : null;
        Injection load = Injection.of(injector, names, a.baseUrl(), a.wsUrl(), a.token(), shape, connections,
                ctx.config().get(InjectorSettings.WS_CONNECTIONS), capture, lag, drainNanos);
        Loaded l = new Loaded(a.name(), load, capture, cpu);
        try (LoadProgress progress = new LoadProgress(SCENARIO, List.of(l), TimeUnit.SECONDS.toNanos(shape.warmupSeconds()))) {
            await(load.start());
        }
        capture.lag(lag);
        capture.clientFloor(floor);
        capture.injector(load.facts());
        return l;
    }

    private static void await(CompletableFuture<Void> done) {
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
        boolean ok = true;
        for (LatencySummary.Request r : s.requests()) {
            double errorsPct = r.count() == 0 ? 0 : 100.0 * r.errors() / r.count();
            if (errorsPct > slo.errorsPct()) {
                Console.warn("SLO broken: %s %s: %.2f %% errors (at most %.2f %%)", s.target(), r.name(), errorsPct,
                        slo.errorsPct());
                ok = false;
            }
            if (slo.p99Ms() != null && r.correctedMs().p99() > slo.p99Ms()) {
                Console.warn("SLO broken: %s %s: p99 %.3f ms (at most %.3f ms)", s.target(), r.name(), r.correctedMs().p99(),
                        slo.p99Ms());
                ok = false;
            }
        }
        return ok;
    }

    private static String describe(Map<String, LatencySummary.Percentiles> floor) {
        List<String> parts = new ArrayList<>();
        floor.forEach((n, p) -> parts.add(String.format("%s p50 %.3f ms, p99 %.3f ms", n, p.p50(), p.p99())));
        return String.join("; ", parts);
    }

    /** One target's load as the run context tracks it. */
    private record Loaded(String name, Injection load, LatencyCapture capture, InjectorCpu cpu)
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
    }
}
