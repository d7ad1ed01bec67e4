package dev.fwbench.harness.injector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The search's arithmetic against targets of known capacity: which levels it tries, where it stops and why. */
class CapacitySearchTest {

    /** Plays the search against a target that holds every level the predicate accepts; returns the levels tried. */
    private static List<Double> play(CapacitySearch s, DoublePredicate holds, double saturatesAt) {
        List<Double> tried = new ArrayList<>();
        OptionalDouble next;
        while ((next = s.next()).isPresent()) {
            double level = next.getAsDouble();
            tried.add(level);
            s.record(holds.test(level), level >= saturatesAt);
        }
        return tried;
    }

    @Test
    void aTargetHolding1000RequestsPerSecondIsBracketedBy951And1037AfterThreeBisections() {
        CapacitySearch s = new CapacitySearch(50, 100_000, 3, false, true);
        List<Double> tried = play(s, r -> r <= 1_000, Double.MAX_VALUE);
        // the worked numbers of the class comment
        assertThat(tried).containsExactly(50.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 1131.0, 951.0, 1037.0);
        CapacitySearch.Result r = s.result();
        assertThat(r.held()).isEqualTo(951.0);
        assertThat(r.failedAt()).isEqualTo(1037.0);
        assertThat(r.stop()).isEqualTo(CapacitySearch.Stop.SLO);
        assertThat(r.stop().lowerBound()).isFalse();
        assertThat(r.steps()).extracting(CapacitySearch.Step::phase).containsExactly("ramp", "ramp", "ramp", "ramp", "ramp",
                "ramp", "bisection", "bisection", "bisection");
    }

    @Test
    void withoutBisectionsTheRampsBracketIsTheAnswer() {
        CapacitySearch s = new CapacitySearch(100, 10_000, 0, false, true);
        assertThat(play(s, r -> r < 700, Double.MAX_VALUE)).containsExactly(100.0, 200.0, 400.0, 800.0);
        assertThat(s.result().held()).isEqualTo(400.0);
        assertThat(s.result().failedAt()).isEqualTo(800.0);
    }

    @Test
    void aSaturatedInjectorWithNoCleanBreakBelowItLeavesALowerBound() {
        CapacitySearch s = new CapacitySearch(1_000, 100_000, 3, false, true);
        // the target would hold 50,000 req/s, the injector gives up at 8,000: every level under 8,000 holds
        assertThat(play(s, r -> r <= 50_000, 8_000)).containsExactly(1_000.0, 2_000.0, 4_000.0, 8_000.0, 5657.0, 6727.0,
                7336.0);
        CapacitySearch.Result r = s.result();
        assertThat(r.held()).isEqualTo(7336.0);
        assertThat(r.failedAt()).isNull();
        assertThat(r.stop()).isEqualTo(CapacitySearch.Stop.INJECTOR);
        assertThat(r.stop().lowerBound()).isTrue();
        assertThat(r.steps().get(3).held()).as("a saturated step never counts as held").isFalse();
        assertThat(r.steps()).extracting(CapacitySearch.Step::phase).containsExactly("ramp", "ramp", "ramp", "ramp",
                "bisection", "bisection", "bisection");
    }

    @Test
    void aRampThatOvershotIntoSaturationIsBracketedByACleanBreakBelowIt() {
        // the class comment's numbers: the target holds 1,000 req/s; at 1,600 (overloaded) the injector starves
        CapacitySearch s = new CapacitySearch(50, 100_000, 3, false, true);
        assertThat(play(s, r -> r <= 1_000, 1_600)).containsExactly(50.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 1131.0,
                951.0, 1037.0);
        CapacitySearch.Result r = s.result();
        assertThat(r.held()).isEqualTo(951.0);
        assertThat(r.failedAt()).as("the clean break, never the saturated level").isEqualTo(1037.0);
        assertThat(r.stop()).isEqualTo(CapacitySearch.Stop.SLO);
        assertThat(r.stop().lowerBound()).isFalse();
    }

    @Test
    void aSaturatedMidpointLeavesTheCleanBracketStanding() {
        // 800 holds, 1,600 breaks cleanly; the midpoint 1,131 saturates (judged neither way); 951 holds, 1,037 breaks
        CapacitySearch s = new CapacitySearch(800, 100_000, 3, false, true);
        OptionalDouble next;
        List<Double> tried = new ArrayList<>();
        while ((next = s.next()).isPresent()) {
            double level = next.getAsDouble();
            tried.add(level);
            s.record(level <= 1_000, level == 1131.0);
        }
        assertThat(tried).containsExactly(800.0, 1600.0, 1131.0, 951.0, 1037.0);
        assertThat(s.result().held()).isEqualTo(951.0);
        assertThat(s.result().failedAt()).isEqualTo(1037.0);
        assertThat(s.result().stop()).isEqualTo(CapacitySearch.Stop.SLO);
    }

