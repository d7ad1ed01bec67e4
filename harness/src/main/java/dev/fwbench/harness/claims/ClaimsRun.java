package dev.fwbench.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.load.SearchShape;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.report.HtmlReport;
import dev.fwbench.harness.results.RunDirectory;
import dev.fwbench.harness.suite.LocatedYaml;
import dev.fwbench.harness.suite.Matrix;
import dev.fwbench.harness.suite.Plan;
import dev.fwbench.harness.suite.SuiteRunner;
import dev.fwbench.harness.suite.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench claims}: runs what the selected claims need and writes their verdicts.
 * <pre>
 *   results/runs/&lt;UTC&gt;-claims/
 *     run.json        the machine, the size, the claims asked, the outcome
 *     claims.json     per claim: the registry's words, the verdict, its reason, every estimate with its
 *                     95 % interval and trials, links (relative) to the suites and trials behind it
 *     summary.txt     the same as a table and a paragraph per claim
 *     suites/&lt;plan&gt;/  one suite per experiment (bench run's layout), shared by the claims that read it
 *     typescript/     claim 10's compiled evidence
 * </pre>
 * Every plan is read and checked before anything runs (a plan this checkout cannot run, such as
 * one naming app variants it does not have, stops the command with the plan's own error and
 * the claims that need it); each experiment's suite runs once, in the order the claims first
 * need them. Ctrl-C stops the current trial (the suite keeps what ran), runs no further
 * experiment, and writes claims.json for what ran.
 */
public final class ClaimsRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param size     quick or nightly: the plans' files, claims/plans/&lt;plan&gt;-&lt;size&gt;.yaml
     * @param only     the claims to decide (empty: all)
     * @param backend  every managed target's backend (null: the plans' own, auto by default)
     * @param registry the registry file (null: claims/claims.yaml of the checkout)
     */
    public record Options(String size, List<Integer> only, String backend, Path registry) {
    }

    /** A plan an experiment runs, and the claims that read it. */
    public record Experiment(String plan, Plan resolved, String file, List<Integer> claims) {
    }

    private final BenchHome home;
    private final Options options;
    private final ClaimRegistry.Registry registry;
    private final List<Claim> selected;
    private final List<Experiment> experiments;
    private final Map<String, SuiteEvidence> evidence = new LinkedHashMap<>();
    private ErasureEvidence erasure;
    private Path dir;
    private RunDirectory run;
    private volatile boolean interrupted;
    private boolean written;
    private long t0;
    private List<Double> loadAtStart;

    private ClaimsRun(BenchHome home, Options options, ClaimRegistry.Registry registry, List<Claim> selected,
                      List<Experiment> experiments) {
        this.home = home;
        this.options = options;
        this.registry = registry;
        this.selected = selected;
        this.experiments = experiments;
    }

    /** Reads the registry and every plan the selected claims need, checked; nothing runs yet. */
    public static ClaimsRun prepare(BenchHome home, Options o) {
        Path file = o.registry() != null ? o.registry() : home.root().resolve("claims/claims.yaml");
        ClaimRegistry.Registry registry = ClaimRegistry.read(file, o.registry() != null ? file.toString()
                : "claims/claims.yaml");
        List<Claim> selected = new ArrayList<>();
        for (Claim c : registry.claims()) {
            if (o.only().isEmpty() || o.only().contains(c.id())) {
                selected.add(c);
            }
        }
        for (int id : o.only()) {
            if (registry.claim(id) == null) {
                throw new BenchException("--only names no claim " + id + " (the registry has " + String.join(", ",
                        registry.claims().stream().map(c -> String.valueOf(c.id())).toList()) + ")");
            }
        }
        Map<String, List<Integer>> needs = new LinkedHashMap<>();
        for (Claim c : selected) {
            for (String p : c.decision().plans()) {
                needs.computeIfAbsent(p, k -> new ArrayList<>()).add(c.id());
            }
        }
        List<Experiment> experiments = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> refusedPlans = new ArrayList<>();
        Path plans = file.toAbsolutePath().getParent().resolve("plans");
        for (Map.Entry<String, List<Integer>> e : needs.entrySet()) {
            String name = e.getKey() + "-" + o.size();
            Path planFile = plans.resolve(name + ".yaml");
            String source = "claims/plans/" + name + ".yaml";
            try {
                if (!Files.isRegularFile(planFile)) {
                    throw new BenchException(source + ", which is missing");
                }
                Plan p = withBackend(Plan.parse(LocatedYaml.read(planFile, source)), o.backend());
                checkSlo(registry, p, source);
                experiments.add(new Experiment(e.getKey(), p, source, e.getValue()));
            } catch (BenchException refusal) {
                refusedPlans.add(e.getKey());
                refused.add("claim" + (e.getValue().size() > 1 ? "s " : " ") + join(e.getValue()) + " need"
                        + (e.getValue().size() > 1 ? " " : "s ") + refusal.getMessage());
            }
        }
        if (!refused.isEmpty()) {
            List<Integer> runnable = selected.stream().filter(c -> c.decision().plans().stream()
                    .noneMatch(refusedPlans::contains)).map(Claim::id).toList();
            throw new BenchException(String.join("; ", refused) + (runnable.isEmpty() ? ""
                    : ": decide the others with --only " + join(runnable)));
        }
        return new ClaimsRun(home, o, registry, selected, experiments);
    }

    /** Every target the harness brings up on the backend asked for (a target with a url keeps its own). */
    private static Plan withBackend(Plan p, String backend) {
        if (backend == null) {
            return p;
        }
        List<Plan.PlanTarget> targets = new ArrayList<>();
        for (Plan.PlanTarget t : p.targets()) {
            Map<String, List<String>> s = new LinkedHashMap<>(t.settings());
            if (!t.isExternal()) {
                s.put("backend", List.of(backend));
            }
            targets.add(new Plan.PlanTarget(t.name(), s));
        }
        return new Plan(p.name(), p.description(), p.trials(), p.seed(), p.noiseLimitPct(), p.freshTargets(), targets,
                p.workloads(), p.gateMetrics(), p.gateThresholdPct());
    }

    /** A search judges its steps by the SLO the registry fixes, or its capacity is not the claims' capacity. */
    private static void checkSlo(ClaimRegistry.Registry registry, Plan p, String source) {
        for (Plan.Workload w : p.workloads()) {
            Map<String, List<String>> s = w.settings();
            if (!s.containsKey(SearchShape.SEARCH.key()) || s.get(SearchShape.SEARCH.key()).equals(List.of("none"))) {
                continue;
            }
            List<String> p99 = s.getOrDefault("slo.p99.ms", List.of());
            List<String> errors = s.getOrDefault("slo.errors.pct", List.of());
            if (p99.size() != 1 || Double.parseDouble(p99.get(0)) != registry.sloP99Ms() || errors.size() != 1
                    || Double.parseDouble(errors.get(0)) != registry.sloErrorsPct()) {
                throw new BenchException(source + ": workload '" + w.name() + "' searches at an SLO other than the "
                        + "registry's: give it slo.p99.ms: " + plain(registry.sloP99Ms()) + " and slo.errors.pct: "
                        + plain(registry.sloErrorsPct()));
            }
        }
    }

    public List<Claim> selected() {
        return selected;
    }

    public List<Experiment> experiments() {
        return experiments;
    }

    /** The estimated wall time of an experiment's suite: its trials' start-up, warm-up and phases. */
    public static Duration estimate(Experiment e) {
        Duration d = SuiteRunner.sharedStart(e.resolved());
        for (Matrix.Slot s : Matrix.order(Matrix.cells(e.resolved()), e.resolved().trials(), 1)) {
            d = d.plus(SuiteRunner.estimate(s.cell(), e.resolved().freshTargets()));
        }
        return d;
    }

    /** What --dry-run prints: the claims, the experiments, their cells, trials and estimated times. */
    public String dryRun() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("claims %s, size %s: %d experiment(s)%n", join(selected.stream().map(Claim::id).toList()),
                options.size(), experiments.size()));
        Duration total = Duration.ZERO;
        for (Experiment e : experiments) {
            Duration d = estimate(e);
            total = total.plus(d);
            int cells = Matrix.cells(e.resolved()).size();
            sb.append(String.format("  %-18s claims %-7s %3d cells x %2d trials = %3d trials  ~%-12s %s%n", e.plan(),
                    join(e.claims()), cells, e.resolved().trials(), cells * e.resolved().trials(), Console.human(d), e.file()));
        }
        if (selected.stream().anyMatch(c -> c.decision().kind() == Decision.Kind.NOT_A_RUNTIME_PROPERTY)) {
            sb.append(String.format("  %-18s claims %-7s compiled by this command (tsc), no load       ~%-12s %s%n",
                    "typescript", join(selected.stream().filter(c -> c.decision().kind()
                            == Decision.Kind.NOT_A_RUNTIME_PROPERTY).map(Claim::id).toList()), "10 s", "claims/typescript/"));
        }
        sb.append(String.format("estimated duration: %s (start-up, warm-up and measured phases, searches at their "
                + "longest; image builds and first installs not included)%n", Console.human(total)));
        return sb.toString();
    }

    /** Runs every experiment, decides every claim; returns the claims run's folder. */
    public Path run() {
        t0 = System.nanoTime();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("driver", "bench claims");
        parameters.put("size", options.size());
        parameters.put("claims", selected.stream().map(Claim::id).toList());
        parameters.put("backend", options.backend() == null ? "the plans' (auto)" : options.backend());
        String runs = System.getProperty("fwbench.runs");
        run = runs == null ? RunDirectory.create(home, "claims", parameters)
                : RunDirectory.create(Path.of(runs), home.root(), "claims", parameters);
        dir = run.root();
        loadAtStart = loadAverage();
        run.put("loadAverageAtStart", loadAtStart);
        AutoCloseable onInterrupt = () -> {
            interrupted = true;
            write("interrupted");
        };
        ShutdownHooks.register(onInterrupt);
        Console.info("claims %s (%s size): %d experiment(s), about %s; %s", join(selected.stream().map(Claim::id).toList()),
                options.size(), experiments.size(), Console.human(experiments.stream().map(ClaimsRun::estimate)
                        .reduce(Duration.ZERO, Duration::plus)), dir);
        if (selected.stream().anyMatch(c -> c.decision().kind() == Decision.Kind.NOT_A_RUNTIME_PROPERTY)) {
            Console.info("claims: the typescript experiment (claim 10): compiling typed and untyped handlers");
            erasure = TypeScriptErasure.run(home, dir.resolve("typescript"), "typescript");
            write("running");
        }
        int i = 0;
        for (Experiment e : experiments) {
            if (interrupted) {
                break;
            }
            i++;
            Console.info("claims: experiment %d/%d %s for claim%s %s (%s), about %s; %s elapsed", i, experiments.size(),
                    e.plan(), e.claims().size() > 1 ? "s" : "", join(e.claims()), e.file(), Console.human(estimate(e)),
                    Console.human(Duration.ofNanos(System.nanoTime() - t0)));
            SuiteRunner runner = SuiteRunner.create(home, e.resolved(), dir.resolve("suites").resolve(e.plan()),
                    "bench claims");
            runner.run();
            read(e, runner.plan());
            interrupted |= runner.interrupted();
            write(interrupted ? "interrupted" : "running");
        }
        ShutdownHooks.unregister(onInterrupt);
        write(interrupted ? "interrupted" : "completed");
        Console.info("claims %s in %s: %s", interrupted ? "interrupted" : "completed",
                Console.human(Duration.ofNanos(System.nanoTime() - t0)), dir.resolve("summary.txt"));
        return dir;
    }

    /** A finished (or stopped) suite, as the rules read it. */
    private void read(Experiment e, Plan asRun) {
        Path suite = dir.resolve("suites").resolve(e.plan());
        List<TrialResult> trials = new ArrayList<>();
        String outcome = "missing";
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            JsonNode s = JSON.readTree(suite.resolve("suite.json").toFile());
            outcome = s.path("outcome").asText();
            for (JsonNode t : s.path("trials")) {
                trials.add(JSON.treeToValue(t, TrialResult.class));
            }
            cores = JSON.readTree(suite.resolve("run.json").toFile()).path("environment").path("cores").asInt(cores);
        } catch (IOException ex) {
            Console.warn("cannot read %s: %s", suite.resolve("suite.json"), ex.getMessage());
        }
        synchronized (evidence) {
            evidence.put(e.plan(), SuiteEvidence.of(e.plan(), "suites/" + e.plan(), outcome, cores, Matrix.cells(asRun),
                    trials));
        }
    }

    /** claims.json and summary.txt from what has run; rewritten after every experiment and on Ctrl-C. */
    private synchronized void write(String outcome) {
        if (written) {
            return;
        }
        if (!outcome.equals("running")) {
            written = true;
        }
        Map<String, SuiteEvidence> suites;
        synchronized (evidence) {
            suites = new LinkedHashMap<>(evidence);
        }
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (Claim c : selected) {
            verdicts.add(RuleEvaluation.evaluate(registry, c, suites, erasure));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "fwbench-claims/1");
        doc.put("size", options.size());
        doc.put("outcome", outcome);
        doc.put("writtenAt", Instant.now().toString());
        doc.put("seconds", t0 == 0 ? 0 : Math.round((System.nanoTime() - t0) / 1e9));
        doc.put("registry", "claims/claims.yaml");
        doc.put("slo", Map.of("p99Ms", registry.sloP99Ms(), "errorsPct", registry.sloErrorsPct(),
                "meaning", "p99 at most p99Ms (corrected, from the intended start) and errors at most errorsPct %"));
        doc.put("verdicts", Map.of(
                "supported", "the rule's condition for support holds on the interval(s)",
                "refuted", "a condition for refutation holds",
                "inconclusive", "neither, or a guard (too few trials, a saturated injector, errors above the SLO, "
                        + "workers beyond the cores, a configuration that differs) stopped it: the reason says which",
                "not a runtime property", "no measurement can decide it; the evidence says why"));
        doc.put("machine", run.root().resolve("run.json").toFile().exists() ? readEnvironment() : null);
        // the machine's load (1, 5, 15 min) when it began and now: on a shared machine, how busy it was besides
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("atStart", loadAtStart);
        load.put(outcome.equals("running") ? "atLastWrite" : "atEnd", loadAverage());
        doc.put("loadAverage", load);
        List<Map<String, Object>> exps = new ArrayList<>();
        for (Experiment e : experiments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan", e.plan());
            m.put("file", e.file());
            m.put("claims", e.claims());
            m.put("suite", suites.containsKey(e.plan()) ? "suites/" + e.plan() : null);
            m.put("outcome", suites.containsKey(e.plan()) ? suites.get(e.plan()).outcome() : "not run");
            exps.add(m);
        }
        doc.put("experiments", exps);
        doc.put("claims", verdicts);
        try {
            AtomicWrite.with(dir.resolve("claims.json"), tmp -> JSON.writeValue(tmp.toFile(), doc));
            AtomicWrite.text(dir.resolve("summary.txt"), ClaimsSummary.text(options.size(), outcome, verdicts,
                    (System.nanoTime() - t0) / 1e9));
        } catch (IOException e) {
            Console.warn("cannot write %s: %s", dir.resolve("claims.json"), e.getMessage());
        }
        try {
            HtmlReport.writeClaims(dir, ClaimsReport.page(options.size(), outcome, (System.nanoTime() - t0) / 1e9,
                    registry, verdicts, experiments, suites.keySet(), dir, readEnvironment()));
        } catch (RuntimeException | LinkageError e) { // the verdicts are written: the page is a reading aid
            Console.warn("no report.html for %s: %s", dir, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        if (!outcome.equals("running")) {
            run.put("loadAverageAtEnd", loadAverage());
            run.put("finishedAt", Instant.now().toString());
            run.put("outcome", outcome);
        }
    }

    /** /proc/loadavg's 1, 5 and 15 minute averages; null where there is none. */
    static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Object readEnvironment() {
        try {
            return JSON.readTree(run.root().resolve("run.json").toFile()).path("environment");
        } catch (IOException e) {
            return null;
        }
    }

    /** Claim ids as --only takes them: 1, 2, 3, 4, 8 -> "1-4,8". */
    static String join(List<Integer> ids) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); ) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            parts.add(j - i >= 2 ? ids.get(i) + "-" + ids.get(j) : String.valueOf(ids.get(i)));
            if (j - i == 1) {
                parts.add(String.valueOf(ids.get(j)));
            }
            i = j + 1;
        }
        return String.join(",", parts);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
