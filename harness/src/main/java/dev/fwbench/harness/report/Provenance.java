package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the numbers come from, as the run directories recorded it: the machine
 * ({@code run.json} environment: CPU, cores, OS, JDK, Node, Python, git SHA and whether the
 * tree was dirty), per target its backend, limits, images and {@code /health} configuration,
 * and how the injector ran (engine, connections, schedule lag, CPU budget), the plan, and per
 * trial its outcome with links to its files and to Gatling's own report.
 */
public record Provenance(List<Source> sources) {

    public record Fact(String name, String value) {
    }

    public record Link(String text, String href) {
    }

    /** One directory given to the report; {@code targets}: the targets side by side, so that a difference shows. */
    public record Source(String label, String dir, List<Fact> machine, TargetTable targets, String plan,
                         List<TrialRow> trials) {
    }

    /** Per fact (backend, limits, /health...), each target's value as its first run recorded it ("" where it has none). */
    public record TargetTable(List<String> targets, List<TargetRow> rows) {
    }

    public record TargetRow(String name, List<String> values) {
    }

    public record TrialRow(String order, String cell, String trial, String outcome, String reason, String seconds,
                           String flags, List<Link> links) {
    }

    static Provenance of(List<ReportSource> sources, Path reportDir) {
        List<Source> out = new ArrayList<>();
        for (ReportSource s : sources) {
            JsonNode first = s.runs().isEmpty() ? s.run() : ReportSource.json(s.runs().get(0).runDir().resolve("run.json"));
            JsonNode env = s.run().path("environment").isMissingNode() ? first.path("environment") : s.run().path("environment");
            List<Fact> machine = new ArrayList<>();
            flatten("", env, machine);
            Map<String, MeasuredRun> firstOfTarget = new LinkedHashMap<>();
            s.runs().forEach(r -> firstOfTarget.putIfAbsent(r.target(), r));
            List<String> names = s.targets().stream().filter(firstOfTarget::containsKey).toList();
            Map<String, Map<String, String>> byFact = new LinkedHashMap<>();
            for (String name : names) {
                for (Fact f : targetFacts(name, firstOfTarget.get(name))) {
                    byFact.computeIfAbsent(f.name(), k -> new LinkedHashMap<>()).put(name, f.value());
                }
            }
            List<TargetRow> rows = new ArrayList<>();
            byFact.forEach((fact, values) -> rows.add(new TargetRow(fact,
                    names.stream().map(n -> values.getOrDefault(n, "")).toList())));
            out.add(new Source(s.label(), s.dir().toString(), machine, new TargetTable(names, rows), s.plan(),
                    trials(s, reportDir)));
        }
        return new Provenance(out);
    }

