package dev.fwbench.harness.injector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.SearchShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.InjectorSettings;
import dev.fwbench.harness.run.LoadProgress;
import dev.fwbench.harness.run.RunContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A search on one target ({@code bench load -Dsearch=capacity|users|connections}): the
 * levels {@link CapacitySearch} asks for, each measured as a short run of its own, judged
 * against the SLO, and kept:
 * <pre>
 *   hdr/LeanLoad/&lt;target&gt;/
 *     capacity.json           the search: capacity, failedAt, why it stopped, every step's numbers
 *     summary.json|txt        the numbers of the step at capacity (the last that held; the first step
 *                             when none held): what a suite reads as the trial's latencies
 *     steps/NN-&lt;level&gt;/      each step's interval logs and summary, as any target's folder
 * </pre>
 * The first step follows the warm-up ({@code -Dwarmup} at the first level); every later one
 * has a 1 s lead-in at its own level, unmeasured, so that each measured second is the
 * target's steady state at that level, not its transition from the last. A step that broke
 * the SLO is followed by a second's pause, so the next does not start on its backlog. Each
 * step waits at most {@value #STEP_DRAIN_SECONDS} s for its last answers (a step at twice the
 * target's capacity would otherwise drain for as long as it ran); what is unanswered then
 * counts as failed, which breaks a step that broke anyway. A step whose injector saturated
 * (lag or CPU, as any lean run judges it) is measured once more before it stops the search:
 * on a shared machine one descheduled second must not end it.
 *
 * <p>Connections: the open connections grow with the ramp (100, then 100 more, then 200
 * more...), at most 64 handshakes at a time; a bisection below the open count starts again
 * from none. A connections step holds when every connection asked is open at its end (no
 * failed handshake, none dropped) and its echoes meet the SLO. Before the first connection,
 * {@value #BASELINE_SECONDS} s without any are timed as the memory baseline: memory per
 * connection is read from the target's resource samples in each step's window
 * ({@code fromEpochMs}, {@code toEpochMs}).
 */
final class CapacityRun {
    static final int STEP_DRAIN_SECONDS = 3;
    static final int BASELINE_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One measured step as capacity.json records it; latencies in ms (corrected), {@code dir} relative to the target's folder. */
    record StepRecord(int step, String phase, double level, double offeredRate, double achieved, double p50, double p99,
                      double errorsPct, long count, boolean held, String why, boolean injectorSaturated,
                      Integer openConnections, long fromEpochMs, long toEpochMs, String dir) {
    }

    private CapacityRun() {
    }

    static Map<String, Object> run(RunContext ctx, InjectorLoop injector, ActiveTarget a, List<String> names, LoadShape shape,
                                   SearchShape search, Slo slo, int connections,
                                   Map<String, LatencySummary.Percentiles> floor) {
        Path dir = ctx.run().hdr().resolve(LeanLoad.SCENARIO).resolve(a.name());
        CapacitySearch s = new CapacitySearch(search.from(), search.max(), search.bisections(), search.integral(),
                search.stopsAtBreak());
        boolean ws = RequestCatalogue.isWebSocket(names);
        EchoConnections open = search.mode() == SearchShape.Mode.CONNECTIONS
                ? new EchoConnections(injector, URI.create(a.wsUrl().toString().replaceAll("/$", "") + "/ws/echo")) : null;
        long drainNanos = TimeUnit.SECONDS.toNanos(Math.min(STEP_DRAIN_SECONDS,
                ctx.config().get(InjectorSettings.DRAIN_SECONDS)));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("target", a.name());
        report.putAll(search.parameters());
        report.put("requests", names);
        report.put("slo", Map.of("p99Ms", slo.p99Ms(), "errorsPct", slo.errorsPct()));
        report.put("warmupSeconds", shape.warmupSeconds());
        report.put("stepSeconds", shape.durationSeconds());
        if (open != null) {
            report.put("echoRate", shape.rate());
            long from = System.currentTimeMillis();
            sleep(TimeUnit.SECONDS.toMillis(BASELINE_SECONDS));
            report.put("baseline", Map.of("connections", 0, "fromEpochMs", from, "toEpochMs", System.currentTimeMillis()));
        }
        Console.info("%s: %s search on %s from %s to %s %s, %d s per step, SLO p99 <= %s ms and errors <= %s %%",
                LeanLoad.SCENARIO, search.mode().word(), a.name(), num(search.from()), num(search.max()),
                search.mode().unit(), shape.durationSeconds(), num(slo.p99Ms()), num(slo.errorsPct()));
        List<StepRecord> steps = new ArrayList<>();
        boolean retried = false;
        OptionalDouble next;
        try {
            while ((next = s.next()).isPresent()) {
                double level = next.getAsDouble();
                int number = steps.size() + 1;
                int leadIn = number == 1 ? shape.warmupSeconds() : Math.min(1, shape.warmupSeconds());
                String stepDir = String.format(Locale.ROOT, "steps/%02d-%s", number, num(level));
                Integer openAtEnd = null;
                String connectionTrouble = null;
                LoadShape stepShape;
                if (search.mode() == SearchShape.Mode.USERS) {
                    stepShape = new LoadShape(LoadShape.Model.CLOSED, 1, null, (int) level, leadIn, shape.durationSeconds());
                } else if (open != null) {
                    connectionTrouble = openExactly(open, (int) level);
                    stepShape = new LoadShape(LoadShape.Model.OPEN, shape.rate(), null, 1, leadIn, shape.durationSeconds());
                } else {
                    stepShape = new LoadShape(LoadShape.Model.OPEN, level, null, 1, leadIn, shape.durationSeconds());
                }
                InjectorCpu cpu = ctx.injectorCpu(a.target());
                LatencyCapture capture = ctx.capture(dir.resolve(stepDir), a.name(), LeanLoad.SCENARIO,
                        stepShape.correction(), cpu).startTicking();
                ScheduleLag lag = stepShape.model() == LoadShape.Model.OPEN
                        ? new ScheduleLag(ctx.config().get(InjectorSettings.LAG_P99_MS)) : null;
                Injection load = open != null
                        ? new EchoLoad(open, stepShape, capture.singleWriterRecorder(RequestCatalogue.ECHO), lag, drainNanos)
                        : Injection.of(injector, names, a.baseUrl(), a.wsUrl(), a.token(), stepShape, connections,
                                ctx.config().get(InjectorSettings.WS_CONNECTIONS), capture, lag, drainNanos);
                long from = System.currentTimeMillis();
                LeanLoad.Loaded tracked = new LeanLoad.Loaded(a.name(), load, capture, cpu);
                try (LoadProgress progress = new LoadProgress(LeanLoad.SCENARIO + " step " + number, List.of(tracked),
                        TimeUnit.SECONDS.toNanos(leadIn))) {
                    LeanLoad.await(load.start());
                }
                long to = System.currentTimeMillis();
                capture.lag(lag);
                capture.clientFloor(floor);
                capture.injector(load.facts());
                capture.close();
                LatencySummary summary = capture.summary();
                String why = LeanLoad.breach(summary, slo);
                if (summary.requests().stream().mapToLong(LatencySummary.Request::count).sum() == 0) {
                    why = why == null ? "no request was answered" : why + "; no request was answered";
                }
                if (open != null) {
                    openAtEnd = onLoop(open, open::size);
                    if (connectionTrouble == null && openAtEnd < (int) level) {
                        connectionTrouble = ((int) level - openAtEnd) + " of " + (int) level + " connections dropped";
                    }
                    if (connectionTrouble != null) {
                        why = why == null ? connectionTrouble : connectionTrouble + "; " + why;
                    }
                }
                boolean saturated = summary.injectorSaturated();
                if (saturated && !retried) {
                    // one noisy second (another tenant, a GC) must not end a search: the level is measured once
                    // more, and a second saturated measurement stops it
                    retried = true;
                    Console.warn("%s search step %d at %s %s: the injector saturated; measuring the level once more",
                            search.mode().word(), number, num(level), search.mode().unit());
                    deleteQuietly(dir.resolve(stepDir));
                    continue;
                }
                retried = false;
                s.record(why == null, saturated);
                StepRecord r = step(number, s.result().steps().get(number - 1).phase(), level,
                        open != null || search.mode() == SearchShape.Mode.USERS ? stepShape.rate() : level, summary,
                        why == null && !saturated, saturated ? "injector saturated" + (why == null ? "" : "; " + why) : why,
                        saturated, openAtEnd, from, to, stepDir);
                steps.add(r);
                Console.info("%s search step %d (%s) at %s %s: %.1f req/s, p50 %.3f ms, p99 %.3f ms, errors %.2f %%: %s",
                        search.mode().word(), number, r.phase(), num(level), search.mode().unit(), r.achieved(), r.p50(),
                        r.p99(), r.errorsPct(), r.held() ? "held" : "broke (" + r.why() + ")");
                if (!r.held() && s.next().isPresent()) {
                    sleep(1_000); // the target's backlog of a broken step drains before the next is measured
                }
            }
        } finally {
            if (open != null) {
                open.close().join();
            }
        }
        CapacitySearch.Result result = s.result();
        report.put("capacity", result.held());
        report.put("failedAt", result.failedAt());
        report.put("stoppedBy", result.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        report.put("lowerBound", result.stop().lowerBound());
        report.put("meaning", result.stop().meaning());
        if (search.mode() == SearchShape.Mode.USERS) {
            report.put("knee", knee(steps));
        }
        report.put("steps", steps);
        keepSummaryOf(dir, steps, result.held());
        try {
            JSON.writeValue(dir.resolve("capacity.json").toFile(), report);
        } catch (IOException e) {
            throw new BenchException("cannot write " + dir.resolve("capacity.json") + ": " + e.getMessage(), e);
        }
        Console.info("%s on %s: %s %s (%s)", search.mode().word(), a.name(), result.held() == null ? "none held"
                : num(result.held()) + " " + search.mode().unit(), result.failedAt() == null ? ""
                : "broke at " + num(result.failedAt()), result.stop().meaning());
        return report;
    }

    /**
     * The closed model's knee: the last step before throughput grew by less than 10 % for
     * doubled users. Steps of 1, 2, 4, 8 users at 900, 1,700, 2,300, 2,400 req/s: 4 users
     * (2,400 / 2,300 = +4 %), at 2,300 req/s.
     */
    static Map<String, Object> knee(List<StepRecord> steps) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("rule", "the last step before throughput grew by less than 10 % when users doubled");
        StepRecord knee = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).achieved() < 1.10 * steps.get(i - 1).achieved()) {
                knee = steps.get(i - 1);
                break;
            }
        }
        k.put("users", knee == null ? null : knee.level());
        k.put("throughput", knee == null ? null : knee.achieved());
        k.put("peakThroughput", steps.stream().mapToDouble(StepRecord::achieved).max().orElse(0));
        return k;
    }

    private static StepRecord step(int number, String phase, double level, double offered, LatencySummary s, boolean held,
                                   String why, boolean saturated, Integer openConnections, long from, long to, String dir) {
        long count = 0;
        long errors = 0;
        double achieved = 0;
        double p50 = 0;
        double p99 = 0;
        for (LatencySummary.Request r : s.requests()) {
            count += r.count();
            errors += r.errors();
            achieved += r.throughputPerSecond();
            // the worst request's: the SLO holds only when every request holds it
            p50 = Math.max(p50, r.correctedMs().p50());
            p99 = Math.max(p99, r.correctedMs().p99());
        }
        return new StepRecord(number, phase, level, offered, Math.round(achieved * 10) / 10.0, p50, p99,
                count == 0 ? 0 : Math.round(100_000.0 * errors / count) / 1000.0, count, held, why, saturated,
                openConnections, from, to, dir);
    }

    /** The step at capacity (else the first) becomes the target's summary: the trial's numbers in a suite. */
    private static void keepSummaryOf(Path dir, List<StepRecord> steps, Double capacity) {
        StepRecord at = steps.isEmpty() ? null : steps.get(0);
        for (StepRecord r : steps) {
            if (capacity != null && r.held() && r.level() == capacity) {
                at = r;
            }
        }
        if (at == null) {
            return;
        }
        try {
            for (String f : new String[] {"summary.json", "summary.txt"}) {
                Files.copy(dir.resolve(at.dir()).resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BenchException("cannot copy the summary of " + at.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Opens or closes connections until exactly {@code wanted} are open; null, or what went wrong. */
    private static String openExactly(EchoConnections open, int wanted) {
        int now = onLoop(open, open::size);
        if (now > wanted) { // a bisection below the open count: start again from none
            open.close().join();
            sleep(500);
            now = 0;
        }
        try {
            int failed = open.open(wanted - now).join();
            return failed == 0 ? null : failed + " of " + (wanted - now) + " handshakes failed";
        } catch (RuntimeException e) {
            return "every handshake failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            Console.warn("cannot remove %s: %s", dir, e.getMessage());
        }
    }

    private static <T> T onLoop(EchoConnections open, java.util.function.Supplier<T> what) {
        return java.util.concurrent.CompletableFuture.supplyAsync(what, open.loop()).join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
