package dev.fwbench.harness.claims;

import dev.fwbench.harness.stats.CellComparison;
import dev.fwbench.harness.stats.CellStats;
import dev.fwbench.harness.stats.Comparison;
import dev.fwbench.harness.stats.ComparisonSettings;
import dev.fwbench.harness.stats.MedianInterval;
import dev.fwbench.harness.stats.Verdict;
import dev.fwbench.harness.suite.SuiteStatistics;
import dev.fwbench.harness.suite.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a claim's {@link Decision} to the numbers of its experiment, without I/O: suites in
 * ({@link SuiteEvidence}), a {@link ClaimVerdict} out. Statistics come from {@code stats/}
 * only: the Hodges-Lehmann ratio of two cells' trials with its exact Mann-Whitney interval
 * ({@link CellComparison}, alpha 0.05, not Holm-adjusted: a rule reads intervals, not p-values),
 * and for a bar the order-statistic interval of one cell's median ({@link MedianInterval}).
 *
 * <h2>Kinds</h2>
 * <ul>
 *   <li><b>ratio</b>: each comparison's 95 % interval of B/A against the rule's bounds. NestJS /
 *       Django capacity 1.85 [1.62, 2.10] on /json meets "lower bound &gt; 1.10".</li>
 *   <li><b>efficiency</b>: the ratio over B's workers / A's: 2 workers at 1.5 [1.4, 1.62] x one
 *       worker's capacity is an efficiency of 0.75 [0.70, 0.81].</li>
 *   <li><b>bar-per-core</b>: one cell's capacity over its cores (its {@code server.cpus}, else the
 *       machine's), the interval of the median from the trials' search brackets: 6 trials holding
 *       300..340 req/s on 1 core (failing at 330..370) give [300, 370] at 96.9 %.</li>
 *   <li><b>not-a-runtime-property</b>: no measurement; byte-identical compiled JavaScript for the
 *       typed and the untyped handler.</li>
 * </ul>
 *
 * <h2>Quantifiers</h2>
 * A condition holds on "all" comparisons, "at least k" or "at most k" of them. A comparison a
 * guard made inconclusive counts as unknown: "at least 2 of 3" needs 2 decided ones that meet
 * it; "at most 1" holds only if it would hold with every unknown meeting the condition; "all"
 * needs every one decided.
 *
 * <h2>Guards: a verdict is never stronger than its evidence</h2>
 * Each comparison is inconclusive, with the reason, when: a cell is missing or has no trial with
 * numbers; a trial of either cell had a saturated injector (its numbers are the injector's), a
 * configuration that differs from the plan's, or a capacity that is only a lower bound (search.max
 * held); a trial's errors are above the SLO; B's (or A's) workers exceed the cores the target has
 * (when the decision guards it: a scaling claim beyond the cores cannot be decided on them); or
 * there are too few trials for a 95 % interval (4 per side for a comparison, 6 for a median).
 */
public final class RuleEvaluation {
    private static final double ALPHA = 0.05;

    private RuleEvaluation() {
    }

    /**
     * The verdict on {@code claim} from {@code suites} (plan name to suite; a missing plan makes the claim
     * inconclusive), {@code erasure} for a not-a-runtime-property claim (null otherwise).
     */
    public static ClaimVerdict evaluate(ClaimRegistry.Registry registry, Claim claim, Map<String, SuiteEvidence> suites,
                                        ErasureEvidence erasure) {
        Decision d = claim.decision();
        if (d.kind() == Decision.Kind.NOT_A_RUNTIME_PROPERTY) {
            return erasure(claim, erasure);
        }
        SuiteEvidence suite = suites.get(d.plan());
        List<String> links = new ArrayList<>();
        for (String p : d.plans()) {
            if (suites.containsKey(p)) {
                links.add(suites.get(p).folder());
            }
        }
        if (suite == null) {
            return verdict(claim, ClaimVerdict.Outcome.INCONCLUSIVE, "its experiment (plan " + d.plan() + ") was not run",
                    d.restsOn(), null, null, List.of(), List.of(), links);
        }
        List<ClaimVerdict.ProfileVerdict> profiles = new ArrayList<>();
        for (String profile : d.profiles()) {
            profiles.add(profile(registry, d, suite, profile));
        }
        ClaimVerdict.ProfileVerdict main = profiles.stream().filter(p -> p.profile().equals(d.restsOn())).findFirst()
                .orElseThrow();
        StringBuilder reason = new StringBuilder(main.reason());
        reason.append(" [rests on the ").append(d.restsOn()).append(" profile");
        for (ClaimVerdict.ProfileVerdict p : profiles) {
            if (!p.profile().equals(d.restsOn())) {
                reason.append("; ").append(p.profile()).append(": ").append(p.verdict());
            }
        }
        reason.append("]");
        List<ClaimVerdict.Estimate> beside = new ArrayList<>();
        for (Decision.Beside b : d.beside()) {
            SuiteEvidence s = suites.get(b.plan());
            for (Map<String, String> e : b.each().isEmpty() ? List.<Map<String, String>>of(Map.of()) : b.each()) {
                Map<String, String> a = profiled(merge(b.a(), e), d.restsOn());
                Map<String, String> bb = profiled(merge(b.b(), e), d.restsOn());
                String label = b.label() + (e.isEmpty() ? "" : " " + e.values());
                if (s == null) {
                    beside.add(missing(label, b.plan(), "plan " + b.plan() + " was not run"));
                    continue;
                }
                beside.add(compare(registry, d, s, label, b.kind(), e.getOrDefault("metric", b.metric()),
                        e.getOrDefault("request", b.request()), a, bb));
            }
        }
        ClaimVerdict.Estimate headline = main.parts().isEmpty() || main.parts().get(0).estimates().isEmpty() ? null
                : main.parts().get(0).estimates().get(0);
        return verdict(claim, outcome(main.verdict()), reason.toString(), d.restsOn(), headline,
                headline == null || headline.trialsA() == null ? null
                        : headline.trialsA() + (headline.trialsB() == null ? "" : "+" + headline.trialsB()),
                profiles, beside, links);
    }

    private static ClaimVerdict.Outcome outcome(String word) {
        for (ClaimVerdict.Outcome o : ClaimVerdict.Outcome.values()) {
            if (o.word().equals(word)) {
                return o;
            }
        }
        return ClaimVerdict.Outcome.INCONCLUSIVE;
    }

    private static ClaimVerdict verdict(Claim c, ClaimVerdict.Outcome o, String reason, String restsOn,
                                        ClaimVerdict.Estimate estimate, String trials,
                                        List<ClaimVerdict.ProfileVerdict> profiles, List<ClaimVerdict.Estimate> beside,
                                        List<String> suites) {
        return new ClaimVerdict(c.id(), c.quote(), c.subject(), c.hypothesis(), c.experiment(), c.measure(), c.rule(),
                c.decision().kind().word(), o.word(), reason, restsOn, estimate, trials, profiles, beside,
                new ClaimVerdict.Evidence(suites, List.of(), List.of()));
    }

    /** One profile: each part decided alone, then their conjunction. */
    private static ClaimVerdict.ProfileVerdict profile(ClaimRegistry.Registry registry, Decision d, SuiteEvidence suite,
                                                       String profile) {
        if (suite.cells().stream().noneMatch(c -> c.setting("profile").equals(profile))) {
            return new ClaimVerdict.ProfileVerdict(profile, "not run", "the " + suite.plan() + " plan of this size runs no "
                    + profile + " cells", List.of());
        }
        List<Decision.Part> parts = d.parts().isEmpty() ? List.of(new Decision.Part("", d.a(), d.b())) : d.parts();
        List<ClaimVerdict.PartVerdict> out = new ArrayList<>();
        for (Decision.Part part : parts) {
            List<ClaimVerdict.Estimate> estimates = new ArrayList<>();
            for (Map<String, String> e : d.each().isEmpty() ? List.<Map<String, String>>of(Map.of()) : d.each()) {
                String metric = e.getOrDefault("metric", d.metric());
                String request = e.getOrDefault("request", d.request());
                String label = (part.name().isEmpty() ? "" : part.name() + " ") + describe(metric, request, e);
                if (d.kind() == Decision.Kind.BAR_PER_CORE) {
                    estimates.add(perCore(registry, suite, label, metric, profiled(merge(part.a(), e), profile)));
                } else {
                    estimates.add(compare(registry, d, suite, label, d.kind(), metric, request,
                            profiled(merge(part.a(), e), profile), profiled(merge(part.b(), e), profile)));
                }
            }
            out.add(decide(part.name(), d, estimates));
        }
        return combine(profile, out);
    }

    private static String describe(String metric, String request, Map<String, String> each) {
        StringBuilder sb = new StringBuilder(request != null && SuiteStatistics.perRequest(metric) ? request + " " : "");
        sb.append(metric);
        each.forEach((k, v) -> {
            if (!k.equals("metric") && !k.equals("request")) {
                sb.append(", ").append(k).append(' ').append(v);
            }
        });
        return sb.toString();
    }

    /** The selector with the entry's keys (metric and request are not settings) and the profile. */
    private static Map<String, String> merge(Map<String, String> selector, Map<String, String> each) {
        Map<String, String> m = new LinkedHashMap<>(selector);
        each.forEach((k, v) -> {
            if (!k.equals("metric") && !k.equals("request")) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static Map<String, String> profiled(Map<String, String> selector, String profile) {
        Map<String, String> m = new LinkedHashMap<>(selector);
        m.putIfAbsent("profile", profile);
        return m;
    }

    /** The conjunction of the parts: supported when all are, refuted when any is, else inconclusive. */
    private static ClaimVerdict.ProfileVerdict combine(String profile, List<ClaimVerdict.PartVerdict> parts) {
        if (parts.size() == 1) {
            return new ClaimVerdict.ProfileVerdict(profile, parts.get(0).verdict(), parts.get(0).reason(), parts);
        }
        List<String> reasons = new ArrayList<>();
        parts.forEach(p -> reasons.add(p.name() + ": " + p.verdict() + " (" + p.reason() + ")"));
        String verdict = parts.stream().anyMatch(p -> p.verdict().equals("refuted")) ? "refuted"
                : parts.stream().allMatch(p -> p.verdict().equals("supported")) ? "supported" : "inconclusive";
        String lead = switch (verdict) {
            case "supported" -> "every part supports it: ";
            case "refuted" -> "a part refutes it (the claim is about each): ";
            default -> "no part refutes it, not every part supports it: ";
        };
        return new ClaimVerdict.ProfileVerdict(profile, verdict, lead + String.join("; ", reasons), parts);
    }

    /** A part's verdict from its estimates and the decision's quantified conditions. */
    static ClaimVerdict.PartVerdict decide(String name, Decision d, List<ClaimVerdict.Estimate> estimates) {
        boolean supported = quantified(d.supported(), estimates);
        Decision.Condition refutedBy = null;
        for (Decision.Condition r : d.refuted()) {
            if (quantified(r, estimates)) {
                refutedBy = r;
                break;
            }
        }
        List<ClaimVerdict.Estimate> marked = new ArrayList<>();
        for (ClaimVerdict.Estimate e : estimates) {
            if (e.inconclusiveBecause() != null) {
                marked.add(e);
                continue;
            }
            String meets = holds(d.supported(), e) ? "supported"
                    : d.refuted().stream().anyMatch(r -> holds(r, e)) ? "refuted" : "neither";
            marked.add(withMeets(e, meets));
        }
        String numbers = numbers(marked);
        int n = estimates.size();
        if (supported && refutedBy == null) {
            return new ClaimVerdict.PartVerdict(name, "supported", numbers + ": " + d.supported().describe(n), marked);
        }
        if (refutedBy != null && !supported) {
            return new ClaimVerdict.PartVerdict(name, "refuted", numbers + ": " + refutedBy.describe(n), marked);
        }
        if (supported) {
            return new ClaimVerdict.PartVerdict(name, "inconclusive", numbers + ": meets both the support ("
                    + d.supported().describe(n) + ") and a refutation (" + refutedBy.describe(n) + ")", marked);
        }
        Set<String> guards = new LinkedHashSet<>();
        marked.forEach(e -> {
            if (e.inconclusiveBecause() != null) {
                guards.add(e.label() + ": " + e.inconclusiveBecause());
            }
        });
        String why = guards.isEmpty()
                ? "neither " + d.supported().describe(n) + (d.refuted().isEmpty() ? " (the rule names no refutation)"
                : " nor " + String.join(" nor ", d.refuted().stream().map(r -> r.describe(n)).toList()))
                : String.join("; ", guards);
        return new ClaimVerdict.PartVerdict(name, "inconclusive", numbers + ": " + why, marked);
    }

    /** Whether a condition holds with its quantifier, unknowns (guarded estimates) counted against it. */
    static boolean quantified(Decision.Condition c, List<ClaimVerdict.Estimate> estimates) {
        int meets = 0;
        int unknown = 0;
        for (ClaimVerdict.Estimate e : estimates) {
            if (e.inconclusiveBecause() != null) {
                unknown++;
            } else if (holds(c, e)) {
                meets++;
            }
        }
        if (c.atLeast() != null) {
            return meets >= c.atLeast();
        }
        if (c.atMost() != null) {
            return meets + unknown <= c.atMost();
        }
        return unknown == 0 && meets == estimates.size() && !estimates.isEmpty();
    }

    /** The condition on an estimate's interval; an unknown upper end (a search whose max held) is unbounded. */
    private static boolean holds(Decision.Condition c, ClaimVerdict.Estimate e) {
        return c.holds(e.ciLow(), e.ciHigh() == null ? Double.POSITIVE_INFINITY : e.ciHigh());
    }

    private static String numbers(List<ClaimVerdict.Estimate> es) {
        List<String> parts = new ArrayList<>();
        for (ClaimVerdict.Estimate e : es) {
            parts.add(e.value() == null ? e.label() + " n/a" : String.format(Locale.ROOT, "%s %s [%s, %s]", e.label(),
                    num(e.value()), num(e.ciLow()), num(e.ciHigh())));
        }
        return String.join(", ", parts);
    }

    /** B against A on one metric, as a ratio or an efficiency, with the guards applied. */
    static ClaimVerdict.Estimate compare(ClaimRegistry.Registry registry, Decision d, SuiteEvidence suite, String label,
                                         Decision.Kind kind, String metric, String request, Map<String, String> a,
                                         Map<String, String> b) {
        List<SuiteEvidence.CellEvidence> as = suite.select(a);
        List<SuiteEvidence.CellEvidence> bs = suite.select(b);
        if (as.size() != 1 || bs.size() != 1) {
            return missing(label, suite.plan(), (as.size() != 1 ? cells(as, a) : "") + (as.size() != 1 && bs.size() != 1 ? "; "
                    : "") + (bs.size() != 1 ? cells(bs, b) : ""));
        }
        SuiteEvidence.CellEvidence ca = as.get(0);
        SuiteEvidence.CellEvidence cb = bs.get(0);
        String req = request != null ? request : onlyRequest(ca, cb);
        if (req == null && SuiteStatistics.perRequest(metric)) {
            return missing(label, suite.plan(), metric + " is a request's: the decision names no request and "
                    + ca.id() + " measured several");
        }
        String unit = SuiteStatistics.metric(metric, req).unit();
        double[] va = SuiteStatistics.values(ca.measured(), metric, req);
        double[] vb = SuiteStatistics.values(cb.measured(), metric, req);
        List<String> folders = new ArrayList<>();
        ca.trials().forEach(t -> folders.add(suite.folder() + "/" + t.folder()));
        cb.trials().forEach(t -> folders.add(suite.folder() + "/" + t.folder()));
        if (va.length == 0 || vb.length == 0) {
            SuiteEvidence.CellEvidence empty = va.length == 0 ? ca : cb;
            return new ClaimVerdict.Estimate(label, suite.plan(), ca.id(), cb.id(), metric, req, unit, kind.word(), null, null,
                    null, null, va.length, vb.length, null, null, null, "no " + metric + " in the trials of " + empty.id()
                    + noNumbersBecause(empty, metric), folders);
        }
        Comparison c = CellComparison.compare(SuiteStatistics.metric(metric, req), va, vb, ComparisonSettings.defaults(1));
        double scale = 1;
        String guard = guard(registry, d, suite, metric, req, ca, cb);
        if (kind == Decision.Kind.EFFICIENCY) {
            double wa = Double.parseDouble(ca.setting("workers"));
            double wb = Double.parseDouble(cb.setting("workers"));
            scale = wa / wb; // X(w) / (w X(1)) with X(1) at 1 worker: ratio x (1 / w)
        }
        if (guard == null && c.verdict() == Verdict.TOO_FEW_TRIALS) {
            guard = "too few trials (" + va.length + "+" + vb.length + "): the exact interval reaches only "
                    + pct(c.ciConfidence()) + ", " + c.minimumTrials() + " per side give 95 %";
        }
        return new ClaimVerdict.Estimate(label, suite.plan(), ca.id(), cb.id(), metric, req, unit, kind.word(),
                round(c.ratio() * scale), round(c.ciLow() * scale), round(c.ciHigh() * scale), round(c.ciConfidence()),
                va.length, vb.length, round(CellStats.of(va).median()), round(CellStats.of(vb).median()), null, guard,
                folders);
    }

    /** One cell's capacity per core against a bar: the interval of the median from each trial's [held, failed at]. */
    static ClaimVerdict.Estimate perCore(ClaimRegistry.Registry registry, SuiteEvidence suite, String label, String metric,
                                         Map<String, String> selector) {
        List<SuiteEvidence.CellEvidence> cs = suite.select(selector);
        if (cs.size() != 1) {
            return missing(label, suite.plan(), cells(cs, selector));
        }
        SuiteEvidence.CellEvidence c = cs.get(0);
        String cpus = c.setting("server.cpus");
        int cores = cpus != null && !cpus.equals("0") ? Integer.parseInt(cpus) : suite.machineCores();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        for (TrialResult t : c.measured()) {
            TrialResult.Capacity cap = t.capacity();
            if (cap != null && cap.held() != null && cap.search().equals(metric)) {
                lows.add(cap.held() / cores);
                // no break (search.max held): the upper end is unknown, never below the bar
                highs.add(cap.failedAt() != null ? cap.failedAt() / cores : Double.MAX_VALUE);
            }
        }
        List<String> folders = c.trials().stream().map(t -> suite.folder() + "/" + t.folder()).toList();
        String unit = SuiteStatistics.metric(metric, null).unit() + " per core";
        if (lows.isEmpty()) {
            return new ClaimVerdict.Estimate(label, suite.plan(), c.id(), null, metric, null, unit, "per core", null, null,
                    null, null, 0, null, null, null, null, "no " + metric + " in the trials of " + c.id()
                    + noNumbersBecause(c, metric), folders);
        }
        MedianInterval.Interval i = MedianInterval.ofBrackets(lows.stream().mapToDouble(Double::doubleValue).toArray(),
                highs.stream().mapToDouble(Double::doubleValue).toArray(), ALPHA);
        String guard = guard(registry, null, suite, metric, null, c, null);
        if (guard == null && i.tooFewTrials()) {
            guard = "too few trials (" + i.trials() + "): the median's interval reaches only " + pct(i.confidence())
                    + ", 6 trials give 95 %";
        }
        return new ClaimVerdict.Estimate(label + " on " + cores + (cores == 1 ? " core" : " cores"), suite.plan(), c.id(),
                null, metric, null, unit, "per core", round(i.median()), round(i.low()),
                i.high() == Double.MAX_VALUE ? null : round(i.high()), round(i.confidence()), i.trials(), null,
                round(i.median()), null, null, guard, folders);
    }

    /** Why an estimate cannot decide, or null: the guards, in the order a reader checks them. */
    private static String guard(ClaimRegistry.Registry registry, Decision d, SuiteEvidence suite, String metric,
                                String request, SuiteEvidence.CellEvidence a, SuiteEvidence.CellEvidence b) {
        for (SuiteEvidence.CellEvidence c : b == null ? List.of(a) : List.of(a, b)) {
            for (String f : c.flags()) {
                if (f.equals(SuiteStatistics.SATURATED)) {
                    return "the injector saturated in " + c.id() + ": its numbers are the injector's, not the target's";
                }
                if (f.startsWith("configuration differs")) {
                    return c.id() + " ran otherwise than planned (" + f + ")";
                }
                if (f.startsWith("capacity is a lower bound") && (b != null)) {
                    return c.id() + ": " + f + " (a ratio of lower bounds says nothing)";
                }
            }
            for (TrialResult t : c.measured()) {
                for (Map.Entry<String, TrialResult.Numbers> r : t.requests().entrySet()) {
                    boolean counts = request == null || r.getKey().equals(request);
                    if (counts && r.getValue().errorPct() > registry.sloErrorsPct()) {
                        return String.format(Locale.ROOT, "errors above the SLO: %s %.2f %% in trial %d of %s (at most %s %%)",
                                r.getKey(), r.getValue().errorPct(), t.trial(), c.id(), num(registry.sloErrorsPct()));
                    }
                }
            }
            if (d != null && d.guardWorkersWithinCores()) {
                String w = c.setting("workers");
                String cpus = c.setting("server.cpus");
                int cores = cpus != null && !cpus.equals("0") ? Integer.parseInt(cpus) : suite.machineCores();
                if (w != null && Integer.parseInt(w) > cores) {
                    return w + " workers on " + cores + " cores: beyond the cores the target has, inconclusive by "
                            + "construction (a scaling claim beyond them needs a machine with more)";
                }
            }
        }
        return null;
    }

    private static String noNumbersBecause(SuiteEvidence.CellEvidence c, String metric) {
        List<String> failed = c.flags().stream().filter(f -> f.startsWith("trial ")).toList();
        if (c.trials().isEmpty()) {
            return " (no trial ran)";
        }
        return failed.isEmpty() ? " (its trials do not measure it, or it was 0: e.g. no level held, or no image)"
                : " (" + String.join("; ", failed) + ")";
    }

    /** The one request both cells measured, when the metric is per request and the decision names none. */
    private static String onlyRequest(SuiteEvidence.CellEvidence a, SuiteEvidence.CellEvidence b) {
        Set<String> names = new LinkedHashSet<>();
        a.measured().forEach(t -> names.addAll(t.requests().keySet()));
        return names.size() == 1 ? names.iterator().next() : null;
    }

    private static String cells(List<SuiteEvidence.CellEvidence> found, Map<String, String> selector) {
        return found.isEmpty() ? "no cell of the suite is " + selector
                : found.size() + " cells are " + selector + " (" + String.join(", ", found.stream()
                .map(SuiteEvidence.CellEvidence::id).toList()) + "): the rule must name one";
    }

    private static ClaimVerdict.Estimate missing(String label, String plan, String why) {
        return new ClaimVerdict.Estimate(label, plan, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, why, List.of());
    }

    private static ClaimVerdict.Estimate withMeets(ClaimVerdict.Estimate e, String meets) {
        return new ClaimVerdict.Estimate(e.label(), e.plan(), e.cellA(), e.cellB(), e.metric(), e.request(), e.unit(),
                e.kind(), e.value(), e.ciLow(), e.ciHigh(), e.confidence(), e.trialsA(), e.trialsB(), e.medianA(),
                e.medianB(), meets, e.inconclusiveBecause(), e.trialFolders());
    }

    /** Claim 10: the compiled evidence decides; no measurement. */
    private static ClaimVerdict erasure(Claim claim, ErasureEvidence ev) {
        List<String> files = new ArrayList<>();
        List<ClaimVerdict.Checksum> sums = new ArrayList<>();
        if (ev != null) {
            for (ErasureEvidence.Pair p : ev.pairs()) {
                files.addAll(List.of(p.typedSource(), p.untypedSource(), p.typedJs(), p.untypedJs()));
                sums.add(new ClaimVerdict.Checksum(p.typedJs(), p.typedSha256(), p.typedBytes()));
                sums.add(new ClaimVerdict.Checksum(p.untypedJs(), p.untypedSha256(), p.untypedBytes()));
            }
        }
        ClaimVerdict.Outcome o;
        String reason;
        ErasureEvidence.Pair decides = ev == null ? null : ev.pair(ev.decides());
        if (ev == null || ev.error() != null || decides == null) {
            o = ClaimVerdict.Outcome.INCONCLUSIVE;
            reason = "nothing was compiled: " + (ev == null ? "the typescript experiment did not run" : ev.error() != null
                    ? ev.error() : "no pair named " + ev.decides());
        } else if (decides.identical()) {
            o = ClaimVerdict.Outcome.NOT_A_RUNTIME_PROPERTY;
            reason = "the typed and the untyped " + decides.what() + " compile to byte-identical JavaScript (SHA-256 "
                    + decides.typedSha256().substring(0, 16) + "..., " + decides.typedBytes() + " bytes) with " + ev.compiler()
                    + ": types are erased, so what runs, and what it costs, is the same";
        } else {
            o = ClaimVerdict.Outcome.INCONCLUSIVE;
            reason = "the typed and the untyped " + decides.what() + " compile to different JavaScript ("
                    + decides.differingLines().size() + " lines differ): the rule's evidence is not there";
        }
        if (ev != null) {
            for (ErasureEvidence.Pair p : ev.pairs()) {
                if (p != decides) {
                    reason += "; beside: the " + p.what() + (p.identical() ? " compiles to identical JavaScript too"
                            : " differs in " + p.differingLines().size() + " line(s): " + String.join(" | ",
                            p.differingLines().stream().limit(4).toList()));
                }
            }
        }
        return new ClaimVerdict(claim.id(), claim.quote(), claim.subject(), claim.hypothesis(), claim.experiment(),
                claim.measure(), claim.rule(), claim.decision().kind().word(), o.word(), reason, null, null, null, List.of(),
                List.of(), new ClaimVerdict.Evidence(List.of(), files, sums));
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Double.valueOf(new java.math.BigDecimal(v).round(new java.math.MathContext(5))
                .doubleValue()) : null;
    }

    private static String num(Double v) {
        return v == null ? "?" : java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
