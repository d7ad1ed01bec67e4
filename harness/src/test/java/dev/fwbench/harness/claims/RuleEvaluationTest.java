package dev.fwbench.harness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.suite.LocatedYaml;
import dev.fwbench.harness.suite.SuiteStatistics;
import dev.fwbench.harness.suite.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule kind against worked examples on synthetic suites: supported, refuted and
 * inconclusive, and every guard that makes a verdict inconclusive (too few trials, a saturated
 * injector, errors above the SLO, workers beyond the cores, a configuration that differs).
 * Numbers are chosen so the exact intervals are easy to check by hand: 4 trials per side that
 * do not overlap give the interval [min ratio, max ratio] of the 16 pairwise ratios at 97.1 %.
 */
class RuleEvaluationTest {
    private static final String HEADER = "slo: {p99Ms: 50, errorsPct: 0.1}\nclaims:\n";

    /** A registry of one claim whose decision is {@code decision} (YAML, indented as in claims.yaml). */
    private static ClaimRegistry.Registry registry(String decision) {
        return ClaimRegistry.parse(LocatedYaml.parse(HEADER + "  - id: 1\n    quote: q\n    subject: s\n    hypothesis: h\n"
                + "    experiment: e\n    measure: m\n    rule: r\n    decision:\n" + decision.indent(6), "test.yaml"));
    }

    private static ClaimVerdict decide(String decision, SuiteEvidence suite) {
        ClaimRegistry.Registry r = registry(decision);
        return RuleEvaluation.evaluate(r, r.claims().get(0), suite == null ? Map.of() : Map.of(suite.plan(), suite), null);
    }

    /** A trial of a capacity search that held {@code held} req/s and broke at 5 % more. */
    private static TrialResult search(String cell, int trial, double held, List<String> flags) {
        return new TrialResult(cell, trial, trial, "trials/" + cell + "-t" + trial, "ok", null, 60,
                Map.of("json", numbers(0)), null, null, null, flags, Map.of(),
                new TrialResult.Capacity("capacity", "req/s", held, held * 1.05, "slo", false, null, null, null), null);
    }

    private static TrialResult.Numbers numbers(double errorPct) {
        return new TrialResult.Numbers(1000, (long) (errorPct * 10), errorPct, 100, 1, 2, 3, 4, 5, 1, 3, null, null);
    }

    /** A trial of a fixed load whose request {@code request} had a p50 of {@code p50} ms. */
    private static TrialResult latency(String cell, int trial, String request, double p50, double errorPct) {
        TrialResult.Numbers n = new TrialResult.Numbers(1000, (long) (errorPct * 10), errorPct, 100, p50, p50 * 2,
                p50 * 3, p50 * 4, p50 * 5, p50, p50 * 3, null, null);
        return new TrialResult(cell, trial, trial, "trials/" + cell + "-t" + trial, "ok", null, 20, Map.of(request, n),
                null, null, null, List.of(), Map.of());
    }

    private static SuiteEvidence.CellEvidence cell(String target, String workload, Map<String, String> settings,
                                                   List<TrialResult> trials, String... flags) {
        List<String> all = new ArrayList<>(List.of(flags));
        trials.forEach(t -> t.flags().forEach(f -> {
            if (!all.contains(f)) {
                all.add(f);
            }
        }));
        String id = target + "/" + workload + (settings.isEmpty() ? "" : "/" + settings);
        List<TrialResult> renamed = trials.stream().map(t -> new TrialResult(id, t.trial(), t.order(), t.folder(),
                t.outcome(), t.reason(), t.seconds(), t.requests(), t.appCpuSecondsPer1000(), t.dbCpuSecondsPer1000(),
                t.peakMemoryBytes(), t.flags(), t.reported(), t.capacity(), t.footprint())).toList();
        return new SuiteEvidence.CellEvidence(id, target, workload, new LinkedHashMap<>(settings), renamed, all);
    }

