package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The lag rule: p99 of (taken off the schedule - due) above the threshold flags the run. */
class ScheduleLagTest {

    @Test
    void anOnTimeInjectorIsNotFlagged() {
        ScheduleLag lag = new ScheduleLag(1.0);
        for (int i = 0; i < 10_000; i++) {
            lag.record(30_000 + i % 50_000); // 30 to 80 us late: an event loop's jitter
        }
        ScheduleLag.Report r = lag.report();
        assertThat(r.count()).isEqualTo(10_000);
        assertThat(r.p99Ms()).isLessThan(0.1);
        assertThat(r.saturated()).isFalse();
    }

    @Test
    void oneRequestInFiftyTwentyMillisecondsLateIsFlagged() {
        ScheduleLag lag = new ScheduleLag(1.0);
        for (int i = 0; i < 10_000; i++) {
            lag.record(i % 50 == 0 ? 20_000_000 : 10_000);
        }
        ScheduleLag.Report r = lag.report();
        assertThat(r.p99Ms()).isCloseTo(20.0, within(0.05));
        assertThat(r.p50Ms()).isCloseTo(0.01, within(0.001));
        assertThat(r.saturated()).isTrue();
        assertThat(r.rule()).contains("1.0 ms");
    }

    @Test
    void aFewLateRequestsUnderOnePercentAreJitterNotSaturation() {
        ScheduleLag lag = new ScheduleLag(1.0);
        for (int i = 0; i < 10_000; i++) {
            lag.record(i % 200 == 0 ? 50_000_000 : 10_000); // 0.5 % late, by 50 ms (a GC pause)
        }
        ScheduleLag.Report r = lag.report();
        assertThat(r.maxMs()).isGreaterThan(49);
        assertThat(r.saturated()).isFalse();
    }

    @Test
    void aClockReadBeforeTheDueTimeCountsAsOnTime() {
        ScheduleLag lag = new ScheduleLag(1.0);
        lag.record(-5_000);
        assertThat(lag.report().maxMs()).isZero();
    }

    @Test
    void nothingRecordedIsNotSaturated() {
        assertThat(new ScheduleLag(1.0).report().saturated()).isFalse();
    }
}
