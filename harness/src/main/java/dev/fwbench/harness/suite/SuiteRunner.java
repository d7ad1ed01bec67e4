package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.injector.LeanLoad;
import dev.fwbench.harness.load.SearchShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.results.RunDirectory;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a suite: every trial of every cell of a plan, interleaved in a seeded order
 * ({@link Matrix}), each in a JVM of its own ({@link TrialLauncher}) with its targets started
 * fresh, into one suite directory:
 * <pre>
 *   results/runs/&lt;UTC&gt;-&lt;plan&gt;/
 *     run.json     the machine, the plan's name, the outcome
 *     plan.yaml    the plan as resolved (trials, seed, filters): what --resume reads
 *     suite.json   every trial's numbers, every statistic, every flag (results/README.md)
 *     summary.txt  the same for a reader
 *     trials/NNN-&lt;cell&gt;-tK/   one run directory per trial, the layout of any run
 * </pre>
 * suite.json is rewritten after every trial, so a suite killed half-way keeps what it
 * measured; a failed trial is recorded with its reason and the suite goes on; Ctrl-C stops
 * the current trial cleanly and writes suite.json for what ran.
 */
public final class SuiteRunner {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final BenchHome home;
    private final Plan plan;
    private final long seed;
    private final Path dir;
    private final RunDirectory run;
    private final List<TrialResult> results = new ArrayList<>();
    /** This runner's part when the suite is sharded ({@code --shard}), else null. */
    private final SuiteShard shard;
    private volatile boolean interrupted;

    private SuiteRunner(BenchHome home, Plan plan, long seed, Path dir, RunDirectory run, List<TrialResult> earlier,
                        SuiteShard shard) {
        this.home = home;
        this.shard = shard;
        this.plan = plan;
        this.seed = seed;
        this.dir = dir;
        this.run = run;
        results.addAll(earlier);
    }

    /** A new suite directory for {@code plan} (its seed drawn now when the plan gives none). */
    public static SuiteRunner create(BenchHome home, Plan plan) {
        return create(home, plan, null, "bench run");
    }

    /**
     * A new suite directory for shard {@code shard.shard()} of a sharded suite: the plan checked
     * for what shards can split, the seed the same on every shard ({@link SuiteShard#seed}), the
     * first trial's launch far enough ahead.
     */
    public static SuiteRunner create(BenchHome home, Plan plan, Shard part, Instant startAt, URI clockUrl) {
        SuiteShard shard = new SuiteShard(part, startAt, clockUrl);
        shard.check(plan);
        Plan seeded = plan.with(null, shard.seed(plan), null, null);
        Matrix.Slot first = Matrix.order(Matrix.cells(seeded), seeded.trials(), seeded.seed()).get(0);
        Duration lead = SuiteShard.lead(first.cell());
        if (Instant.now().plus(lead).isAfter(startAt)) {
            throw new BenchException("--start-at " + startAt + " leaves too little time: the first trial's JVM starts "
                    + lead.toSeconds() + " s before it (JVM, JIT warm-up, client floor, clock check): give a later instant");
        }
        return create(home, seeded, null, "bench run", shard);
    }

    /**
     * As above, at exactly {@code dir} when given (a claims run's {@code suites/<plan>}); {@code driver} says who
     * ran it in run.json.
     */
    public static SuiteRunner create(BenchHome home, Plan plan, Path dir, String driver) {
        return create(home, plan, dir, driver, null);
    }

    private static SuiteRunner create(BenchHome home, Plan plan, Path dir, String driver, SuiteShard shard) {
        long seed = plan.seed() != null ? plan.seed() : ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        Plan resolved = plan.with(null, seed, null, null);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("driver", driver);
        parameters.put("plan", resolved.name());
        parameters.put("trials", resolved.trials());
        parameters.put("seed", seed);
        // -Dfwbench.runs: another parent folder for suites (as for the drivers' run directories)
        String runs = System.getProperty("fwbench.runs");
        String name = shard == null ? resolved.name() : resolved.name() + "-shard-" + shard.shard().index() + "-of-"
                + shard.shard().count();
        RunDirectory run = dir != null ? RunDirectory.createAt(dir, home.root(), parameters)
                : runs == null ? RunDirectory.create(home, name, parameters)
                : RunDirectory.create(Path.of(runs), home.root(), name, parameters);
        if (shard != null) {
            run.put("shard", shard.facts());
        }
        try {
            YAML.writeValue(run.root().resolve("plan.yaml").toFile(), resolved.toMap());
        } catch (IOException e) {
            throw new BenchException("cannot write " + run.root().resolve("plan.yaml") + ": " + e.getMessage());
        }
        return new SuiteRunner(home, resolved, seed, run.root(), run, List.of(), shard);
    }

