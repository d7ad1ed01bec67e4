package dev.fwbench.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Plans: read, checked with errors that name the file, the line and the fix, expanded into cells. */
class PlanTest {
    private static final String GOOD = """
            name: sweep
            trials: 4
            seed: 11
            targets:
              - {name: nestjs, framework: nestjs, workers: [1, 2]}
              - name: django
                framework: django
                threads: 4
            workloads:
              - {name: json, simulation: RestSimulation, requests: json, rate: 100, duration: 10}
              - {name: closed, simulation: DbSimulation, model: closed, users: [1, 4, 16]}
            gate: {metrics: [p99], threshold: 15%}
            """;

    private static Plan parse(String yaml) {
        return Plan.parse(LocatedYaml.parse(yaml, "plan.yaml"));
    }

    @Test
    void aPlanIsReadWithItsSweeps() {
        Plan p = parse(GOOD);
        assertThat(p.trials()).isEqualTo(4);
        assertThat(p.seed()).isEqualTo(11L);
        assertThat(p.targets().get(0).settings().get("workers")).containsExactly("1", "2");
        assertThat(p.workloads().get(1).settings().get("users")).containsExactly("1", "4", "16");
        assertThat(p.gateMetrics()).containsExactly("p99");
        assertThat(p.gateThresholdPct()).isEqualTo(15.0);
        // nestjs: 2 worker counts x (json + 3 user counts); django: json + 3
        List<Cell> cells = Matrix.cells(p);
        assertThat(cells).hasSize(2 * 4 + 4);
        assertThat(cells).extracting(Cell::id).contains("nestjs/json/workers=1", "nestjs/closed/workers=2,users=16",
                "django/json", "django/closed/users=4");
        Cell c = cells.stream().filter(x -> x.id().equals("nestjs/closed/workers=2,users=16")).findFirst().orElseThrow();
        assertThat(c.settings()).containsEntry("framework", "nestjs").containsEntry("model", "closed")
                .containsEntry("users", "16").containsEntry("workers", "2");
        assertThat(c.workloadPoint()).isEqualTo("users=16");
        assertThat(c.targetPoint()).isEqualTo("workers=2");
    }

