package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.InjectorSettings;
import dev.fwbench.harness.run.LoadProgress;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.shards.ShardPart;
import dev.fwbench.harness.targets.Target;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Gatling glue, so that a simulation reads as one page: it reads the settings, brings the
 * targets up and logs in through the driver-neutral {@link RunContext} (in the constructor,
 * so every target's URL is in its own protocol), injects the load shape, times every
 * request ({@link #timed}, {@link GatlingTiming}: one group per target and phase, so the
 * warm-up stays apart), turns the SLO into assertions, and closes the run after the load.
 * Targets run one after the other ({@code andThen}): two under load at once would measure
 * each other.
 *
 * <p><b>As one shard of several</b> ({@code -Dshard=i/N -Dstart.at=<UTC instant>}, as the lean
 * engine, see {@code load.Shard}): it loads the one external service the shards share, checks
 * its clock against {@code -Dclock.url} before the load, waits in {@link #before} for the start
 * instant, and plays its part of the plan from it ({@link GatlingInjection#injectShard}: the
 * open model's arrivals {@code k mod N = i - 1} at the plan's due times, or its part of the
 * users); its interval logs are cut on whole seconds from the instant and {@code run.json}
 * carries {@code "shard"} for {@code bench merge}. Its client floor (at its own share of the
 * load) is measured after the load, not before: nothing runs before the instant but the wait.
 */
public abstract class BenchSimulation extends Simulation {
    /** Session attributes: the seeded user's JWT, and the intended start of the next timed request. */
    public static final String TOKEN = GatlingTiming.TOKEN;
    protected static final String INTENDED = GatlingTiming.INTENDED;

    protected final String simulationName = getClass().getSimpleName();
    protected final DriverConfig config;
    protected final LoadShape shape;
    protected final List<BenchTarget> targets = new ArrayList<>();
    /** {@code -Dhdr=false} drops the HdrHistogram timing, to measure what it costs. */
    protected final boolean hdr;
    private final Slo slo;
    private final GatlingTiming timing;
    private final RunContext context;
    /** Every population's target by index (the real ones, then the client floor's), as the timing looks them up. */
    private final List<BenchTarget> all = new ArrayList<>();
    /**
     * The injector's floor: JIT warm-up, then the same chain against the in-process baseline;
     * null with -Dclient.floor.seconds=0 or a simulation's own injection.
     */
    private ClientFloorTargets floor;
    private boolean defaultInjection;
    private final Instant startedAt = Instant.now();
    private LoadProgress progress;
    /** This injector's part of the run: {@link Shard#WHOLE} unless {@code -Dshard}. */
    private final Shard shard;
    /** This injector's part of a sharded run, and the shared instant on this host's clock; null unless sharded. */
    private final ShardPart part;
    private final Instant localStart;


    /**
     * @param login log in once per target before the load (for simulations that write)
     * @param own   the simulation's own settings (read, checked and recorded with the rest)
     */
    protected BenchSimulation(boolean login, Setting<?>... own) {
        RunContext ctx = null;
        ShutdownHooks.forceOnSecondSignal();
        try {
            config = DriverConfig.fromSystem(SimulationSettings.all(own));
            if (config.get(InjectorSettings.ENGINE).equals("lean")) {
                throw new BenchException("-Dengine=lean: the lean engine is './bench load' with these same -D settings "
                        + "(or a plan's 'engine: lean'); mvn gatling:test runs Gatling");
            }
            shape = LoadShape.from(config);
            slo = Slo.from(config);
            hdr = config.get(SimulationSettings.HDR);
            shard = Shard.parse(config.get(Shard.SHARD), "-Dshard");
            Instant startAt = ShardPart.check(config, shard, shape, List.of(), SimulationSettings.SHARD_LEAD,
                    "the target's /health, the clock check, Gatling's start");
            if (startAt != null && !hdr) {
                throw new BenchException("-Dshard with -Dhdr=false: bench merge adds the shards' interval logs; drop "
                        + "-Dhdr=false");
            }
            Map<String, Object> parameters = SimulationSettings.parameters(simulationName, shape);
            if (startAt != null) {
                parameters.put("shard", shard.toString());
            }
            ctx = RunContext.open(simulationName, config, "both", parameters);
            part = startAt == null ? null : ShardPart.record(ctx, shard, shape, startAt, null, null);
            Console.info("%s: %s against %s%s; run directory %s", simulationName, shape.describe(),
                    String.join(" then ", ctx.targets().stream().map(Target::name).toList()),
                    hdr ? "" : " (HdrHistogram capture OFF: -Dhdr=false)", ctx.run().root());
            double lagMs = config.get(InjectorSettings.LAG_P99_MS);
            for (Target t : ctx.targets()) {
                ActiveTarget a = ctx.start(t, login);
                InjectorCpu cpu = ctx.injectorCpu(t);
                BenchTarget b = new BenchTarget(a, all.size(), ctx.capture(a, simulationName, shape.correction(), cpu), cpu,
                        shape, lagMs);
                targets.add(b);
                all.add(b);
            }
            if (part != null) {
                part.checkClock(config.get(Shard.CLOCK_URL));
            }
            localStart = part == null ? null : part.localStart();
            if (localStart != null) {
                targets.forEach(t -> t.shard(shard));
            }
            context = ctx;
            timing = new GatlingTiming(all, hdr); // the client floor's targets join 'all' in runEachTarget
        } catch (BenchException e) {
            if (ctx != null) {
                ctx.close();
            }
            throw fail(e);
        }
    }

    /** Whether a request name is in {@code -Drequests=} (comma-separated names, e.g. "db,queries 20"); all when unset. */
    protected boolean selected(String requestName) {
        String only = config.get(SimulationSettings.REQUESTS);
        return only == null || Stream.of(only.split(",")).map(String::trim).anyMatch(requestName::equals);
    }

    /** The chains taken in turn, one per user (Gatling's round robin needs two or more). */
    protected ChainBuilder inTurn(List<ChainBuilder> chains) {
        if (chains.isEmpty()) {
            throw fail(new BenchException("-Drequests='" + config.get(SimulationSettings.REQUESTS)
                    + "' selects no request of this simulation"));
        }
        return chains.size() == 1 ? chains.get(0) : CoreDsl.roundRobinSwitch().on(chains);
    }

    /** One scenario per target, each user running {@code userChain}, injected with the load shape, with the SLOs. */
    protected void runEachTarget(Function<BenchTarget, ChainBuilder> userChain) {
        defaultInjection = true;
        runEachTarget(userChain, scn -> GatlingInjection.inject(shape, scn));
    }

    /** As above, with the simulation's own injection (e.g. long-lived WebSocket connections). */
    protected void runEachTarget(Function<BenchTarget, ChainBuilder> userChain,
                                 Function<ScenarioBuilder, PopulationBuilder> injection) {
        List<PopulationBuilder> pops = new ArrayList<>();
        int floorSeconds = config.get(InjectorSettings.FLOOR_SECONDS);
        if (localStart != null) {
            runShard(userChain, floorSeconds);
            return;
        }
        if (floorSeconds > 0) {
            floor = new ClientFloorTargets(context, simulationName, shape, floorSeconds, all.size());
            all.addAll(floor.targets());
        }
        if (floor != null && defaultInjection) {
            // first the injector alone: JIT warm-up, then its floor at the run's own load, against the in-process
            // baseline
            pops.add(population(floor.jit(), userChain, scn -> scn.injectClosed(
                    constantConcurrentUsers(ClientFloorTargets.JIT_USERS).during(ClientFloorTargets.JIT_SECONDS))));
            pops.add(population(floor.floor(), userChain, scn -> GatlingInjection.inject(floor.floor().shape, scn)));
        }
        for (BenchTarget t : targets) {
            pops.add(population(t, userChain, injection));
        }
        if (floor != null && !defaultInjection) {
            // a simulation's own injection (e.g. long-lived WebSocket connections, whose chain reads its target's
            // shape): its floor comes after the targets, the JIT warmed by their load
            pops.add(population(floor.floor(), userChain, injection));
        }
        PopulationBuilder chain = pops.get(pops.size() - 1); // andThen returns a new builder: build from the last back
        for (int i = pops.size() - 2; i >= 0; i--) {
            chain = pops.get(i).andThen(chain);
        }
        setUp(chain).assertions(targets.stream().flatMap(t -> sloAssertions(GatlingTiming.measuredGroup(t))).toList());
    }

    /** A shard's populations: its part of the plan from the start instant, then its client floor at its own load. */
    private void runShard(Function<BenchTarget, ChainBuilder> userChain, int floorSeconds) {
        if (!defaultInjection) {
            throw fail(new BenchException("-Dshard: " + simulationName + " injects its own way (long-lived connections), "
                    + "which is not split across shards; shard the lean engine's echo instead: ./bench load "
                    + "-Drequests=echo -Dshard=i/N -Dstart.at=..."));
        }
        BenchTarget target = targets.get(0); // a shard loads one external service (ShardPart.check)
        PopulationBuilder chain = population(target, userChain, scn -> GatlingInjection.injectShard(shape, shard,
                SimulationSettings.SHARD_EARLY, scn));
        if (floorSeconds > 0) {
            floor = new ClientFloorTargets(context, simulationName, shard.own(shape), floorSeconds, all.size());
            all.addAll(floor.targets());
            chain = chain.andThen(population(floor.floor(), userChain, scn -> GatlingInjection.inject(floor.floor().shape,
                    scn)));
        }
        setUp(chain).assertions(sloAssertions(GatlingTiming.measuredGroup(target)).toList());
    }

    private PopulationBuilder population(BenchTarget t, Function<BenchTarget, ChainBuilder> userChain,
                                         Function<ScenarioBuilder, PopulationBuilder> injection) {
        ScenarioBuilder scn = scenario(simulationName + " " + t.name()).exec(timing.play(t, userChain.apply(t)));
        // keep-alive connections shared by all users, as an API client's pool: no request pays a TCP
        // connect; Gatling's warm-up request would go off the machine. Gatling's shared pool has no
        // upper bound (maxConnectionsPerHost applies per user, not to it): the lean engine's has one
        return injection.apply(scn).protocols(http.baseUrl(t.baseUrl().toString()).wsBaseUrl(t.wsUrl().toString())
                .disableWarmUp().shareConnections().acceptHeader("application/json").userAgentHeader("fwbench-gatling"));
    }

    /** The SLO on a target's "measured" group: errors in %, and p99 on Gatling's whole milliseconds when asked. */
    private Stream<Assertion> sloAssertions(String group) {
        Assertion errors = details(group).failedRequests().percent().lte(slo.errorsPct());
        return slo.p99Ms() == null ? Stream.of(errors)
                : Stream.of(errors, details(group).responseTime().percentile(99.0).lte((int) Math.round(slo.p99Ms())));
    }

    /**
     * One timed request, in its target's "warm-up" or "measured" group, recorded into the
     * target's capture when measured ({@link GatlingTiming}).
     */
    protected ChainBuilder timed(String requestName, ActionBuilder request) {
        return timing.timed(requestName, request);
    }

    /** Sets the intended start of the next {@link #timed} request (e.g. a paced loop). */
    protected static ChainBuilder intend(ToLongFunction<Session> intendedNanos) {
        return GatlingTiming.intend(intendedNanos);
    }

    /**
     * Waits for the intended start set by {@link #intend}: rounded up to Gatling's whole
     * milliseconds, the intended start moved to the end of the wait ({@link GatlingTiming#awaitIntended}).
     */
    protected static ChainBuilder awaitIntended() {
        return GatlingTiming.awaitIntended();
    }

    /** Measurements outside Gatling's injection, per target, after the load (e.g. broadcast fan-out): see {@link #recorder}. */
    protected void afterLoad(BenchTarget target) {
    }

    /** The HdrHistogram recorder of a target for a request name (null with -Dhdr=false). */
    protected LatencyRecorder recorder(BenchTarget target, String requestName) {
        return hdr ? target.capture.recorder(requestName) : null;
    }

    @Override
    public void before() {
        if (hdr) {
            targets.forEach(t -> {
                if (localStart == null) {
                    t.capture.startTicking();
                } else {
                    t.capture.source(part.source("intervals cut on whole seconds from it")).startTickingAlignedTo(localStart);
                }
            });
            if (floor != null) {
                floor.floor().capture.startTicking();
            }
        }
        if (localStart != null) {
            awaitStart();
        }
        progress = new LoadProgress(simulationName, targets, shape.warmupSeconds() * 1_000_000_000L);
    }

    /**
     * A shard's wait until {@link SimulationSettings#SHARD_EARLY} before the start instant, after
     * which Gatling starts its injection: the instant on the monotonic clock becomes its target's schedule
     * origin.
     */
    private void awaitStart() {
        long ahead = Duration.between(Instant.now(), localStart).toNanos();
        long origin = System.nanoTime() + ahead;
        targets.forEach(t -> t.startAt(origin));
        Console.info("shard %s: %s, starting at %s (in %.1f s)", shard, shape.model() == LoadShape.Model.OPEN
                ? "one in " + shard.count() + " of the plan's arrivals" : shard.users(shape.users()) + " of the plan's users",
                localStart, Math.max(0, ahead) / 1e9);
        long release = origin - SimulationSettings.SHARD_EARLY.toNanos();
        if (ahead < SimulationSettings.SHARD_EARLY.toNanos()) {
            Console.warn("shard %s: the start instant is %.1f ms away: Gatling may start late (give a start instant at "
                    + "least %d s ahead)", shard, ahead / 1e6, SimulationSettings.SHARD_LEAD.toSeconds());
        }
        for (long left = release - System.nanoTime(); left > 0; left = release - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void after() {
        for (BenchTarget t : targets) {
            try {
                afterLoad(t);
            } catch (BenchException e) {
                Console.warn("%s %s: %s", simulationName, t.name(), e.getMessage());
                t.failed.increment();
            }
        }
        if (progress != null) {
            progress.close();
        }
        if (floor != null) {
            Map<String, LatencySummary.Percentiles> f = floor.finish();
            targets.forEach(t -> t.capture.clientFloor(f));
            context.run().put("clientFloorMs", f);
        }
        targets.forEach(t -> t.capture.lag(t.lag));
        context.finishLoad(targets);
        if (part != null && hdr) {
            // how late Gatling started the shard's first user after its due time (none started: unknown)
            Long late = targets.get(0).firstLateNanos();
            part.lateStart(late == null ? null : Math.max(0, late / 1e6));
            part.judge(targets.get(0).capture.summary());
        }
        context.close();
        GatlingReport.adopt(config.get(SimulationSettings.GATLING_RESULTS), simulationName, startedAt, context.run());
        Console.info("%s done: HdrHistogram summaries in %s, Gatling report in %s", simulationName,
                context.run().hdr().resolve(simulationName), context.run().gatling());
        HtmlReport.writeAfterRun(context.run().root()); // a failure is a warning: the results are written
    }

    /** Bad input: one line, exit code 1 (2 would read as "assertions failed"); never returns, so {@code throw fail(e)}. */
    static RuntimeException fail(BenchException e) {
        System.err.println("[fwbench] error: " + e.getMessage());
        System.err.flush();
        System.exit(1);
        return e;
    }
}