    /** An interrupted suite, to finish: its plan.yaml and the trials its suite.json already holds. */
    public static SuiteRunner resume(BenchHome home, Path suiteDir) {
        Path planFile = suiteDir.resolve("plan.yaml");
        if (!Files.isRegularFile(planFile)) {
            throw new BenchException(suiteDir + " is not a suite directory (no plan.yaml): give the folder 'bench run' "
                    + "printed, e.g. results/runs/20260101T120000Z-quick");
        }
        Plan plan = Plan.parse(LocatedYaml.read(planFile, planFile.toString()));
        if (readsShard(suiteDir)) {
            throw new BenchException(suiteDir + " is one shard of a sharded suite: its trials' start instants are past and "
                    + "the other shards went on; run the suite again with a new --start-at");
        }
        List<TrialResult> earlier = new ArrayList<>();
        Path suiteJson = suiteDir.resolve("suite.json");
        if (Files.isRegularFile(suiteJson)) {
            try {
                JsonNode s = JSON.readTree(suiteJson.toFile());
                for (JsonNode t : s.path("trials")) {
                    TrialResult r = JSON.treeToValue(t, TrialResult.class);
                    if (!r.outcome().equals("interrupted")) {
                        earlier.add(r);
                    }
                }
            } catch (IOException e) {
                throw new BenchException("cannot read " + suiteJson + " (" + e.getMessage() + "): resume needs it intact");
            }
        }
        return new SuiteRunner(home, plan, plan.seed(), suiteDir, RunDirectory.attach(suiteDir), earlier, null);
    }

    public Path directory() {
        return dir;
    }

    /** The plan as run (its seed resolved). */
    public Plan plan() {
        return plan;
    }

    /** Whether Ctrl-C or SIGTERM stopped the suite before its last trial. */
    public boolean interrupted() {
        return interrupted;
    }

    /** The trials in the order they run, with their estimated durations: what --dry-run prints. */
    public List<Matrix.Slot> slots() {
        return Matrix.order(Matrix.cells(plan), plan.trials(), seed);
    }

    /** A trial's expected wall time, for progress and --dry-run: start-up and the phases its settings ask for. */
    public static Duration estimate(Cell c) {
        return estimate(c, true);
    }

