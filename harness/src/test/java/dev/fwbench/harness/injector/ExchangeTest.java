package dev.fwbench.harness.injector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The phase index the warm-up and the measured requests are recorded by, computed without a branch. */
class ExchangeTest {
    @Test
    void theMeasuredPhaseStartsExactlyAtTheEndOfTheWarmUp() {
        long warmup = 3_000_000_000L;
        assertThat(Exchange.phase(0, warmup)).isEqualTo(Exchange.WARM_UP);
        assertThat(Exchange.phase(warmup - 1, warmup)).isEqualTo(Exchange.WARM_UP);
        assertThat(Exchange.phase(warmup, warmup)).isEqualTo(Exchange.MEASURED);
        assertThat(Exchange.phase(warmup + 86_400_000_000_000L, warmup)).isEqualTo(Exchange.MEASURED);
        assertThat(Exchange.phase(-5, warmup)).isEqualTo(Exchange.WARM_UP); // before the origin (a shard's early start)
    }

    @Test
    void withoutAWarmUpEverythingIsMeasured() {
        assertThat(Exchange.phase(0, 0)).isEqualTo(Exchange.MEASURED);
        assertThat(Exchange.phase(1, 0)).isEqualTo(Exchange.MEASURED);
    }
}
