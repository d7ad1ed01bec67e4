package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.gatling.SimulationSettings;
import dev.fwbench.harness.injector.LeanLoad;
import dev.fwbench.harness.injector.RequestCatalogue;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.SearchShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.run.RunSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a suite compares, as a user writes it in YAML ({@code plans/quick.yaml}): targets,
 * workloads, the trials of each cell, and what a regression gate watches. Every value of a
 * target or a workload is a driver setting under its {@code -D} key (the same keys, ranges
 * and defaults as {@code mvn gatling:test}), and any of them may be a list: a sweep, which
 * the runner expands into one cell per value (per combination of values).
 *
 * <pre>
 * name: quick
 * trials: 3
 * targets:
 *   - {name: nestjs, framework: nestjs}
 *   - {name: django, framework: django, workers: [3, 5]}   # a sweep: two cells
 * workloads:
 *   - {name: json, simulation: RestSimulation, requests: json, rate: 200, warmup: 5, duration: 10}
 * gate: {metrics: [p99, throughput]}
 * </pre>
 *
 * Everything is checked when the plan is read, before anything runs; an error names the
 * file, the line and the fix.
 */
public record Plan(String name, String description, int trials, Long seed, double noiseLimitPct, boolean freshTargets,
                   List<PlanTarget> targets, List<Workload> workloads, List<String> gateMetrics, double gateThresholdPct) {

    /** A target: its name, and its settings (each a list of one value, or several: a sweep). */
    public record PlanTarget(String name, Map<String, List<String>> settings) {
        public boolean isExternal() {
            return settings.containsKey("url");
        }
    }

    /** A workload: its engine and what it runs, and its settings (sweepable like a target's). */
    public record Workload(String name, String engine, String simulation, String benchmark, Map<String, List<String>> params,
                           List<String> jmhOptions, Map<String, List<String>> settings) {
    }

    public static final List<String> ENGINES = List.of("gatling", "lean", "jmh");

    /** The plan as YAML reads it back ({@link #parse}): what a suite directory's plan.yaml holds. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (!description.isEmpty()) {
            m.put("description", description);
        }
        m.put("trials", trials);
        if (seed != null) {
            m.put("seed", seed);
        }
        m.put("noise", noiseLimitPct + "%");
        m.put("fresh", freshTargets);
        List<Object> ts = new ArrayList<>();
        for (PlanTarget t : targets) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            t.settings().forEach((k, v) -> tm.put(k, v.size() == 1 ? v.get(0) : v));
            ts.add(tm);
        }
        m.put("targets", ts);
        List<Object> ws = new ArrayList<>();
        for (Workload w : workloads) {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("name", w.name());
            wm.put("engine", w.engine());
            if (w.engine().equals("gatling")) {
                wm.put("simulation", w.simulation());
            }
            if (w.benchmark() != null) {
                wm.put("benchmark", w.benchmark());
            }
            if (!w.params().isEmpty()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                w.params().forEach((k, v) -> pm.put(k, v.size() == 1 ? v.get(0) : v));
                wm.put("params", pm);
            }
            if (!w.jmhOptions().isEmpty()) {
                wm.put("jmh", w.jmhOptions());
            }
            w.settings().forEach((k, v) -> wm.put(k, v.size() == 1 ? v.get(0) : v));
            ws.add(wm);
        }
        m.put("workloads", ws);
        m.put("gate", Map.of("metrics", gateMetrics, "threshold", gateThresholdPct + "%"));
        return m;
    }

    /** This plan with other trials, seed, or only some workloads and targets (the command line's overrides). */
    public Plan with(Integer trialsOverride, Long seedValue, List<String> onlyWorkloads, List<String> onlyTargets) {
        List<Workload> w = workloads;
        if (onlyWorkloads != null && !onlyWorkloads.isEmpty()) {
            for (String name : onlyWorkloads) {
                if (workloads.stream().noneMatch(x -> x.name().equals(name))) {
                    throw new BenchException("--only names no workload '" + name + "' of plan " + this.name + " (it has "
                            + String.join(", ", workloads.stream().map(Workload::name).toList()) + ")");
                }
            }
            w = workloads.stream().filter(x -> onlyWorkloads.contains(x.name())).toList();
        }
        List<PlanTarget> t = targets;
        if (onlyTargets != null && !onlyTargets.isEmpty()) {
            for (String name : onlyTargets) {
                if (targets.stream().noneMatch(x -> x.name().equals(name))) {
                    throw new BenchException("--targets names no target '" + name + "' of plan " + this.name + " (it has "
                            + String.join(", ", targets.stream().map(PlanTarget::name).toList()) + ")");
                }
            }
            t = targets.stream().filter(x -> onlyTargets.contains(x.name())).toList();
        }
        if (trialsOverride != null && (trialsOverride < 1 || trialsOverride > 1_000)) {
            throw new BenchException("--trials must be between 1 and 1000 (got " + trialsOverride + ")");
        }
        return new Plan(name, description, trialsOverride != null ? trialsOverride : trials,
                seedValue != null ? seedValue : seed, noiseLimitPct,
                freshTargets, t, w, gateMetrics, gateThresholdPct);
    }
    public static final List<String> METRICS = List.copyOf(SuiteStatistics.METRICS.keySet());
    private static final Set<String> TOP = Set.of("name", "description", "trials", "seed", "noise", "fresh", "targets",
            "workloads", "gate");

    /** Target keys: the run settings a target may set, and where it is when it is already running. */
    static final Map<String, Setting<?>> TARGET_SETTINGS = catalogue(List.of(RunSettings.VARIANT, RunSettings.WORKERS,
            RunSettings.THREADS, RunSettings.PROFILE, RunSettings.CACHE, RunSettings.DB_ACCESS, RunSettings.PROXY,
            RunSettings.INSTANCES, RunSettings.SERVER_CPUS, RunSettings.SERVER_MEMORY, RunSettings.BACKEND,
            RunSettings.ALLOW_REMOTE,
            Setting.choice("framework", null, List.of("nestjs", "django", "bare"),
                    "the framework the harness brings up (bare: NestJS's routes without Nest, claim 7's baseline)"),
            RunSettings.BASE_URL.withKey("url", "where an external target answers"),
            RunSettings.WS_URL.withKey("ws.url", "its WebSocket root")));

    /** Workload keys: the load shape, the SLO, and what the simulations read. */
    static final Map<String, Setting<?>> WORKLOAD_SETTINGS = workloadCatalogue();

    private static Map<String, Setting<?>> workloadCatalogue() {
        List<Setting<?>> all = new ArrayList<>(LoadShape.settings());
        all.addAll(Slo.settings());
        all.addAll(SearchShape.settings());
        all.addAll(SimulationSettings.workload());
        return catalogue(all);
    }

    private static Map<String, Setting<?>> catalogue(List<Setting<?>> settings) {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        settings.forEach(s -> m.put(s.key(), s));
        return m;
    }

    /** Reads and checks a plan; {@code source} is how errors name the file. */
    public static Plan parse(LocatedYaml yaml) {
        JsonNode root = yaml.root();
        if (!root.isObject()) {
            throw yaml.error("", "a plan is a mapping with 'targets' and 'workloads' (see plans/quick.yaml)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP.contains(key)) {
                throw yaml.error("/" + key, "unknown key '" + key + "': a plan has " + String.join(", ", TOP.stream().sorted()
                        .toList()));
            }
        }
        String name = text(yaml, "/name", root.path("name"), "plan");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw yaml.error("/name", "'name' is 1-64 letters, digits, '.', '_' or '-' (got '" + name + "')");
        }
        int trials = whole(yaml, "/trials", root.path("trials"), 3, 1, 1_000);
        Long seed = root.has("seed") ? (long) whole(yaml, "/seed", root.path("seed"), 0, Integer.MIN_VALUE, Integer.MAX_VALUE)
                : null;
        double noise = percent(yaml, "/noise", root.path("noise"), 5.0);
        boolean fresh = bool(yaml, "/fresh", root.path("fresh"), true);
        List<PlanTarget> targets = targets(yaml, root.path("targets"));
        List<Workload> workloads = workloads(yaml, root.path("workloads"));
        List<String> gate = new ArrayList<>();
        double threshold = 10.0;
        JsonNode g = root.path("gate");
        if (!g.isMissingNode()) {
            for (JsonNode m : list(yaml, "/gate/metrics", g.path("metrics"))) {
                String metric = m.asText();
                if (!METRICS.contains(metric)) {
                    throw yaml.error("/gate/metrics", "unknown gate metric '" + metric + "': use " + String.join(", ", METRICS));
                }
                gate.add(metric);
            }
            threshold = percent(yaml, "/gate/threshold", g.path("threshold"), 10.0);
        }
        return new Plan(name, root.path("description").asText(""), trials, seed, noise, fresh, targets, workloads,
                gate.isEmpty() ? List.of("throughput", "p99") : gate, threshold);
    }

    private static List<PlanTarget> targets(LocatedYaml yaml, JsonNode node) {
        List<PlanTarget> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : list(yaml, "/targets", node)) {
            String at = "/targets/" + i++;
            if (!t.isObject()) {
                throw yaml.error(at, "a target is a mapping, e.g. {name: nestjs, framework: nestjs}");
            }
            String name = text(yaml, at + "/name", t.path("name"), null);
            Map<String, List<String>> settings = settings(yaml, at, t, TARGET_SETTINGS, Set.of("name"));
            if (settings.containsKey("url") == settings.containsKey("framework")) {
                throw yaml.error(at, "target '" + name + "' needs either 'framework' (the harness brings it up) or 'url' "
                        + "(a service already running), not both");
            }
            if (out.stream().anyMatch(o -> o.name().equals(name))) {
                throw yaml.error(at + "/name", "two targets are named '" + name + "': give each its own name");
            }
            out.add(new PlanTarget(name, settings));
        }
        return out;
    }

    private static List<Workload> workloads(LocatedYaml yaml, JsonNode node) {
        List<Workload> out = new ArrayList<>();
        int i = 0;
        for (JsonNode w : list(yaml, "/workloads", node)) {
            String at = "/workloads/" + i++;
            if (!w.isObject()) {
                throw yaml.error(at, "a workload is a mapping, e.g. {name: json, simulation: RestSimulation, requests: json}");
            }
            String name = text(yaml, at + "/name", w.path("name"), null);
            String engine = text(yaml, at + "/engine", w.path("engine"), "gatling").toLowerCase(Locale.ROOT);
            if (!ENGINES.contains(engine)) {
                throw yaml.error(at + "/engine", "unknown engine '" + engine + "': use " + String.join(" or ", ENGINES));
            }
            String simulation = null;
            String benchmark = null;
            Map<String, List<String>> params = new LinkedHashMap<>();
            List<String> jmh = new ArrayList<>();
            if (engine.equals("gatling")) {
                simulation = text(yaml, at + "/simulation", w.path("simulation"), null);
                if (!simulation.matches("[A-Z][A-Za-z0-9]*Simulation")) {
                    throw yaml.error(at + "/simulation", "'simulation' names a class of scenarios/ (RestSimulation, "
                            + "DbSimulation, WebSocketSimulation, MixedSimulation), got '" + simulation + "'");
                }
            } else if (engine.equals("lean")) {
                simulation = LeanLoad.SCENARIO; // its run directory's scenario: hdr/LeanLoad/<target>/
                if (w.has("simulation")) {
                    throw yaml.error(at + "/simulation", "the lean engine sends fixed requests, not a simulation: drop "
                            + "'simulation' and name them in 'requests' (" + String.join(", ", RequestCatalogue.names()) + ")");
                }
                for (String requests : values(yaml, at + "/requests", w.path("requests").isMissingNode()
                        ? new com.fasterxml.jackson.databind.node.TextNode("json") : w.path("requests"))) {
                    try {
                        RequestCatalogue.select(requests);
                    } catch (BenchException bad) {
                        throw yaml.error(at + "/requests", bad.getMessage());
                    }
                }
            } else {
                benchmark = text(yaml, at + "/benchmark", w.path("benchmark"), null);
                if (!benchmark.matches("[A-Za-z0-9_.]+")) {
                    throw yaml.error(at + "/benchmark", "'benchmark' is a JMH benchmark name, e.g. HttpRoundTripBenchmark");
                }
                JsonNode p = w.path("params");
                if (!p.isMissingNode()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        params.put(e.getKey(), values(yaml, at + "/params/" + e.getKey(), e.getValue()));
                    }
                }
                for (JsonNode o : w.path("jmh")) {
                    jmh.add(o.asText());
                }
            }
            Map<String, List<String>> settings = settings(yaml, at, w, WORKLOAD_SETTINGS,
                    Set.of("name", "engine", "simulation", "benchmark", "params", "jmh"));
            if (!engine.equals("lean")) {
                for (Setting<?> leanOnly : SearchShape.settings()) {
                    if (settings.containsKey(leanOnly.key())) {
                        throw yaml.error(at + "/" + leanOnly.key(), "'" + leanOnly.key() + "' is the lean engine's: "
                                + "add 'engine: lean' to workload '" + name + "'");
                    }
                }
            }
            if (out.stream().anyMatch(o -> o.name().equals(name))) {
                throw yaml.error(at + "/name", "two workloads are named '" + name + "': give each its own name");
            }
            out.add(new Workload(name, engine, simulation, benchmark, params, jmh, settings));
        }
        return out;
    }

    /** Every other key of a target or workload: a known setting, each value checked by the setting itself. */
    private static Map<String, List<String>> settings(LocatedYaml yaml, String at, JsonNode node,
                                                      Map<String, Setting<?>> known, Set<String> own) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (own.contains(key)) {
                continue;
            }
            Setting<?> s = known.get(key);
            if (s == null) {
                throw yaml.error(at + "/" + key, "unknown setting '" + key + "': use one of " + String.join(", ",
                        known.keySet()) + " (or the entry's own " + String.join(", ", own) + ")");
            }
            List<String> values = values(yaml, at + "/" + key, e.getValue());
            for (int v = 0; v < values.size(); v++) {
                String where = e.getValue().isArray() ? at + "/" + key + "/" + v : at + "/" + key;
                try {
                    s.parse(values.get(v), "'" + key + "'");
                } catch (BenchException bad) {
                    throw yaml.error(where, bad.getMessage());
                }
            }
            m.put(key, values);
        }
        return m;
    }

    private static List<String> values(LocatedYaml yaml, String at, JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            if (v.isEmpty()) {
                throw yaml.error(at, "an empty list sweeps nothing: give at least one value");
            }
            for (JsonNode x : v) {
                if (!x.isValueNode()) {
                    throw yaml.error(at, "a sweep is a list of plain values");
                }
                out.add(x.asText());
            }
        } else if (v.isValueNode() && !v.isNull()) {
            out.add(v.asText());
        } else {
            throw yaml.error(at, "a setting is a value or a list of values (a sweep)");
        }
        return out;
    }

    private static List<JsonNode> list(LocatedYaml yaml, String at, JsonNode node) {
        if (node.isMissingNode() || !node.isArray() || node.isEmpty()) {
            throw yaml.error(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be a list with at least one entry");
        }
        List<JsonNode> l = new ArrayList<>();
        node.forEach(l::add);
        return l;
    }

    private static String text(LocatedYaml yaml, String at, JsonNode v, String fallback) {
        if (v.isMissingNode() || v.isNull()) {
            if (fallback == null) {
                throw yaml.error(at.substring(0, at.lastIndexOf('/')), "'" + at.substring(at.lastIndexOf('/') + 1)
                        + "' is missing");
            }
            return fallback;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw yaml.error(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be a word");
        }
        return v.asText().trim();
    }

    private static int whole(LocatedYaml yaml, String at, JsonNode v, int fallback, int min, int max) {
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw yaml.error(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be a whole number from " + min
                    + " to " + max + " (got '" + v.asText() + "')");
        }
        return v.asInt();
    }

    private static double percent(LocatedYaml yaml, String at, JsonNode v, double fallback) {
        if (v.isMissingNode()) {
            return fallback;
        }
        String t = v.asText().trim().replace("%", "");
        try {
            double d = Double.parseDouble(t);
            if (d >= 0 && d <= 1000) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw yaml.error(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be a percentage like 5% (got '"
                + v.asText() + "')");
    }

    private static boolean bool(LocatedYaml yaml, String at, JsonNode v, boolean fallback) {
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw yaml.error(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be true or false (got '"
                    + v.asText() + "')");
        }
        return v.asBoolean();
    }
}