    /**
     * A trial's estimated time; with targets shared by the whole suite ({@code fresh: false}) it pays no start-up
     * (about 10 s of the 15 s a fresh trial's JVM, targets up, summaries and targets down take).
     */
    public static Duration estimate(Cell c, boolean freshTargets) {
        Map<String, String> s = c.settings();
        double seconds = freshTargets && !s.containsKey("url") ? 15 : 5;
        if (!c.workload().engine().equals("jmh")) {
            double warmup = Double.parseDouble(s.getOrDefault("warmup", "5"));
            double duration = Double.parseDouble(s.getOrDefault("duration", "30"));
            seconds += warmup + duration * searchSteps(s) + Double.parseDouble(s.getOrDefault("footprint.idle.seconds", "0"));
            if (c.workload().engine().equals("lean")) {
                // the JIT warm-up and the client floor against the in-process baseline, before the targets
                seconds += Double.parseDouble(s.getOrDefault("client.floor.seconds", "3")) > 0
                        ? 2 + 1 + Double.parseDouble(s.getOrDefault("client.floor.seconds", "3")) : 0;
            } else if (c.workload().simulation().equals("WebSocketSimulation")) {
                seconds += 1 + Math.min(2, warmup) + Double.parseDouble(s.getOrDefault("ws.broadcast.seconds",
                        Double.toString(Math.min(10, duration))));
            }
        } else {
            seconds += jmhSeconds(c.workload().jmhOptions());
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** What starting the targets once for the suite costs ({@code fresh: false}): about 15 s per target and sweep point. */
    public static Duration sharedStart(Plan plan) {
        if (plan.freshTargets()) {
            return Duration.ZERO;
        }
        long targets = Matrix.cells(plan).stream().map(c -> c.target().name() + "/" + c.targetPoint()).distinct().count();
        return Duration.ofSeconds(15 * targets);
    }

    /**
     * The measured phases of a lean search ({@code search}), in step durations: every ramp step from
     * {@code search.from} to {@code search.max} (x2 each) and the bisections, each step with its 1 s lead-in and
     * about 1 s of drain, pause and summaries (at a 3 s step, 5/3 of a step). An upper bound: a search ends at the
     * first break. From 100 to 12,800 req/s with 3 bisections: 8 + 3 = 11 steps. 1 without a search.
     */
    static double searchSteps(Map<String, String> s) {
        SearchShape search = SearchShape.of(s);
        if (!search.active()) {
            return 1;
        }
        double ramp = Math.floor(Math.log(search.max() / search.from()) / Math.log(2)) + 2; // from, x2 ..., and max itself
        double steps = ramp + (search.stopsAtBreak() ? search.bisections() : 0);
        double duration = Double.parseDouble(s.getOrDefault("duration", "30"));
        return steps * (duration + 2) / duration + (search.mode() == SearchShape.Mode.CONNECTIONS
                ? (2 + search.max() / 500.0) / duration : 0); // the baseline, and handshakes at about 500 a second
    }

    /** Iterations x time, warm-up and measured, from the JMH options given (the benchmarks' defaults otherwise). */
    private static double jmhSeconds(List<String> o) {
        double wi = 1, w = 2, i = 2, r = 2, f = 1;
        for (int k = 0; k + 1 < o.size(); k++) {
            String v = o.get(k + 1).replace("s", "");
            switch (o.get(k)) {
                case "-wi" -> wi = Double.parseDouble(v);
                case "-w" -> w = Double.parseDouble(v);
                case "-i" -> i = Double.parseDouble(v);
                case "-r" -> r = Double.parseDouble(v);
                case "-f" -> f = Double.parseDouble(v);
                default -> { }
            }
        }
        return f * (wi * w + i * r) * 2; // JMH's default modes here: sample time and throughput
    }

    /** Runs every trial not done yet; returns the suite directory. */
    public Path run() {
        List<Cell> cells = Matrix.cells(plan);
        List<Matrix.Slot> slots = Matrix.order(cells, plan.trials(), seed);
        List<Matrix.Slot> todo = slots.stream().filter(s -> results.stream().noneMatch(r -> r.order() == s.order())).toList();
        List<Cell> planned = cells;
        Console.info("suite %s: %d cells x %d trials = %d trials (%d to run), seed %d; %s", plan.name(), cells.size(),
                plan.trials(), slots.size(), todo.size(), seed, dir);
        TrialLauncher launcher = new TrialLauncher(home, dir);
        launcher.prepare(cells);
        Integer nice = TrialLauncher.injectorNice();
        run.put("injectorNice", nice); // the trials' JVMs (the injectors) run at this niceness; null: unchanged
        if (nice != null) {
            Console.info("trials' injectors run at niceness %d, ahead of the targets on shared cores "
                    + "(FWBENCH_INJECTOR_NICE=0: off)", nice);
        }
        SharedTargets shared = plan.freshTargets() ? null : SharedTargets.start(home, dir, cells);
        if (shared != null) {
            cells = shared.external(cells);
            slots = Matrix.order(cells, plan.trials(), seed);
            List<Matrix.Slot> all = slots;
            todo = all.stream().filter(s -> results.stream().noneMatch(r -> r.order() == s.order())).toList();
        }
        AutoCloseable onInterrupt = () -> {
            interrupted = true;
            writeSuite(planned, "interrupted");
        };
        ShutdownHooks.register(onInterrupt);
        long t0 = System.nanoTime();
        double done = 0;
        double left = todo.stream().mapToDouble(s -> estimate(s.cell()).toMillis() / 1000.0).sum();
        int i = 0;
        for (Matrix.Slot slot : todo) {
            if (interrupted) {
                break;
            }
            i++;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double remaining = done > 0 ? left * (elapsed / done) : left;
            Console.info("trial %d/%d [%d of the suite, block %d]: %s; %s elapsed, about %s left", i, todo.size(),
                    slot.order(), slot.trial(), slot.cell().id(), Console.human(Duration.ofMillis((long) (elapsed * 1000))),
                    Console.human(Duration.ofMillis((long) (remaining * 1000))));
            Map<String, String> shardSettings = Map.of();
            if (shard != null) {
                Instant start = shard.trialStart(slots, slot.order());
                shardSettings = shard.properties(start);
                waitUntil(start.minus(SuiteShard.lead(slot.cell())));
                if (interrupted) {
                    break;
                }
            }
            TrialResult r = runOne(launcher, slot, shardSettings);
            double expected = estimate(slot.cell()).toMillis() / 1000.0;
            done += expected;
            left -= expected;
            synchronized (results) {
                results.add(r);
            }
            Console.info("trial %d/%d %s: %s", i, todo.size(), slot.cell().id(), outcomeLine(r));
            writeSuite(planned, interrupted ? "interrupted" : "running");
        }
        ShutdownHooks.unregister(onInterrupt);
        if (shared != null) {
            shared.close();
        }
        String outcome = interrupted ? "interrupted" : "completed";
        writeSuite(planned, outcome);
        run.put("finishedAt", Instant.now().toString());
        run.put("outcome", outcome);
        Console.info("suite %s %s in %s: %s", plan.name(), outcome, Console.human(Duration.ofNanos(System.nanoTime() - t0)),
                dir.resolve("summary.txt"));
        HtmlReport.writeAfterRun(dir); // a failure is a warning: suite.json and the trials are written
        return dir;
    }

    /** Sleeps until {@code when} (a sharded trial's launch), in short steps so that Ctrl-C ends the wait. */
    private void waitUntil(Instant when) {
        long ms;
        while (!interrupted && (ms = Duration.between(Instant.now(), when).toMillis()) > 0) {
            try {
                Thread.sleep(Math.min(ms, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
            }
        }
    }

    private static boolean readsShard(Path suiteDir) {
        try {
            return JSON.readTree(suiteDir.resolve("run.json").toFile()).has("shard");
        } catch (IOException e) {
            return false;
        }
    }

    private TrialResult runOne(TrialLauncher launcher, Matrix.Slot slot, Map<String, String> shardSettings) {
        Path trialDir = dir.resolve("trials").resolve(slot.folder());
        long t0 = System.nanoTime();
        try {
            if (Files.exists(trialDir)) { // an interrupted attempt of this trial (--resume): kept aside, never reused
                Files.move(trialDir, trialDir.resolveSibling(slot.folder() + ".interrupted-" + System.currentTimeMillis()));
            }
            Duration timeout = estimate(slot.cell()).multipliedBy(3).plusMinutes(5);
            int code = launcher.run(slot, trialDir, timeout, shardSettings);
            double seconds = (System.nanoTime() - t0) / 1e9;
            // 130 / 143: the driver got the SIGINT or SIGTERM first (a terminal's Ctrl-C reaches the
            // whole process group, and this JVM's hook may not have run yet)
            if (interrupted || code == 128 + 2 || code == 128 + 15) {
                return TrialResult.failed(slot, "interrupted", "Ctrl-C or SIGTERM during the trial", seconds);
            }
            String reason = code == 0 ? null : lastError(TrialLauncher.driverLog(trialDir), code);
            if (!Files.isRegularFile(trialDir.resolve("run.json"))) {
                return TrialResult.failed(slot, "failed", reason != null ? reason : "the driver wrote no run directory",
                        seconds);
            }
            TrialResult r = TrialReader.read(slot, trialDir, code == 0 ? "ok" : code == sloBroken(slot.cell()) ? "slo-broken"
                    : "failed", reason, seconds, dir.resolve("resources"));
            if (r.requests().isEmpty() && r.outcome().equals("ok")) {
                return TrialResult.failed(slot, "failed", "no request was measured", seconds);
            }
            return r.requests().isEmpty() ? TrialResult.failed(slot, "failed", reason, seconds) : r;
        } catch (IOException e) {
            return TrialResult.failed(slot, "failed", "cannot read the trial's results: " + e.getMessage(),
                    (System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialResult.failed(slot, "interrupted", "interrupted", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The exit code with which a trial's driver says "numbers stand, the SLO broke": Gatling's 2, bench load's 3. */
    private static int sloBroken(Cell cell) {
        return cell.workload().engine().equals("lean") ? LeanLoad.SLO_BROKEN : 2;
    }

    /** The driver's own one-line error ("[fwbench] error: ..."), or its exit code. */
    private static String lastError(Path log, int code) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i);
                if (l.contains("error: ") || l.contains("assertions failed") || l.contains("SLO broken") || l.contains("ERROR")) {
                    return l.replaceFirst("^\\[fwbench] ", "").trim() + (code == -1 ? " (timed out)" : "");
                }
            }
        } catch (IOException e) {
            // no log: the exit code says it
        }
        return code == -1 ? "the trial outlived its time limit and was stopped" : code == 2
                ? "the SLO assertions failed (see driver.log)" : "the driver exited with code " + code + " (see driver.log)";
    }

    private static String outcomeLine(TrialResult r) {
        if (!r.hasNumbers()) {
            return r.outcome() + ": " + r.reason();
        }
        StringBuilder sb = new StringBuilder(r.outcome()).append(" in ").append(String.format("%.1f s", r.seconds()));
        r.requests().forEach((name, n) -> sb.append(String.format("; %s %.0f req/s, p50 %.3f ms, p99 %.3f ms%s", name,
                n.throughput(), n.p50(), n.p99(), n.errors() > 0 ? ", " + n.errors() + " errors" : "")));
        if (!r.flags().isEmpty()) {
            sb.append(" [").append(String.join("; ", r.flags())).append("]");
        }
        return sb.toString();
    }

    /** suite.json and summary.txt from every trial so far. */
    synchronized void writeSuite(List<Cell> cells, String outcome) {
        List<TrialResult> trials;
        synchronized (results) {
            trials = new ArrayList<>(results);
        }
        writeSuite(dir, plan, seed, cells, trials, outcome);
    }

    /** suite.json and summary.txt of {@code trials} in {@code dir} (a suite's, or one merged from shards'). */
    static void writeSuite(Path dir, Plan plan, long seed, List<Cell> cells, List<TrialResult> trials, String outcome) {
        trials = new ArrayList<>(trials);
        trials.sort(java.util.Comparator.comparingInt(TrialResult::order));
        SuiteStatistics.Result stats = SuiteStatistics.compute(cells, trials, plan.noiseLimitPct(), seed);
        Map<String, Object> suite = document(plan, seed, outcome, cells, trials, stats);
        try {
            AtomicWrite.with(dir.resolve("suite.json"), tmp -> JSON.writeValue(tmp.toFile(), suite));
            AtomicWrite.text(dir.resolve("summary.txt"), SuiteSummary.text(plan, seed, outcome, trials, stats));
        } catch (IOException e) {
            Console.warn("cannot write %s: %s", dir.resolve("suite.json"), e.getMessage());
        }
    }

    /** What suite.json holds (schema fwbench-suite/1, results/README.md): the plan as run, every trial, the statistics. */
    public static Map<String, Object> document(Plan plan, long seed, String outcome, List<Cell> cells,
                                               List<TrialResult> trials, SuiteStatistics.Result stats) {
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("schema", "fwbench-suite/1");
        suite.put("plan", plan.name());
        suite.put("seed", seed);
        suite.put("trialsPerCell", plan.trials());
        suite.put("outcome", outcome);
        suite.put("writtenAt", Instant.now().toString());
        suite.put("gate", Map.of("metrics", plan.gateMetrics(), "thresholdPct", plan.gateThresholdPct()));
        suite.put("noiseLimitPct", plan.noiseLimitPct());
        suite.put("order", Matrix.order(cells, plan.trials(), seed).stream()
                .map(s -> Map.of("order", s.order(), "trial", s.trial(), "cell", s.cell().id(), "folder", s.folder())).toList());
        suite.put("trials", trials);
        suite.put("cells", stats.cells());
        suite.put("comparisons", stats.comparisons());
        return suite;
    }
}
