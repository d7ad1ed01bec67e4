package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentileBootstrapTest {

    private static final double[] A = {100, 103, 98, 101, 99, 102, 97, 100, 104, 96};
    private static final double[] B = {110, 114, 108, 111, 109, 113, 107, 112, 115, 106};

    @Test
    void theSameSeedGivesTheSameInterval() {
        BootstrapInterval first = PercentileBootstrap.ratio(A, B, 0.95, 10_000, 20261202L);
        BootstrapInterval again = PercentileBootstrap.ratio(A, B, 0.95, 10_000, 20261202L);
        assertThat(again).isEqualTo(first);
        assertThat(first.seed()).isEqualTo(20261202L);
        assertThat(first.generator()).isEqualTo("XO_RO_SHI_RO_128_PP");
        assertThat(first.resamples()).isEqualTo(10_000);
    }

    @Test
    void anotherSeedDrawsOtherResamples() {
        BootstrapInterval one = PercentileBootstrap.ratio(A, B, 0.95, 2_000, 1);
        BootstrapInterval two = PercentileBootstrap.ratio(A, B, 0.95, 2_000, 2);
        assertThat(new double[] {one.low(), one.high()}).isNotEqualTo(new double[] {two.low(), two.high()});
    }

    @Test
    void theIntervalHoldsTheEstimateAndLiesWithinTheObservedRatios() {
        BootstrapInterval interval = PercentileBootstrap.ratio(A, B, 0.95, 10_000, 7);
        double estimate = CellComparison.compare(Metric.throughput("x"), A, B, ComparisonSettings.defaults(7)).ratio();
        assertThat(interval.low()).isLessThan(estimate).isGreaterThanOrEqualTo(106.0 / 104);
        assertThat(interval.high()).isGreaterThan(estimate).isLessThanOrEqualTo(115.0 / 96);
        // B is about 10 % above A on every trial: the interval excludes 1
        assertThat(interval.low()).isGreaterThan(1.05);
    }

    @Test
    void aHigherConfidenceGivesAWiderInterval() {
        BootstrapInterval ninety = PercentileBootstrap.ratio(A, B, 0.90, 10_000, 7);
        BootstrapInterval ninetyNine = PercentileBootstrap.ratio(A, B, 0.99, 10_000, 7);
        assertThat(ninetyNine.low()).isLessThanOrEqualTo(ninety.low());
        assertThat(ninetyNine.high()).isGreaterThanOrEqualTo(ninety.high());
    }
}