    @Test
    void aFirstStepThatSaturatesLeavesNothing() {
        CapacitySearch s = new CapacitySearch(100, 10_000, 3, false, true);
        assertThat(play(s, r -> true, 100)).containsExactly(100.0);
        assertThat(s.result().held()).isNull();
        assertThat(s.result().stop()).isEqualTo(CapacitySearch.Stop.INJECTOR);
    }

    @Test
    void maxHeldIsALowerBoundAndTheLastStepIsCappedAtMax() {
        CapacitySearch s = new CapacitySearch(100, 500, 3, false, true);
        assertThat(play(s, r -> true, Double.MAX_VALUE)).containsExactly(100.0, 200.0, 400.0, 500.0);
        assertThat(s.result().held()).isEqualTo(500.0);
        assertThat(s.result().stop()).isEqualTo(CapacitySearch.Stop.MAX);
    }

    @Test
    void aFirstStepThatBreaksLeavesNoCapacity() {
        CapacitySearch s = new CapacitySearch(100, 10_000, 3, false, true);
        assertThat(play(s, r -> r < 50, Double.MAX_VALUE)).containsExactly(100.0);
        assertThat(s.result().held()).isNull();
        assertThat(s.result().failedAt()).isEqualTo(100.0);
        assertThat(s.result().stop()).isEqualTo(CapacitySearch.Stop.BELOW_FROM);
    }

    @Test
    void wholeLevelsStopBisectingWhenTheMidpointMeetsAnEnd() {
        // connections: 100, 200, 400 hold, 800 breaks; 566 breaks, 476 holds, 519 breaks (whole numbers)
        CapacitySearch s = new CapacitySearch(100, 10_000, 10, true, true);
        List<Double> tried = play(s, c -> c <= 500, Double.MAX_VALUE);
        assertThat(tried.subList(0, 7)).containsExactly(100.0, 200.0, 400.0, 800.0, 566.0, 476.0, 519.0);
        assertThat(tried).allMatch(l -> l == Math.rint(l));
        assertThat(s.result().held()).isEqualTo(500.0);
        assertThat(s.result().failedAt()).isEqualTo(501.0);
        assertThat(tried.size()).as("the bracket closed before the 10 bisections").isLessThan(14);
    }

    @Test
    void aSweepMeasuresEveryLevelAndKeepsTheLastHeldBeforeTheFirstBreak() {
        CapacitySearch s = new CapacitySearch(1, 64, 3, true, false);
        // p99 breaks at 16 users, noise lets 32 pass: the capacity is still 8
        assertThat(play(s, u -> u != 16 && u != 64, Double.MAX_VALUE)).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0);
        assertThat(s.result().held()).isEqualTo(8.0);
        assertThat(s.result().failedAt()).isEqualTo(16.0);
        assertThat(s.result().stop()).isEqualTo(CapacitySearch.Stop.SLO);
        CapacitySearch all = new CapacitySearch(1, 8, 3, true, false);
        play(all, u -> true, Double.MAX_VALUE);
        assertThat(all.result().stop()).isEqualTo(CapacitySearch.Stop.MAX);
    }

    @Test
    void theKneeIsTheLastStepBeforeDoubledUsersAddedUnderTenPercent() {
        List<CapacityRun.StepRecord> steps = new ArrayList<>();
        double[] throughput = {900, 1_700, 2_300, 2_400, 2_450};
        for (int i = 0; i < throughput.length; i++) {
            steps.add(new CapacityRun.StepRecord(i + 1, "ramp", 1 << i, 0, throughput[i], 1, 2, 0, 100, true, null, false,
                    null, 0, 0, "steps/x"));
        }
        var knee = CapacityRun.knee(steps);
        assertThat(knee).containsEntry("users", 4.0).containsEntry("throughput", 2_300.0).containsEntry("peakThroughput", 2_450.0);
    }

    @Test
    void misuseIsRefused() {
        assertThatThrownBy(() -> new CapacitySearch(0, 10, 3, false, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacitySearch(100, 10, 3, false, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacitySearch(1, 10, 3, false, true).record(true, false))
                .isInstanceOf(IllegalStateException.class);
    }
}