    /** A cell of capacity searches holding these levels, one trial each. */
    private static SuiteEvidence.CellEvidence capacities(String target, String workload, Map<String, String> settings,
                                                         double... held) {
        List<TrialResult> ts = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            ts.add(search("x", i + 1, held[i], List.of()));
        }
        return cell(target, workload, settings, ts);
    }

    private static SuiteEvidence suite(SuiteEvidence.CellEvidence... cells) {
        return new SuiteEvidence("exp", "suites/exp", "completed", 2, List.of(cells));
    }

    private static final String CONCURRENCY = """
            plan: exp
            kind: ratio
            metric: capacity
            a: {target: django}
            b: {target: nestjs}
            each: [{workload: json}, {workload: db}, {workload: mix}]
            supported: {lowAbove: 1.10, atLeast: 2}
            refuted: [{highBelow: 1/1.10, atLeast: 2}]
            """;

    private static SuiteEvidence threeWorkloads(double nestjsOverDjango, String saturatedWorkload) {
        List<SuiteEvidence.CellEvidence> cells = new ArrayList<>();
        for (String w : List.of("json", "db", "mix")) {
            cells.add(capacities("django", w, Map.of(), 1000, 1010, 990, 1005));
            SuiteEvidence.CellEvidence n = capacities("nestjs", w, Map.of(), 1000 * nestjsOverDjango,
                    1010 * nestjsOverDjango, 990 * nestjsOverDjango, 1005 * nestjsOverDjango);
            if (w.equals(saturatedWorkload)) {
                n = cell("nestjs", w, Map.of(), n.trials(), SuiteStatistics.SATURATED);
            }
            cells.add(n);
        }
        return new SuiteEvidence("exp", "suites/exp", "completed", 2, cells);
    }

    @Test
    void aRatioClearlyAboveTheBandOnTwoOfThreeWorkloadsIsSupported() {
        ClaimVerdict v = decide(CONCURRENCY, threeWorkloads(2.0, null));
        assertThat(v.verdict()).isEqualTo("supported");
        // 4 vs 4 without overlap: the interval is [min, max] of the 16 ratios: 2 x 990/1010 .. 2 x 1010/990
        ClaimVerdict.Estimate json = v.estimate();
        assertThat(json.value()).isBetween(1.99, 2.01);
        assertThat(json.ciLow()).isCloseTo(2 * 990 / 1010.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(json.ciHigh()).isCloseTo(2 * 1010 / 990.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(json.confidence()).isCloseTo(1 - 2 / 70.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(v.trials()).isEqualTo("4+4");
        assertThat(v.reason()).contains("lower bound > 1.1 on at least 2 of 3").contains("rests on the production profile");
        assertThat(json.trialFolders()).hasSize(8).allMatch(f -> f.startsWith("suites/exp/trials/"));
    }

    @Test
    void aRatioClearlyBelowIsRefutedAndOneWithinTheBandIsInconclusive() {
        assertThat(decide(CONCURRENCY, threeWorkloads(0.5, null)).verdict()).isEqualTo("refuted");
        ClaimVerdict same = decide(CONCURRENCY, threeWorkloads(1.0, null));
        assertThat(same.verdict()).isEqualTo("inconclusive");
        assertThat(same.reason()).contains("neither lower bound > 1.1 on at least 2 of 3 nor upper bound < 0.9091");
    }

    @Test
    void aSaturatedInjectorMakesItsComparisonUnknownNotTheOthers() {
        ClaimVerdict two = decide(CONCURRENCY, threeWorkloads(2.0, "mix"));
        assertThat(two.verdict()).as("json and db decide: 2 of 3").isEqualTo("supported");
        ClaimVerdict.Estimate mix = two.profiles().get(0).parts().get(0).estimates().get(2);
        assertThat(mix.inconclusiveBecause()).contains("the injector saturated in nestjs/mix");
        assertThat(mix.meets()).isNull();
        // atLeast 2 of 3 with only json decidable: inconclusive, saying why
        SuiteEvidence s = threeWorkloads(2.0, "mix");
        List<SuiteEvidence.CellEvidence> cells = new ArrayList<>(s.cells());
        cells.set(3, cell("nestjs", "db", Map.of(), cells.get(3).trials(), SuiteStatistics.SATURATED));
        ClaimVerdict one = decide(CONCURRENCY, new SuiteEvidence("exp", "suites/exp", "completed", 2, cells));
        assertThat(one.verdict()).isEqualTo("inconclusive");
        assertThat(one.reason()).contains("injector saturated in nestjs/db").contains("injector saturated in nestjs/mix");
    }

    @Test
    void threeTrialsPerSideAreTooFewForA95PercentInterval() {
        ClaimVerdict v = decide(CONCURRENCY.replace("atLeast: 2}\nrefuted", "atLeast: 1}\nrefuted"), suite(
                capacities("django", "json", Map.of(), 1000, 1010, 990),
                capacities("nestjs", "json", Map.of(), 2000, 2020, 1980)));
        assertThat(v.verdict()).isEqualTo("inconclusive");
        assertThat(v.estimate().inconclusiveBecause()).contains("too few trials (3+3)").contains("90.0 %")
                .contains("4 per side");
        assertThat(v.estimate().value()).as("the estimate is still reported").isBetween(1.99, 2.01);
    }

    @Test
    void errorsAboveTheSloMakeALatencyComparisonInconclusive() {
        String decision = """
                plan: exp
                kind: ratio
                metric: p50
                request: echo
                a: {target: django}
                b: {target: nestjs}
                supported: {highBelow: 1/1.10}
                refuted: [{lowAbove: 1.10}]
                """;
        List<TrialResult> django = new ArrayList<>();
        List<TrialResult> nestjs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            django.add(latency("d", i, "echo", 2.0 + i / 100.0, 0));
            nestjs.add(latency("n", i, "echo", 1.0 + i / 100.0, i == 3 ? 0.5 : 0));
        }
        ClaimVerdict v = decide(decision, suite(cell("django", "echo", Map.of(), django), cell("nestjs", "echo", Map.of(),
                nestjs)));
        assertThat(v.verdict()).isEqualTo("inconclusive");
        assertThat(v.reason()).contains("errors above the SLO: echo 0.50 % in trial 3 of nestjs/echo (at most 0.1 %)");
        nestjs.set(2, latency("n", 3, "echo", 1.03, 0));
        ClaimVerdict clean = decide(decision, suite(cell("django", "echo", Map.of(), django), cell("nestjs", "echo",
                Map.of(), nestjs)));
        assertThat(clean.verdict()).isEqualTo("supported"); // about 0.5 [0.48, 0.51] < 0.909
        assertThat(clean.estimate().unit()).isEqualTo("ms");
    }

    @Test
    void aConfigurationThatDiffersIsInconclusive() {
        SuiteEvidence s = threeWorkloads(2.0, null);
        List<SuiteEvidence.CellEvidence> cells = new ArrayList<>(s.cells());
        for (int i : new int[] {1, 3}) {
            cells.set(i, cell("nestjs", cells.get(i).workload(), Map.of(), cells.get(i).trials(),
                    "configuration differs: workers 4 asked, 2 reported"));
        }
        ClaimVerdict v = decide(CONCURRENCY, new SuiteEvidence("exp", "suites/exp", "completed", 2, cells));
        assertThat(v.verdict()).isEqualTo("inconclusive");
        assertThat(v.reason()).contains("ran otherwise than planned (configuration differs: workers 4 asked, 2 reported)");
    }

    private static final String EFFICIENCY = """
            plan: exp
            kind: efficiency
            metric: capacity
            a: {target: nestjs, workers: 1}
            b: {target: nestjs, workers: 2}
            supported: {lowAbove: 0.7}
            refuted: [{highBelow: 0.7}]
            guard: {workersWithinCores: true}
            beside:
              - {label: four, kind: efficiency, a: {target: nestjs, workers: 1}, b: {target: nestjs, workers: 4}}
            """;

    private static SuiteEvidence workers(double x2, double x4) {
        return suite(capacities("nestjs", "json", Map.of("workers", "1"), 1000, 1010, 990, 1005),
                capacities("nestjs", "json", Map.of("workers", "2"), 1000 * x2, 1010 * x2, 990 * x2, 1005 * x2),
                capacities("nestjs", "json", Map.of("workers", "4"), 1000 * x4, 1010 * x4, 990 * x4, 1005 * x4));
    }

    @Test
    void efficiencyIsTheRatioOverTheWorkersAndWorkersBeyondTheCoresAreInconclusiveByConstruction() {
        ClaimVerdict v = decide(EFFICIENCY, workers(1.7, 2.0));
        assertThat(v.verdict()).isEqualTo("supported");
        assertThat(v.estimate().value()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(0.01));
        assertThat(v.estimate().ciLow()).isCloseTo(0.85 * 990 / 1010, org.assertj.core.data.Offset.offset(0.01));
        assertThat(v.estimate().kind()).isEqualTo("efficiency");
        ClaimVerdict.Estimate four = v.beside().get(0);
        assertThat(four.value()).as("reported").isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(four.inconclusiveBecause()).contains("4 workers on 2 cores: beyond the cores the target has");
        assertThat(decide(EFFICIENCY, workers(1.1, 2.0)).verdict()).as("0.55 < 0.7").isEqualTo("refuted");
        assertThat(decide(EFFICIENCY, workers(1.4, 2.0)).verdict()).as("0.70 [0.686, 0.714]").isEqualTo("inconclusive");
        ClaimVerdict beyond = decide(EFFICIENCY.replace("workers: 2}", "workers: 4}"), workers(1.7, 3.6));
        assertThat(beyond.verdict()).isEqualTo("inconclusive");
        assertThat(beyond.reason()).contains("inconclusive by construction");
    }

    private static final String BAR = """
            plan: exp
            kind: bar-per-core
            metric: capacity
            parts:
              - {name: nestjs, cell: {target: nestjs}}
              - {name: django, cell: {target: django}}
            supported: {lowAtLeast: 250}
            refuted: [{highBelow: 250}]
            """;

    @Test
    void aBarPerCoreReadsTheMedianIntervalOfTheSearchBrackets() {
        Map<String, String> oneCore = Map.of("server.cpus", "1");
        // nestjs: held 300..340 on one core: [300, 357] at 96.9 %; django: held 100..125, broke 5 % above: [100, 131]
        SuiteEvidence s = suite(capacities("nestjs", "mix", oneCore, 300, 310, 320, 330, 335, 340),
                capacities("django", "mix", oneCore, 100, 105, 110, 115, 120, 125));
        ClaimVerdict v = decide(BAR, s);
        ClaimVerdict.PartVerdict nest = v.profiles().get(0).parts().get(0);
        ClaimVerdict.PartVerdict django = v.profiles().get(0).parts().get(1);
        assertThat(nest.verdict()).isEqualTo("supported");
        assertThat(nest.estimates().get(0).ciLow()).isEqualTo(300.0);
        assertThat(nest.estimates().get(0).ciHigh()).isEqualTo(357.0);
        assertThat(nest.estimates().get(0).confidence()).isCloseTo(0.96875, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(nest.estimates().get(0).unit()).isEqualTo("req/s per core");
        assertThat(django.verdict()).isEqualTo("refuted");
        assertThat(v.verdict()).as("both frameworks: one refutes it").isEqualTo("refuted");
        assertThat(v.reason()).contains("a part refutes it");
        // the same numbers on 2 cores are half as much per core: nestjs [150, 178.5] is below the bar
        SuiteEvidence twoCores = suite(capacities("nestjs", "mix", Map.of("server.cpus", "2"), 300, 310, 320, 330, 335, 340),
                capacities("django", "mix", Map.of(), 600, 620, 640, 660, 670, 680));
        ClaimVerdict t = decide(BAR, twoCores);
        assertThat(t.profiles().get(0).parts().get(0).verdict()).isEqualTo("refuted");
        assertThat(t.profiles().get(0).parts().get(1).verdict()).as("the machine's 2 cores when unset").isEqualTo("supported");
    }

    @Test
    void aBarNeedsSixTrialsAndAStraddleIsInconclusive() {
        ClaimVerdict four = decide(BAR.replace("  - {name: django, cell: {target: django}}\n", ""), suite(
                capacities("nestjs", "mix", Map.of("server.cpus", "1"), 300, 310, 320, 330)));
        assertThat(four.verdict()).isEqualTo("inconclusive");
        assertThat(four.reason()).contains("too few trials (4)").contains("87.5 %").contains("6 trials give 95 %");
        ClaimVerdict straddle = decide(BAR.replace("  - {name: django, cell: {target: django}}\n", ""), suite(
                capacities("nestjs", "mix", Map.of("server.cpus", "1"), 230, 240, 250, 260, 270, 280)));
        assertThat(straddle.verdict()).isEqualTo("inconclusive");
    }

    @Test
    void partsAreAConjunction() {
        String decision = """
                plan: exp
                kind: ratio
                metric: p50
                request: article detail
                parts:
                  - {name: nestjs, a: {target: nestjs}, b: {target: nestjs-redis}}
                  - {name: django, a: {target: django}, b: {target: django-redis}}
                supported: {highBelow: 1/1.10}
                refuted: [{lowAbove: 1/1.10}]
                """;
        ClaimVerdict both = decide(decision, suite(p50s("nestjs", 2.0), p50s("nestjs-redis", 1.0), p50s("django", 4.0),
                p50s("django-redis", 2.0)));
        assertThat(both.verdict()).isEqualTo("supported");
        assertThat(both.reason()).contains("every part supports it");
        ClaimVerdict one = decide(decision, suite(p50s("nestjs", 2.0), p50s("nestjs-redis", 1.0), p50s("django", 4.0),
                p50s("django-redis", 4.0)));
        assertThat(one.verdict()).as("the cache does nothing for django: refuted for it, so for the claim")
                .isEqualTo("refuted");
        assertThat(one.profiles().get(0).parts()).extracting(ClaimVerdict.PartVerdict::verdict)
                .containsExactly("supported", "refuted");
    }

    private static SuiteEvidence.CellEvidence p50s(String target, double p50) {
        List<TrialResult> ts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ts.add(latency(target, i, "article detail", p50 * (1 + i / 200.0), 0));
        }
        return cell(target, "articles", Map.of(), ts);
    }

    @Test
    void aBandIsSupportedInsideItAndRefutedAboveIt() {
        String decision = """
                plan: exp
                kind: ratio
                metric: p50
                request: article detail
                a: {target: raw}
                b: {target: orm}
                supported: {lowAtLeast: 1/1.10, highAtMost: 1.10}
                refuted: [{lowAbove: 1.10, atLeast: 1}]
                """;
        assertThat(decide(decision, suite(p50s("raw", 2.0), p50s("orm", 2.05))).verdict()).isEqualTo("supported");
        assertThat(decide(decision, suite(p50s("raw", 2.0), p50s("orm", 3.0))).verdict()).isEqualTo("refuted");
        assertThat(decide(decision, suite(p50s("raw", 2.0), p50s("orm", 1.5))).verdict())
                .as("faster than raw: outside the band, below it: the rule names no refutation there").isEqualTo("inconclusive");
    }

    private static final String FOOTPRINT = """
            plan: exp
            kind: ratio
            a: {target: nestjs}
            b: {target: django}
            each: [{metric: coldStart}, {metric: idleMemory}, {metric: image}, {metric: p50, request: plaintext}]
            supported: {lowAbove: 1.10, atLeast: 3}
            refuted: [{lowAbove: 1.10, atMost: 1}]
            """;

    private static SuiteEvidence.CellEvidence footprint(String target, double start, double memory, Double image, double p50) {
        List<TrialResult> ts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            double f = 1 + i / 200.0;
            TrialResult.Numbers n = new TrialResult.Numbers(100, 0, 0, 20, p50 * f, p50, p50, p50, p50, p50, p50, null, null);
            ts.add(new TrialResult(target, i, i, "trials/" + target + i, "ok", null, 20, Map.of("plaintext", n), null, null,
                    null, List.of(), Map.of(), null, new TrialResult.Footprint(start * f, memory * f,
                    image == null ? null : image, image == null ? "the process backend has no image" : "img")));
        }
        return cell(target, "smallest", Map.of(), ts);
    }

    @Test
    void countsOfClearDifferencesDecideAndAMissingFigureIsUnknown() {
        // django slower to start, 3x the memory, a larger image, a slower /plaintext: 4 of 4
        assertThat(decide(FOOTPRINT, suite(footprint("nestjs", 1, 60, 300.0, 0.3), footprint("django", 2, 180, 400.0, 0.6)))
                .verdict()).isEqualTo("supported");
        // only memory clearly above: at most 1 of 4
        assertThat(decide(FOOTPRINT, suite(footprint("nestjs", 2, 60, 300.0, 0.6), footprint("django", 2, 180, 230.0, 0.6)))
                .verdict()).isEqualTo("refuted");
        // no image (process backend): 3 of the 3 measured still support it
        ClaimVerdict noImage = decide(FOOTPRINT, suite(footprint("nestjs", 1, 60, null, 0.3),
                footprint("django", 2, 180, null, 0.6)));
        assertThat(noImage.verdict()).isEqualTo("supported");
        assertThat(noImage.profiles().get(0).parts().get(0).estimates().get(2).inconclusiveBecause())
                .contains("no image in the trials of nestjs/smallest");
        // no image and 1 of 3 above: "at most 1" cannot be known (the image could be a second)
        ClaimVerdict unknown = decide(FOOTPRINT, suite(footprint("nestjs", 2, 60, null, 0.6),
                footprint("django", 2, 180, null, 0.6)));
        assertThat(unknown.verdict()).isEqualTo("inconclusive");
    }

    @Test
    void aProfileTheSuiteDidNotRunIsSaidAndTheVerdictRestsOnTheOther() {
        ClaimVerdict v = decide(CONCURRENCY + "profiles: [production, tuned]\nrestsOn: production\n", threeWorkloads(2.0, null));
        assertThat(v.verdict()).isEqualTo("supported");
        assertThat(v.profiles()).extracting(ClaimVerdict.ProfileVerdict::verdict).containsExactly("supported", "not run");
        assertThat(v.reason()).contains("tuned: not run");
        assertThat(decide(CONCURRENCY, null).reason()).contains("its experiment (plan exp) was not run");
    }

    @Test
    void identicalCompiledJavaScriptIsNotARuntimePropertyAndAnythingElseIsInconclusive() {
        ClaimRegistry.Registry r = registry("kind: not-a-runtime-property\nevidence: typescript\n");
        Claim c = r.claims().get(0);
        ErasureEvidence.Pair same = new ErasureEvidence.Pair("updates-handler", "handler", "t/a.ts", "u/a.ts", "t/a.js",
                "u/a.js", "ab".repeat(32), "ab".repeat(32), 100, 100, true, List.of());
        ErasureEvidence.Pair differs = new ErasureEvidence.Pair("updates-handler", "handler", "t/a.ts", "u/a.ts", "t/a.js",
                "u/a.js", "ab".repeat(32), "cd".repeat(32), 100, 101, false, List.of("line 3: ..."));
        ClaimVerdict yes = RuleEvaluation.evaluate(r, c, Map.of(), new ErasureEvidence("tsc", "updates-handler",
                List.of(same), null));
        assertThat(yes.verdict()).isEqualTo("not a runtime property");
        assertThat(yes.evidence().checksums()).hasSize(2);
        assertThat(RuleEvaluation.evaluate(r, c, Map.of(), new ErasureEvidence("tsc", "updates-handler", List.of(differs),
                null)).verdict()).isEqualTo("inconclusive");
        assertThat(RuleEvaluation.evaluate(r, c, Map.of(), new ErasureEvidence(null, "updates-handler", List.of(),
                "no node")).reason()).contains("nothing was compiled: no node");
    }

    @Test
    void malformedDecisionsAreRefusedWithTheLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry("plan: exp\nkind: ratios\n"))
                .hasMessageContaining("test.yaml line 12: 'kind' is one of ratio, efficiency");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry(CONCURRENCY.replace("metric: capacity",
                "metric: speed"))).hasMessageContaining("unknown metric 'speed'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry(CONCURRENCY.replace("1/1.10", "one/1.1")))
                .hasMessageContaining("a threshold is a number or a fraction such as 1/1.10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry(CONCURRENCY.replace("lowAbove", "lowOver")))
                .hasMessageContaining("unknown bound 'lowOver'");
        assertThat(registry(CONCURRENCY).claims().get(0).decision().refuted().get(0).highBelow())
                .isCloseTo(1 / 1.10, org.assertj.core.data.Offset.offset(1e-12));
    }
}
