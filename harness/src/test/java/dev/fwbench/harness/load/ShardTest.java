package dev.fwbench.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shards' arithmetic: N shards together play exactly the plan's schedule (every arrival
 * once, at the plan's due time, under the plan's number), closed-model users split with the
 * remainder to the first shards, and the counts the merge's verdict relies on.
 */
class ShardTest {

    /** Every (arrival number, due offset) of the plan's schedule, in order. */
    private static List<long[]> schedule(LoadShape plan, Shard shard) {
        List<long[]> out = new ArrayList<>();
        long end = (long) (plan.warmupSeconds() + plan.durationSeconds()) * 1_000_000_000L;
        for (long j = 0; ; j++) {
            long k = shard.arrival(j);
            long offset = plan.intendedOffsetNanos(k);
            if (offset >= end) {
                return out;
            }
            out.add(new long[] {k, offset});
        }
    }

    private static void assertUnionIsThePlan(LoadShape plan, int n) {
        List<long[]> whole = schedule(plan, Shard.WHOLE);
        List<long[]> union = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            union.addAll(schedule(plan, new Shard(i, n)));
        }
        union.sort((a, b) -> Long.compare(a[0], b[0]));
        assertThat(union).hasSameSizeAs(whole);
        for (int x = 0; x < whole.size(); x++) {
            assertThat(union.get(x)).as("arrival %d", x).containsExactly(whole.get(x));
        }
    }

    @Test
    void theShardsTogetherPlayThePlansScheduleArrivalForArrival() {
        assertUnionIsThePlan(new LoadShape(LoadShape.Model.OPEN, 300, null, 1, 1, 2), 3);
        assertUnionIsThePlan(new LoadShape(LoadShape.Model.OPEN, 333.3, null, 1, 2, 3), 7);
        // a ramp: the due times of the ramp are the plan's, whichever shard sends them
        assertUnionIsThePlan(new LoadShape(LoadShape.Model.OPEN, 100, 900.0, 1, 1, 4), 4);
        assertUnionIsThePlan(new LoadShape(LoadShape.Model.OPEN, 50, null, 1, 0, 1), 1);
    }

    @Test
    void shardIOfNTakesTheArrivalsKModNEqualToIMinusOne() {
        Shard s = new Shard(2, 3);
        assertThat(List.of(s.arrival(0), s.arrival(1), s.arrival(2))).containsExactly(1L, 4L, 7L);
        assertThat(s.owns(4)).isTrue();
        assertThat(s.owns(5)).isFalse();
        assertThat(Shard.WHOLE.arrival(41)).isEqualTo(41);
        // 300 req/s: shard 2's arrivals are due at 3.33, 13.33, 23.33 ms
        LoadShape plan = new LoadShape(LoadShape.Model.OPEN, 300, null, 1, 0, 1);
        assertThat(plan.intendedOffsetNanos(s.arrival(1))).isEqualTo(13_333_333L);
    }

    @Test
    void closedModelUsersSplitWithTheRemainderToTheFirstShards() {
        assertThat(List.of(new Shard(1, 3).users(10), new Shard(2, 3).users(10), new Shard(3, 3).users(10)))
                .containsExactly(4, 3, 3);
        for (int total = 3; total < 40; total++) {
            int sum = 0;
            for (int i = 1; i <= 3; i++) {
                sum += new Shard(i, 3).users(total);
            }
            assertThat(sum).as("%d users", total).isEqualTo(total);
        }
        LoadShape part = new Shard(3, 3).part(new LoadShape(LoadShape.Model.CLOSED, 1, 20.0, 10, 1, 5));
        assertThat(part.users()).isEqualTo(3);
        assertThat(part.rampTo()).isEqualTo(6.0); // 20 users at the end of the ramp: 7, 7, 6
        assertThatThrownBy(() -> new Shard(1, 3).part(new LoadShape(LoadShape.Model.CLOSED, 1, null, 2, 1, 5)))
                .isInstanceOf(BenchException.class).hasMessageContaining("cannot be split over 3 shards");
    }

    @Test
    void countsOfOwnedArrivalsAndFirstArrivalsMatchCountingOneByOne() {
        for (int n = 1; n <= 5; n++) {
            for (int i = 1; i <= n; i++) {
                Shard s = new Shard(i, n);
                for (long from = 0; from < 20; from++) {
                    for (long to = from; to < 25; to++) {
                        long count = 0;
                        for (long k = from; k < to; k++) {
                            count += s.owns(k) ? 1 : 0;
                        }
                        assertThat(s.owned(from, to)).as("%s in [%d, %d)", s, from, to).isEqualTo(count);
                    }
                    long first = from;
                    while (!s.owns(first)) {
                        first++;
                    }
                    assertThat(s.firstAtOrAfter(from)).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void arrivalsBeforeAnOffsetIsTheFirstArrivalDueAtOrAfterIt() {
        LoadShape plan = new LoadShape(LoadShape.Model.OPEN, 300, 600.0, 1, 2, 10);
        for (long offset : new long[] {0, 1, 3_333_333, 3_333_334, 2_000_000_000L, 7_500_000_000L}) {
            long k = plan.arrivalsBefore(offset);
            assertThat(plan.intendedOffsetNanos(k)).isGreaterThanOrEqualTo(offset);
            if (k > 0) {
                assertThat(plan.intendedOffsetNanos(k - 1)).isLessThan(offset);
            }
        }
        assertThat(new LoadShape(LoadShape.Model.OPEN, 300, null, 1, 1, 2).measuredArrivals()).containsExactly(300, 900);
    }

    @Test
    void badShardsAndInstantsAreOneLineNamingTheSetting() {
        assertThat(Shard.parse(null, "-Dshard")).isEqualTo(Shard.WHOLE);
        assertThat(Shard.parse(" 2/3 ", "-Dshard")).isEqualTo(new Shard(2, 3));
        for (String bad : new String[] {"0/3", "4/3", "3", "1/0", "a/b", "1/3/4", "-1/2"}) {
            assertThatThrownBy(() -> Shard.parse(bad, "-Dshard")).as(bad).isInstanceOf(BenchException.class)
                    .hasMessageStartingWith("-Dshard");
        }
        assertThat(Shard.parseStart("2026-12-02T10:00:00Z", "-Dstart.at")).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThatThrownBy(() -> Shard.parseStart("tomorrow", "-Dstart.at")).hasMessageContaining("UTC instant");
    }
}