    @Test
    void aResolvedPlanReadsBackTheSame() throws Exception {
        Plan p = parse(GOOD).with(5, 99L, List.of("json"), null);
        String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(p.toMap());
        Plan back = parse(yaml);
        assertThat(back).isEqualTo(p);
        assertThat(back.workloads()).extracting(Plan.Workload::name).containsExactly("json");
        assertThat(back.trials()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "name: x\\ntargets: []\\nworkloads: []|plan.yaml line 2: 'targets' must be a list with at least one entry",
        "name: x\\ntrials: two\\ntargets: [{name: a, framework: nestjs}]|plan.yaml line 2: 'trials' must be a whole number",
        "name: x\\ntargetz: []|plan.yaml line 2: unknown key 'targetz'",
        "name: x\\ntargets:\\n  - {name: a, framework: rails}\\nworkloads: [{name: w, simulation: RestSimulation}]|plan.yaml line 3: 'framework' must be one of nestjs, django, bare (got 'rails')",
        "name: x\\ntargets:\\n  - {name: a}\\nworkloads: [{name: w, simulation: RestSimulation}]|plan.yaml line 3: target 'a' needs either 'framework'",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs, workers: [1, abc]}\\nworkloads: [{name: w, simulation: RestSimulation}]|plan.yaml line 3: 'workers' must be a whole number from 0 to 256 (processes) (got 'abc')",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs}\\nworkloads:\\n  - name: w\\n    simulation: RestSimulation\\n    rate: fast|plan.yaml line 7: 'rate' must be a number in (0, 200000] (req/s) (got 'fast')",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs}\\nworkloads:\\n  - {name: w, simulation: RestSimulation, speed: 3}|plan.yaml line 5: unknown setting 'speed'",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs}\\nworkloads:\\n  - {name: w, simulation: Rest}|plan.yaml line 5: 'simulation' names a class of scenarios/",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs}\\nworkloads:\\n  - {name: w, engine: k6, simulation: RestSimulation}|plan.yaml line 5: unknown engine 'k6'",
        "name: x\\ntargets:\\n  - {name: a, framework: nestjs}\\n  - {name: a, framework: django}\\nworkloads: [{name: w, simulation: RestSimulation}]|plan.yaml line 4: two targets are named 'a'",
        "name: x\\ntargets:\\n  - {name: a, url: 'http://127.0.0.1:1', framework: nestjs}\\nworkloads: [{name: w, simulation: RestSimulation}]|not both",
        "name: x\\ntargets:\\n  - {name: a, url: 'ftp://x'}\\nworkloads: [{name: w, simulation: RestSimulation}]|'url' must be a http/https:// URL",
        "name: x\\ntargets: [{name: a, framework: nestjs}]\\nworkloads: [{name: w, simulation: RestSimulation, users: []}]|an empty list sweeps nothing",
        "name: x\\ntargets: [{name: a, framework: nestjs}]\\nworkloads: [{name: w, simulation: RestSimulation}]\\ngate: {metrics: [speed]}|plan.yaml line 4: unknown gate metric 'speed'",
        "name: 'bad name'\\ntargets: [{name: a, framework: nestjs}]|plan.yaml line 1: 'name' is 1-64 letters",
        "name: x\\n  bad: [indent|plan.yaml line 2: not valid YAML",
        "name: x\\ntargets: [{name: a, framework: nestjs}]\\nworkloads:\\n  - {name: w, engine: lean, requests: 'json,article create'}|plan.yaml line 4: -Drequests: the lean engine has no request 'article create'",
        "name: x\\ntargets: [{name: a, framework: nestjs}]\\nworkloads:\\n  - {name: w, engine: lean, simulation: RestSimulation}|plan.yaml line 4: the lean engine sends fixed requests, not a simulation",
        "name: x\\ntargets: [{name: a, framework: nestjs}]\\nworkloads:\\n  - {name: w, engine: lean, connections: 0}|plan.yaml line 4: 'connections' must be a whole number from 1 to 10000",
    })
    void badPlansAreRefusedWithTheFileTheLineAndTheFix(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n"))).isInstanceOf(BenchException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aLeanWorkloadNamesItsRequestsAndReadsBackTheSame() throws Exception {
        Plan p = parse("""
                name: lean
                targets: [{name: a, framework: nestjs}]
                workloads:
                  - {name: db, engine: lean, requests: ["db", "queries 20"], rate: 500, connections: 32}
                """);
        Plan.Workload w = p.workloads().get(0);
        assertThat(w.engine()).isEqualTo("lean");
        assertThat(w.simulation()).isEqualTo("LeanLoad");
        assertThat(w.settings().get("requests")).containsExactly("db", "queries 20");
        assertThat(Matrix.cells(p)).hasSize(2);
        String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(p.toMap());
        assertThat(yaml).doesNotContain("simulation");
        assertThat(parse(yaml)).isEqualTo(p);
    }

    @Test
    void theBuiltInPlansAreValid() {
        BenchHome home = BenchHome.locate();
        assertThat(Plans.builtIn(home)).contains("smoke", "quick", "nightly");
        for (String name : Plans.builtIn(home)) {
            Plan p = Plans.load(name, home);
            assertThat(Matrix.cells(p)).as(name).isNotEmpty();
        }
        Plan quick = Plans.load("quick", home);
        assertThat(quick.trials()).isEqualTo(3);
        assertThat(quick.targets()).extracting(Plan.PlanTarget::name).containsExactly("nestjs", "django");
        assertThat(Matrix.cells(quick).stream().mapToLong(c -> SuiteRunner.estimate(c).toSeconds()).sum() * quick.trials())
                .as("quick plan: under 10 minutes on this machine's estimate").isLessThan(600);
        assertThatThrownBy(() -> Plans.load("weekly", home)).hasMessageContaining("unknown plan 'weekly'");
        assertThatThrownBy(() -> quick.with(null, null, List.of("nope"), null)).hasMessageContaining("--only names no workload");
        assertThat(Map.of()).isEmpty();
    }
}