    private static List<Fact> targetFacts(String name, MeasuredRun r) {
        JsonNode run = ReportSource.json(r.runDir().resolve("run.json"));
        List<Fact> facts = new ArrayList<>();
        JsonNode t = run.path("targets").path(name);
        JsonNode configuration = run.path("configuration");
        add(facts, "backend", t.path("backend").isMissingNode() ? configuration.path("backend") : t.path("backend"));
        add(facts, "base URL", t.path("baseUrl"));
        flatten("limits.", configuration.path("limits").path(name), facts);
        // containers named after the target: its app, and the front whose name holds it (nginx-django-gunicorn)
        configuration.path("appliedLimits").fields().forEachRemaining(e -> flatten("applied limits ("
                + (e.getKey().equals(name) ? "app" : e.getKey().contains(name) ? "front" : e.getKey()) + ").",
                e.getValue(), facts));
        add(facts, "app image", configuration.path("appImages").path(name));
        flatten("image bases.", configuration.path("imageBases"), facts);
        add(facts, "PostgreSQL", configuration.path("postgres"));
        flatten("/health.", t.path("health"), facts);
        JsonNode summary = r.summary();
        flatten("injector.", summary.path("injector"), facts);
        JsonNode lag = summary.path("lag");
        if (!lag.isMissingNode() && !lag.isNull()) {
            facts.add(new Fact("injector schedule lag", String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, max %.3f ms%s "
                    + "(%s)", lag.path("p50Ms").asDouble(), lag.path("p99Ms").asDouble(), lag.path("maxMs").asDouble(),
                    lag.path("saturated").asBoolean() ? ": SATURATED" : "", lag.path("rule").asText())));
        }
        JsonNode cpu = summary.path("injectorCpu");
        if (!cpu.isMissingNode() && !cpu.isNull()) {
            facts.add(new Fact("injector CPU", String.format(Locale.ROOT, "mean %.0f %%, p90 %.0f %%, max %.0f %% of its "
                    + "budget (%s)%s; %s", cpu.path("mean").asDouble() * 100, cpu.path("p90").asDouble() * 100,
                    cpu.path("max").asDouble() * 100, cpu.path("budget").asText(), cpu.path("saturated").asBoolean()
                            ? ": SATURATED" : "", cpu.path("rule").asText())));
        }
        add(facts, "correction", summary.path("correction"));
        flatten("driver.", run.path("parameters"), facts);
        return facts;
    }

    private static List<TrialRow> trials(ReportSource s, Path reportDir) {
        List<TrialRow> rows = new ArrayList<>();
        if (!s.isSuite()) {
            rows.add(new TrialRow("1", s.run().path("runId").asText(s.dir().getFileName().toString()), "1",
                    s.run().path("outcome").asText(""), "", "", s.run().path("trustworthy").asBoolean(true) ? ""
                    : "injector saturated", links(s.dir(), s.run(), reportDir, false)));
            return rows;
        }
        for (JsonNode t : s.suite().path("trials")) {
            Path dir = s.dir().resolve(t.path("folder").asText());
            List<String> flags = new ArrayList<>();
            t.path("flags").forEach(f -> flags.add(f.asText()));
            rows.add(new TrialRow(t.path("order").asText(), t.path("cell").asText(), t.path("trial").asText(),
                    t.path("outcome").asText(), t.path("reason").asText(""),
                    String.format(Locale.ROOT, "%.1f", t.path("seconds").asDouble()), String.join("; ", flags),
                    links(dir, ReportSource.json(dir.resolve("run.json")), reportDir, true)));
        }
        return rows;
    }

    /** Relative links from the report's folder to a run's files that exist. */
    private static List<Link> links(Path runDir, JsonNode run, Path reportDir, boolean trial) {
        List<Link> links = new ArrayList<>();
        link(links, "run.json", runDir.resolve("run.json"), reportDir);
        if (trial) {
            link(links, "driver.log", runDir.resolve("driver.log"), reportDir);
            link(links, "its report", runDir.resolve(HtmlReport.FILE), reportDir);
        }
        if (run.hasNonNull("gatlingReport")) {
            // Gatling renders it after the simulation ends: linked by its recorded path
            links.add(new Link("Gatling report", href(reportDir, runDir.resolve(run.path("gatlingReport").asText()))));
        }
        return links;
    }

    private static void link(List<Link> links, String text, Path file, Path reportDir) {
        if (Files.exists(file)) {
            links.add(new Link(text, href(reportDir, file)));
        }
    }

    /** A relative URL from the report's folder: path segments joined by '/', each escaped as a URL needs. */
    static String href(Path reportDir, Path file) {
        Path rel = reportDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(java.net.URLEncoder.encode(p.toString(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20")));
        return String.join("/", parts);
    }

    private static void add(List<Fact> facts, String name, JsonNode v) {
        if (!v.isMissingNode() && !v.isNull()) {
            facts.add(new Fact(name, v.isValueNode() ? v.asText() : v.toString()));
        }
    }

    /** Nested objects as dotted names ("limits.cpuset"); arrays and values as their text. */
    private static void flatten(String prefix, JsonNode node, List<Fact> facts) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    flatten(prefix + e.getKey() + ".", e.getValue(), facts);
                } else {
                    add(facts, prefix + e.getKey(), e.getValue());
                }
            }
        }
    }
}
