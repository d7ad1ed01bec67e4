package dev.fwbench.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.suite.LocatedYaml;
import dev.fwbench.harness.suite.SuiteStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of claims ({@code claims/claims.yaml}), read and checked: every claim's words
 * and its decision ({@link Decision}), with an error that names the file, the line and the fix
 * when a decision is malformed, so that a rule that cannot be applied is found before any run.
 * Thresholds may be written as a fraction ({@code 1/1.10}), as the rules say them.
 */
public final class ClaimRegistry {
    /** The profiles an experiment may run in (run.RunSettings.PROFILE). */
    static final List<String> PROFILES = List.of("production", "tuned");

    /** The SLO every claim's search and guard use, and the claims in order. */
    public record Registry(double sloP99Ms, double sloErrorsPct, List<Claim> claims) {
        public Claim claim(int id) {
            return claims.stream().filter(c -> c.id() == id).findFirst().orElse(null);
        }
    }

    private ClaimRegistry() {
    }

    public static Registry read(Path file, String source) {
        return parse(LocatedYaml.read(file, source));
    }

    public static Registry parse(LocatedYaml yaml) {
        JsonNode root = yaml.root();
        JsonNode slo = root.path("slo");
        if (!slo.path("p99Ms").isNumber() || !slo.path("errorsPct").isNumber()) {
            throw yaml.error("/slo", "the registry needs 'slo: {p99Ms: 50, errorsPct: 0.1}': the SLO of every search and guard");
        }
        List<Claim> claims = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path("claims")) {
            String at = "/claims/" + i++;
            int id = c.path("id").asInt(-1);
            if (id < 1 || claims.stream().anyMatch(x -> x.id() == id)) {
                throw yaml.error(at + "/id", "every claim needs an 'id' of its own, a whole number from 1");
            }
            claims.add(new Claim(id, text(c, "quote"), text(c, "subject"), text(c, "hypothesis"), text(c, "experiment"),
                    text(c, "measure"), text(c, "rule"), decision(yaml, at + "/decision", c.path("decision"))));
        }
        if (claims.isEmpty()) {
            throw yaml.error("/claims", "the registry lists no claim under 'claims'");
        }
        return new Registry(slo.path("p99Ms").asDouble(), slo.path("errorsPct").asDouble(), claims);
    }

    private static String text(JsonNode c, String key) {
        return c.path(key).asText("");
    }

    private static Decision decision(LocatedYaml yaml, String at, JsonNode d) {
        if (!d.isObject()) {
            throw yaml.error(at, "every claim needs a 'decision': its rule as data (see the registry's header)");
        }
        Decision.Kind kind = Decision.Kind.of(d.path("kind").asText(""));
        if (kind == null) {
            throw yaml.error(at + "/kind", "'kind' is one of ratio, efficiency, bar-per-core, not-a-runtime-property (got '"
                    + d.path("kind").asText("") + "')");
        }
        if (kind == Decision.Kind.NOT_A_RUNTIME_PROPERTY) {
            if (!d.path("evidence").isTextual()) {
                throw yaml.error(at, "a not-a-runtime-property decision names its 'evidence' (e.g. typescript)");
            }
            return new Decision(null, kind, null, null, Map.of(), Map.of(), List.of(), List.of(), List.of(), null, null,
                    List.of(), false, List.of(), d.path("evidence").asText());
        }
        String plan = d.path("plan").asText("");
        if (!plan.matches("[a-z0-9][a-z0-9-]*")) {
            throw yaml.error(at + "/plan", "'plan' names claims/plans/<plan>-<size>.yaml, e.g. concurrency (got '" + plan + "')");
        }
        String metric = metric(yaml, at + "/metric", d.path("metric"), true);
        String request = d.path("request").isTextual() ? d.path("request").asText() : null;
        List<Map<String, String>> each = new ArrayList<>();
        int e = 0;
        for (JsonNode x : d.path("each")) {
            Map<String, String> m = selector(yaml, at + "/each/" + e, x);
            if (m.containsKey("metric")) {
                metric(yaml, at + "/each/" + e + "/metric", x.path("metric"), false);
            }
            each.add(m);
            e++;
        }
        List<Decision.Part> parts = new ArrayList<>();
        int p = 0;
        for (JsonNode x : d.path("parts")) {
            String pat = at + "/parts/" + p++;
            if (kind == Decision.Kind.BAR_PER_CORE) {
                parts.add(new Decision.Part(x.path("name").asText(""), selector(yaml, pat + "/cell", x.path("cell")), Map.of()));
            } else {
                parts.add(new Decision.Part(x.path("name").asText(""), selector(yaml, pat + "/a", x.path("a")),
                        selector(yaml, pat + "/b", x.path("b"))));
            }
        }
        Map<String, String> a = d.has("a") ? selector(yaml, at + "/a", d.path("a")) : Map.of();
        Map<String, String> b = d.has("b") ? selector(yaml, at + "/b", d.path("b")) : Map.of();
        if (parts.isEmpty() && kind != Decision.Kind.BAR_PER_CORE && (a.isEmpty() || b.isEmpty())) {
            throw yaml.error(at, "a " + kind.word() + " decision compares cells: give 'a' and 'b' (or 'parts')");
        }
        if (kind == Decision.Kind.BAR_PER_CORE && parts.isEmpty()) {
            throw yaml.error(at, "a bar-per-core decision names its cells: 'parts: [{name: nestjs, cell: {target: nestjs}}]'");
        }
        if (kind == Decision.Kind.EFFICIENCY && (!a.containsKey("workers") || !b.containsKey("workers"))) {
            throw yaml.error(at, "an efficiency decision compares worker counts: give 'workers' in both 'a' and 'b'");
        }
        if (metric == null && each.stream().noneMatch(x -> x.containsKey("metric"))) {
            throw yaml.error(at, "a measured decision needs a 'metric' (" + String.join(", ", SuiteStatistics.metricKeys()) + ")");
        }
        List<String> profiles = new ArrayList<>();
        for (JsonNode x : d.path("profiles")) {
            if (!PROFILES.contains(x.asText())) {
                throw yaml.error(at + "/profiles", "'profiles' are production and/or tuned (got '" + x.asText() + "')");
            }
            profiles.add(x.asText());
        }
        if (profiles.isEmpty()) {
            profiles.add("production");
        }
        String restsOn = d.path("restsOn").asText(profiles.get(0));
        if (!profiles.contains(restsOn)) {
            throw yaml.error(at + "/restsOn", "'restsOn' is one of the decision's profiles " + profiles + " (got '" + restsOn + "')");
        }
        if (!d.path("supported").isObject()) {
            throw yaml.error(at, "a measured decision says when it is 'supported' (e.g. {lowAbove: 1.10})");
        }
        Decision.Condition supported = condition(yaml, at + "/supported", d.path("supported"));
        List<Decision.Condition> refuted = new ArrayList<>();
        JsonNode r = d.path("refuted");
        if (r.isObject()) {
            refuted.add(condition(yaml, at + "/refuted", r));
        } else {
            int k = 0;
            for (JsonNode x : r) {
                refuted.add(condition(yaml, at + "/refuted/" + k++, x));
            }
        }
        List<Decision.Beside> beside = new ArrayList<>();
        int k = 0;
        for (JsonNode x : d.path("beside")) {
            String bat = at + "/beside/" + k++;
            Decision.Kind bk = x.has("kind") ? Decision.Kind.of(x.path("kind").asText()) : Decision.Kind.RATIO;
            if (bk != Decision.Kind.RATIO && bk != Decision.Kind.EFFICIENCY) {
                throw yaml.error(bat + "/kind", "a comparison beside the verdict is a ratio or an efficiency");
            }
            List<Map<String, String>> beach = new ArrayList<>();
            int j = 0;
            for (JsonNode y : x.path("each")) {
                beach.add(selector(yaml, bat + "/each/" + j++, y));
            }
            String bplan = x.path("plan").asText(plan);
            if (!bplan.matches("[a-z0-9][a-z0-9-]*")) {
                throw yaml.error(bat + "/plan", "'plan' names claims/plans/<plan>-<size>.yaml (got '" + bplan + "')");
            }
            beside.add(new Decision.Beside(x.path("label").asText(""), bplan, bk,
                    x.has("metric") ? metric(yaml, bat + "/metric", x.path("metric"), false) : metric,
                    x.path("request").isTextual() ? x.path("request").asText() : request,
                    selector(yaml, bat + "/a", x.path("a")), selector(yaml, bat + "/b", x.path("b")), beach));
        }
        return new Decision(plan, kind, metric, request, a, b, each, parts, profiles, restsOn, supported, refuted,
                d.path("guard").path("workersWithinCores").asBoolean(false), beside, null);
    }

    private static String metric(LocatedYaml yaml, String at, JsonNode m, boolean optional) {
        if (m.isMissingNode() && optional) {
            return null;
        }
        if (!SuiteStatistics.metricKeys().contains(m.asText(""))) {
            throw yaml.error(at, "unknown metric '" + m.asText("") + "': use one of " + String.join(", ",
                    SuiteStatistics.metricKeys()));
        }
        return m.asText();
    }

    /** A cell selector: {target: nestjs, workers: 2}: every value as text. */
    private static Map<String, String> selector(LocatedYaml yaml, String at, JsonNode s) {
        if (!s.isObject() || s.isEmpty()) {
            throw yaml.error(at, "a cell is selected by a mapping, e.g. {target: nestjs} or {target: django, threads: 4}");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw yaml.error(at + "/" + e.getKey(), "'" + e.getKey() + "' selects by one value");
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static Decision.Condition condition(LocatedYaml yaml, String at, JsonNode c) {
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("lowAbove", "lowAtLeast", "highBelow", "highAtMost", "atLeast", "atMost").contains(key)) {
                throw yaml.error(at + "/" + key, "unknown bound '" + key + "': use lowAbove, lowAtLeast, highBelow, "
                        + "highAtMost (the interval's bounds) and atLeast or atMost (how many comparisons)");
            }
        }
        Decision.Condition out = new Decision.Condition(number(yaml, at + "/lowAbove", c.path("lowAbove")),
                number(yaml, at + "/lowAtLeast", c.path("lowAtLeast")), number(yaml, at + "/highBelow", c.path("highBelow")),
                number(yaml, at + "/highAtMost", c.path("highAtMost")),
                c.has("atLeast") ? c.path("atLeast").asInt() : null, c.has("atMost") ? c.path("atMost").asInt() : null);
        if (out.lowAbove() == null && out.lowAtLeast() == null && out.highBelow() == null && out.highAtMost() == null) {
            throw yaml.error(at, "a condition bounds the interval: lowAbove, lowAtLeast, highBelow or highAtMost");
        }
        return out;
    }

    /** A threshold: a number, or a fraction as the rules write it ("1/1.10" = 0.90909...). */
    static Double number(LocatedYaml yaml, String at, JsonNode v) {
        if (v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        String t = v.asText("").trim();
        try {
            int slash = t.indexOf('/');
            return slash < 0 ? Double.parseDouble(t)
                    : Double.parseDouble(t.substring(0, slash).trim()) / Double.parseDouble(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw yaml.error(at, "a threshold is a number or a fraction such as 1/1.10 (got '" + t + "')");
        }
    }
}
