package dev.fwbench.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.load.Shard;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sharded suite's timetable: every runner computes it from the plan, the seed and the start
 * instant alone, so two runners given the same three agree on every trial's start without
 * talking to each other; only what can be split is accepted.
 */
class SuiteShardTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private static final String PLAN = """
            name: cluster
            trials: 2
            targets:
              - {name: fast, url: "http://10.0.0.1:8080"}
              - {name: slow, url: "http://10.0.0.2:8080"}
            workloads:
              - {name: json, engine: lean, requests: json, rate: 100, warmup: 1, duration: 4, drain: 2,
                 client.floor.seconds: 1}
            """;

    private static Plan parse(String yaml) {
        return Plan.parse(LocatedYaml.parse(yaml, "plan.yaml"));
    }

    @Test
    void everyShardComputesTheSameTimetableFromThePlanTheSeedAndTheInstant() {
        SuiteShard one = new SuiteShard(new Shard(1, 3), T, URI.create("http://clock:7070"));
        SuiteShard three = new SuiteShard(new Shard(3, 3), T, null);
        Plan plan = parse(PLAN);
        assertThat(one.seed(plan)).as("no seed in the plan: drawn from the instant, the same everywhere")
                .isEqualTo(three.seed(plan));
        List<Matrix.Slot> slots = Matrix.order(Matrix.cells(plan), plan.trials(), one.seed(plan));
        // a slot: lead (2 s capture JIT + 2 s JIT + 1 s floor + 3 s checks + 5 s JVM) + warm-up 1 + duration 4 + drain 2
        // + 5 s margin
        assertThat(SuiteShard.slot(slots.get(0).cell()).toSeconds()).isEqualTo(13 + 1 + 4 + 2 + 5);
        for (int order = 1; order <= slots.size(); order++) {
            assertThat(one.trialStart(slots, order)).isEqualTo(three.trialStart(slots, order))
                    .isEqualTo(T.plusSeconds(25L * (order - 1)));
        }
        assertThat(one.properties(one.trialStart(slots, 2))).containsEntry("shard", "1/3")
                .containsEntry("start.at", "2026-12-02T10:00:25Z").containsEntry("clock.url", "http://clock:7070");
        assertThat(three.properties(T)).doesNotContainKey("clock.url");
    }

    @Test
    void aGatlingTrialsSlotHoldsItsJvmItsFloorAfterTheLoadAndItsReport() {
        Plan plan = parse(PLAN.replace("engine: lean, requests: json", "simulation: RestSimulation, requests: json"));
        new SuiteShard(new Shard(1, 2), T, null).check(plan);
        Cell c = Matrix.cells(plan).get(0);
        // lead: 3 s early release + 5 s checks + 10 s Gatling's JVM; then warm-up 1 + duration 4 + drain 2 + margin 5,
        // the floor (1 s) and Gatling's tail and report (15 s)
        assertThat(SuiteShard.lead(c).toSeconds()).isEqualTo(18);
        assertThat(SuiteShard.slot(c).toSeconds()).isEqualTo(18 + 1 + 4 + 2 + 5 + 1 + 15);
    }

    @Test
    void onlyLeanAndGatlingWorkloadsAgainstSharedTargetsAreSplit() {
        SuiteShard s = new SuiteShard(new Shard(2, 2), T, null);
        s.check(parse(PLAN));
        assertThatThrownBy(() -> s.check(parse(PLAN.replace("{name: slow, url: \"http://10.0.0.2:8080\"}",
                "{name: django, framework: django}")))).isInstanceOf(BenchException.class)
                .hasMessageContaining("target 'django' is started by each runner");
        s.check(parse(PLAN.replace("engine: lean, requests: json", "simulation: RestSimulation, requests: json")));
        assertThatThrownBy(() -> s.check(parse(PLAN.replace("engine: lean, requests: json",
                "simulation: WebSocketSimulation, requests: echo")))).isInstanceOf(BenchException.class)
                .hasMessageContaining("WebSocketSimulation, whose long-lived connections are not split");
    }
}
