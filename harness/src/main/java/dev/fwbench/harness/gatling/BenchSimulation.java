package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.HealthProbe;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendOptions;
import dev.fwbench.harness.backend.RunningService;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.NanoClock;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.results.RunDirectory;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.TargetSpec;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plumbing every simulation shares, so that a simulation reads as one page: which
 * targets ({@code -Dtarget=nestjs|django|both}, or {@code -Dbase.url=} for a service already
 * running), the load shape ({@link LoadShape}), bringing targets up in {@link #before()} and
 * down in {@link #after()} through a harness backend (containers where Docker answers, else processes), timing every request into
 * the HdrHistogram capture, SLO assertions, console progress and the run directory.
 *
 * <p>Targets run one after the other ({@code andThen}), never at once: on a small machine
 * two targets under load at the same time would measure each other.
 *
 * <p>Requests name absolute URLs from session attributes ({@code #{fw_base}/json}), because
 * the targets' ports are known only once {@code before()} has started them.
 */
public abstract class BenchSimulation extends Simulation {
    /** Session attributes (underscores: a dot in Gatling EL means "property of"). */
    public static final String BASE = "fw_base";
    public static final String WS = "fw_ws";
    public static final String TOKEN = "fw_token";
    static final String TARGET = "fw_target";
    protected static final String INTENDED = "fw_intended";
    static final String START = "fw_start";
    static final String PHASE = "fw_phase";
    static final String MEASURED = "measured";
    static final String WARM_UP = "warm-up";

    protected final String simulationName = getClass().getSimpleName();
    protected final LoadShape shape;
    protected final List<BenchTarget> targets;
    /** {@code -Dhdr=false} drops the HdrHistogram timing, to measure what it costs. */
    protected final boolean hdr = parseHdr();
    private final Map<String, BenchTarget> byName = new LinkedHashMap<>();
    private final Double sloP99Ms;
    private final Double sloErrorsPct;
    private final int workers;

    /**
     * Keep-alive connections shared by all virtual users, as a browser or API client pool
     * reuses them: without it each open-model user would also pay a TCP connect. The warm-up
     * request Gatling sends by default goes off the machine; it is disabled.
     */
    protected final HttpProtocolBuilder httpProtocol = http.disableWarmUp().shareConnections()
            .acceptHeader("application/json").userAgentHeader("fwbench-gatling");

    private Backend backend;
    private RunDirectory run;
    private ScheduledExecutorService ticker;
    private Instant startedAt;

    protected BenchSimulation() {
        LoadShape s = null;
        List<BenchTarget> t = null;
        Double p99 = null;
        Double errors = null;
        int w = 0;
        try {
            s = LoadShape.fromSystemProperties();
            t = resolveTargets();
            p99 = optionalNumber("slo.p99.ms");
            errors = optionalNumber("slo.errors.pct");
            w = (int) LoadShape.whole("workers", "0");
        } catch (BenchException e) {
            fail(e);
        }
        shape = s;
        targets = t;
        sloP99Ms = p99;
        sloErrorsPct = errors == null ? Double.valueOf(1.0) : errors;
        workers = w;
        targets.forEach(x -> byName.put(x.name(), x));
    }

    /**
     * Whether a request name is in {@code -Drequests=} (comma-separated names, e.g.
     * {@code "db,queries 20"}), to measure some endpoints alone; all when unset.
     */
    protected static boolean selected(String requestName) {
        String only = System.getProperty("requests", "");
        return only.isBlank() || Stream.of(only.split(",")).map(String::trim).anyMatch(requestName::equals);
    }

    /** The chains taken in turn, one per user (Gatling's round robin needs two or more). */
    protected static ChainBuilder inTurn(List<ChainBuilder> chains) {
        if (chains.isEmpty()) {
            fail(new BenchException("-Drequests='" + System.getProperty("requests") + "' selects no request of this simulation"));
        }
        return chains.size() == 1 ? chains.get(0) : io.gatling.javaapi.core.CoreDsl.roundRobinSwitch().on(chains);
    }

    /** Whether {@link #before()} should log in once per target (for write requests). */
    protected boolean needsToken() {
        return false;
    }

    // ---------------------------------------------------------------- building the simulation

    /**
     * Sets the simulation up: one scenario per target, each user running {@code userChain},
     * injected with the load shape, targets one after the other, with the SLO assertions.
     */
    protected void runEachTarget(Function<BenchTarget, ChainBuilder> userChain) {
        runEachTarget(userChain, scn -> GatlingInjection.inject(shape, scn));
    }

    /** As above, with the simulation's own injection (e.g. long-lived WebSocket connections). */
    protected void runEachTarget(Function<BenchTarget, ChainBuilder> userChain,
                                 Function<ScenarioBuilder, PopulationBuilder> injection) {
        List<PopulationBuilder> pops = new ArrayList<>();
        for (BenchTarget target : targets) {
            ScenarioBuilder scn = scenario(simulationName + " " + target.name())
                    .exec(arrive(target))
                    .group(target.name()).on(userChain.apply(target));
            pops.add(injection.apply(scn).protocols(httpProtocol));
        }
        // andThen returns a new builder: chain from the last target back to the first
        PopulationBuilder first = pops.get(pops.size() - 1);
        for (int i = pops.size() - 2; i >= 0; i--) {
            first = pops.get(i).andThen(first);
        }
        setUp(first).assertions(slos());
    }

    /** The first step of every user: numbers it and, in the open model, sets its intended start. */
    private ChainBuilder arrive(BenchTarget target) {
        return exec(session -> {
            long k = target.arrive(System.nanoTime());
            Session s = session.set(TARGET, target.name())
                    .set(BASE, target.baseUrl().toString())
                    .set(WS, target.wsUrl() == null ? "" : target.wsUrl().toString())
                    .set(TOKEN, target.token() == null ? "" : target.token());
            return shape.definesIntendedStart()
                    ? s.set(INTENDED, target.originNanos() + shape.intendedOffsetNanos(k)) : s;
        });
    }

    /**
     * One timed request: inside a "warm-up" or "measured" group (so Gatling's report and the
     * SLOs can tell them apart), its latency recorded into the target's capture when measured.
     * Timed from the intended start the session carries (set by the open model's arrival, or
     * by {@link #intend(ChainBuilder, java.util.function.ToLongFunction)}), which is then
     * cleared: a later request of the same user has no planned start of its own.
     */
    protected ChainBuilder timed(String requestName, ActionBuilder request) {
        return exec(session -> {
            long now = System.nanoTime();
            BenchTarget t = byName.get(session.getString(TARGET));
            long intended = session.contains(INTENDED) ? session.getLong(INTENDED) : now;
            boolean warm = intended - t.originNanos() < shape.warmupSeconds() * 1_000_000_000L;
            Session s = session.set(PHASE, warm ? WARM_UP : MEASURED);
            return hdr ? s.set(START, now) : s;
        }).group("#{" + PHASE + "}").on(exec(request)).exec(session -> {
            long end = System.nanoTime();
            BenchTarget t = byName.get(session.getString(TARGET));
            boolean ok = !session.isFailed();
            if (MEASURED.equals(session.getString(PHASE))) {
                if (hdr) {
                    long start = session.getLong(START);
                    long intended = session.contains(INTENDED) ? session.getLong(INTENDED) : start;
                    t.capture.recorder(requestName).record(intended, start, end, ok);
                }
                t.completed.increment();
                if (!ok) {
                    t.failed.increment();
                }
            }
            return session.markAsSucceeded().remove(INTENDED);
        });
    }

    /**
     * Measurements outside Gatling's injection, run per target after the Gatling load and
     * before the captures close (e.g. WebSocket broadcast fan-out, which needs receipt
     * times finer than Gatling's milliseconds). Record into {@link #recorder}.
     */
    protected void afterLoad(BenchTarget target) {
    }

    /** The HdrHistogram recorder of a target for a request name (null with -Dhdr=false). */
    protected LatencyRecorder recorder(BenchTarget target, String requestName) {
        return hdr ? target.capture.recorder(requestName) : null;
    }

    /** Sets the intended start of the next {@link #timed} request from the session (e.g. a paced loop). */
    protected static ChainBuilder intend(java.util.function.ToLongFunction<Session> intendedNanos) {
        return exec(session -> session.set(INTENDED, intendedNanos.applyAsLong(session)));
    }

    /** Schedule origin of a target: the start of its first user (System.nanoTime). */
    protected long originNanos(Session session) {
        return byName.get(session.getString(TARGET)).originNanos();
    }

    /**
     * SLOs per target on its "measured" group: every timed request sits in a group of its
     * own, so the group's statistics are those of every measured request of the target
     * (a group of one request has that request's response time). Error rate: failed
     * requests in % ({@code -Dslo.errors.pct}, default 1); optionally p99 in ms
     * ({@code -Dslo.p99.ms}), judged on Gatling's whole-millisecond statistics.
     */
    private Assertion[] slos() {
        List<Assertion> all = new ArrayList<>();
        for (BenchTarget t : targets) {
            all.add(details(t.name(), MEASURED).failedRequests().percent().lte(sloErrorsPct));
            if (sloP99Ms != null) {
                all.add(details(t.name(), MEASURED).responseTime().percentile(99.0).lte((int) Math.round(sloP99Ms)));
            }
        }
        return all.toArray(Assertion[]::new);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void before() {
        try {
            startedAt = Instant.now();
            BenchHome home = BenchHome.locate();
            // -Dfwbench.runs: another parent folder for run directories (the build's smoke runs)
            String runs = System.getProperty("fwbench.runs");
            run = runs == null ? RunDirectory.create(home, simulationName, parameters())
                    : RunDirectory.create(Path.of(runs), home.root(), simulationName, parameters());
            Console.info("%s: %s against %s%s; run directory %s", simulationName, shape.describe(),
                    String.join(" then ", targets.stream().map(BenchTarget::name).toList()),
                    hdr ? "" : " (HdrHistogram capture OFF: -Dhdr=false)", run.root());
            for (BenchTarget t : targets) {
                if (t.framework() != null) {
                    if (backend == null) {
                        // -Dbackend=auto|containers|process, -Dserver.cpus=, -Dserver.memory=, -Dimage.node=...
                        backend = BackendOptions.fromSystemProperties(Duration.ofSeconds(300)).open(home, run.root());
                    }
                    RunningService svc = backend.start(new TargetSpec(t.framework(), System.getProperty("variant." + t.name()),
                            workers, 0, 0));
                    t.baseUrl = svc.baseUrl();
                    t.wsUrl = svc.wsUrl();
                    run.addTarget(t.name(), backend.name(), svc.baseUrl().toString(), svc.health());
                    run.put("configuration", backend.configuration());
                } else {
                    run.addTarget(t.name(), "external", t.baseUrl().toString(),
                            HealthProbe.await(t.name(), t.baseUrl(), List.of(), Duration.ofSeconds(30)));
                }
                if (needsToken()) {
                    t.token = ApiLogin.token(t.baseUrl());
                }
                t.cpu = InjectorCpu.fromSystemProperties();
                t.capture = new LatencyCapture(run.hdr().resolve(simulationName).resolve(t.name()), t.name(),
                        simulationName, shape.correction(), NanoClock.SYSTEM, t.cpu);
                if (hdr) {
                    t.capture.startTicking();
                }
            }
            startTicker();
        } catch (BenchException e) {
            if (backend != null) {
                backend.close();
            }
            fail(e);
        }
    }

    /** Every second: injector CPU for the target under measured load; every 5 s: progress. */
    private void startTicker() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "fwbench-progress");
            th.setDaemon(true);
            return th;
        });
        long[] lastCompleted = new long[targets.size()];
        long[] lastReported = new long[targets.size()];
        int[] tick = {0};
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            tick[0]++;
            for (int i = 0; i < targets.size(); i++) {
                BenchTarget t = targets.get(i);
                long done = t.completed.sum();
                t.cpu.sample(now, done > lastCompleted[i]);
                lastCompleted[i] = done;
                boolean warm = now - t.originNanos() < shape.warmupSeconds() * 1_000_000_000L;
                if (tick[0] % 5 == 0 && t.originNanos() != 0 && (warm || done > lastReported[i])) {
                    String phase = warm ? WARM_UP : MEASURED;
                    Console.info("%s %s %s: %.1f req/s measured over the last 5 s, %d failed so far",
                            simulationName, t.name(), phase, (done - lastReported[i]) / 5.0, t.failed.sum());
                    lastReported[i] = done;
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void after() {
        for (BenchTarget t : targets) {
            if (t.capture != null && t.wsUrl() != null) {
                try {
                    afterLoad(t);
                } catch (BenchException e) {
                    Console.warn("%s %s: %s", simulationName, t.name(), e.getMessage());
                    t.failed.increment();
                }
            }
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        boolean saturated = false;
        Map<String, Object> measured = new LinkedHashMap<>();
        for (BenchTarget t : targets) {
            if (t.capture == null) {
                continue;
            }
            t.capture.close();
            saturated |= t.capture.summary().injectorCpu().saturated();
            System.err.println();
            System.err.print(t.capture.summary().toText());
            measured.put(t.name(), Map.of("completed", t.completed.sum(), "failed", t.failed.sum()));
        }
        if (backend != null) {
            backend.close();
        }
        if (run != null) {
            run.put("measuredRequests", measured);
            run.put("injectorSaturated", saturated);
            run.put("finishedAt", Instant.now().toString());
            adoptGatlingFolder();
            Console.info("%s done: HdrHistogram summaries in %s, Gatling report in %s", simulationName,
                    run.hdr().resolve(simulationName), run.gatling());
            if (saturated) {
                Console.warn("the injector was CPU-saturated: latencies include its own queueing (see summary.txt)");
            }
        }
    }

    /**
     * Gatling writes each run into {@code <resultsFolder>/<simulation>-<timestamp>/} and
     * renders the HTML report there after {@code after()}. That folder is moved into the run
     * directory's {@code gatling/} and a link left in its place, so the report lands beside
     * our own results.
     */
    private void adoptGatlingFolder() {
        String results = System.getProperty("fwbench.gatling.results");
        if (results == null) {
            return;
        }
        String prefix = simulationName.toLowerCase(java.util.Locale.ROOT) + "-";
        try (Stream<Path> dirs = Files.list(Path.of(results))) {
            Path newest = dirs.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.toFile().lastModified() >= startedAt.toEpochMilli() - 60_000)
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
            if (newest == null) {
                return;
            }
            Path moved = run.gatling().resolve(newest.getFileName());
            Files.move(newest, moved);
            Files.createSymbolicLink(newest, moved);
            run.put("gatlingReport", run.root().relativize(moved.resolve("index.html")).toString());
        } catch (IOException e) {
            Console.warn("Gatling's report stays in %s (could not move it into the run directory: %s)", results,
                    e.getMessage());
        }
    }

    // ---------------------------------------------------------------- parameters

    private static List<BenchTarget> resolveTargets() {
        String baseUrl = System.getProperty("base.url");
        String target = System.getProperty("target", "both").trim();
        if (baseUrl != null && !baseUrl.isBlank()) {
            URI base = parseUrl("base.url", baseUrl.replaceAll("/+$", ""), "http");
            String ws = System.getProperty("ws.url");
            URI wsUrl = ws == null || ws.isBlank() ? URI.create(base.toString().replaceFirst("^http", "ws"))
                    : parseUrl("ws.url", ws.replaceAll("/+$", ""), "ws");
            String name = target.equals("both") ? "external" : Framework.parse(target).id();
            return List.of(new BenchTarget(name, null, base, wsUrl));
        }
        List<Framework> frameworks = target.equalsIgnoreCase("both") ? List.of(Framework.NESTJS, Framework.DJANGO)
                : List.of(Framework.parse(target));
        return frameworks.stream().map(f -> new BenchTarget(f.id(), f, null, null)).toList();
    }

    private static URI parseUrl(String property, String value, String scheme) {
        try {
            URI u = URI.create(value);
            if (u.getScheme() == null || !u.getScheme().startsWith(scheme) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new BenchException("-D" + property + " must be a " + scheme + ":// URL (got '" + value + "')");
        }
    }

    private static Double optionalNumber(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? null : LoadShape.number(name, v);
    }

    private static boolean parseHdr() {
        String v = System.getProperty("hdr", "true").trim();
        if (!v.equals("true") && !v.equals("false")) {
            fail(new BenchException("-Dhdr must be true or false (got '" + v + "')"));
        }
        return v.equals("true");
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("simulation", simulationName);
        p.put("targets", targets.stream().map(BenchTarget::name).toList());
        p.putAll(shape.parameters());
        p.put("workers", workers == 0 ? "framework default" : workers);
        p.put("hdr", hdr);
        p.put("sloP99Ms", sloP99Ms);
        p.put("sloErrorsPct", sloErrorsPct);
        p.put("httpConnections", "shared keep-alive pool (Gatling shareConnections)");
        for (String k : List.of("requests", "base.url", "ws.url", "db.url", "variant.nestjs", "variant.django", "ws.connections",
                "injector.cpu.budget", "injector.cpu.threshold")) {
            if (System.getProperty(k) != null) {
                p.put(k, System.getProperty(k));
            }
        }
        p.put("javaOpts", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        return p;
    }

    /**
     * Bad input: one line, no stack trace, and exit code 1 from the Gatling JVM (2 would
     * make the Maven plugin report "assertions failed").
     */
    static void fail(BenchException e) {
        System.err.println("[fwbench] error: " + e.getMessage());
        System.err.flush();
        System.exit(1);
    }
}
