package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import org.junit.jupiter.api.Test;

/**
 * Worked examples: the numbers were derived by enumerating every arrangement of the pooled
 * ranks (C(10, 5) = 252 for 5 + 5), which is what R's {@code wilcox.test(log(b), log(a),
 * exact = TRUE, conf.int = TRUE)} does for samples without ties (R is not installed here);
 * the test enumerates again through {@link ExactByEnumeration}.
 */
class CellComparisonTest {

    private static final ComparisonSettings SETTINGS = ComparisonSettings.defaults(42);
    private static final Metric JSON_THROUGHPUT = Metric.throughput("/json throughput");
    private static final Metric JSON_P99 = Metric.latency("/json p99");

    private static final double[] DJANGO = {1000, 1010, 990, 1005, 995};
    private static final double[] NESTJS = {1210, 1190, 1230, 1200, 1220};

    @Test
    void fiveAgainstFiveWithoutOverlap() {
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, DJANGO, NESTJS, SETTINGS);
        assertThat(c.p()).isCloseTo(2.0 / 252, within(1e-12)); // 0.00794, the smallest possible
        assertThat(c.pKind()).isEqualTo(PValueKind.EXACT);
        assertThat(c.smallestPossibleP()).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(c.ratio()).isCloseTo(1.21, within(1e-12)); // median of the 25 ratios: 1210/1000
        assertThat(c.ciLow()).isCloseTo(1200.0 / 1010, within(1e-12)); // D(3) = 1.188119
        assertThat(c.ciHigh()).isCloseTo(1220.0 / 990, within(1e-12)); // D(23) = 1.232323
        assertThat(c.ciConfidence()).isCloseTo(61.0 / 63, within(1e-12)); // 96.8 %
        assertThat(new double[] {c.ciLow(), c.ciHigh()})
                .containsExactly(ExactByEnumeration.ratioInterval(DJANGO, NESTJS, 0.05), within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(c.verdictWord()).isEqualTo("faster");
        assertThat(c.reason()).isEqualTo("p = 0.00794 (exact, 5+5 trials) <= 0.05; B/A = 1.210 [1.188, 1.232] (96.8 % CI)");
        assertThat(c.trialsA()).isEqualTo(5);
        assertThat(c.minimumTrials()).isEqualTo(4);
        assertThat(c.bootstrap()).isNull(); // fewer than 10 per side
    }

    @Test
    void theSameNumbersAsALatencyAreSlower() {
        Comparison c = CellComparison.compare(JSON_P99, DJANGO, NESTJS, SETTINGS);
        assertThat(c.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(c.verdictWord()).isEqualTo("slower");
        assertThat(CellComparison.compare(Metric.cost("peak memory", "MiB"), DJANGO, NESTJS, SETTINGS).verdictWord()).isEqualTo("worse");
    }

    @Test
    void overlappingSamplesJustAboveFivePercent() {
        double[] a = {10.2, 11.5, 9.8, 12.1, 10.9};
        double[] b = {11.0, 12.8, 12.3, 13.5, 11.9};
        Comparison c = CellComparison.compare(JSON_P99, a, b, SETTINGS);
        // U = 22 pairs with b above a; p = 2 P(U <= 3) = 14/252 = 1/18
        assertThat(c.p()).isCloseTo(1.0 / 18, within(1e-12));
        assertThat(c.ratio()).isCloseTo(11.0 / 9.8, within(1e-12)); // 1.122449
        assertThat(c.ciLow()).isCloseTo(0.983471, within(1e-6)).isLessThan(1);
        assertThat(c.ciHigh()).isCloseTo(1.306122, within(1e-6));
        assertThat(new double[] {c.ciLow(), c.ciHigh()}).containsExactly(ExactByEnumeration.ratioInterval(a, b, 0.05), within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(c.verdictWord()).isEqualTo("no difference detected");
        assertThat(c.reason()).startsWith("p = 0.0556 (exact, 5+5 trials) > 0.05;");
    }

    @Test
    void unequalSizesFourAgainstSix() {
        double[] a = {4.0, 5.0, 6.0, 7.0};
        double[] b = {4.5, 5.5, 8.0, 9.0, 10.0, 7.5};
        Comparison c = CellComparison.compare(JSON_P99, a, b, SETTINGS);
        assertThat(c.p()).isCloseTo(6.0 / 35, within(1e-12)); // U = 19 of 24
        assertThat(c.ratio()).isCloseTo(1.354006, within(1e-6));
        assertThat(c.ciLow()).isCloseTo(5.5 / 7.0, within(1e-12)); // k = 3: D(3) = 0.785714
        assertThat(c.ciHigh()).isCloseTo(2.0, within(1e-12)); // D(22) = 10/5
        assertThat(c.ciConfidence()).isCloseTo(101.0 / 105, within(1e-12)); // 96.2 %
    }

    @Test
    void identicalSamplesGiveRatioOneWithACiAroundOneAndPOne() {
        double[] same = {1000, 1010, 990, 1005, 995};
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, same, same.clone(), SETTINGS);
        assertThat(c.ratio()).isEqualTo(1.0);
        assertThat(c.ciLow()).isLessThan(1);
        assertThat(c.ciHigh()).isGreaterThan(1);
        assertThat(c.p()).isEqualTo(1.0);
        assertThat(c.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    }

    @Test
    void allValuesEqualIsNoDifference() {
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, new double[] {5, 5, 5, 5}, new double[] {5, 5, 5, 5}, SETTINGS);
        assertThat(c.ratio()).isEqualTo(1.0);
        assertThat(c.ciLow()).isEqualTo(1.0);
        assertThat(c.ciHigh()).isEqualTo(1.0);
        assertThat(c.p()).isEqualTo(1.0);
        assertThat(c.pKind()).isEqualTo(PValueKind.ALL_VALUES_EQUAL);
        assertThat(c.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    }

    @Test
    void threeAgainstThreeIsTooFewTrialsEvenWhenFarApart() {
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, new double[] {100, 101, 102}, new double[] {200, 201, 202}, SETTINGS);
        assertThat(c.p()).isCloseTo(0.1, within(1e-12));
        assertThat(c.smallestPossibleP()).isCloseTo(0.1, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.TOO_FEW_TRIALS);
        assertThat(c.verdictWord()).isEqualTo("too few trials");
        assertThat(c.reason()).startsWith("3+3 trials can give p = 0.100 at best, above alpha 0.05: 4+4 needed (or 5 against 3)");
    }

    @Test
    void twoAgainstTwoCannotBeSignificantAndItsIntervalIsTheWholeRange() {
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, new double[] {100, 110}, new double[] {200, 220}, SETTINGS);
        assertThat(c.smallestPossibleP()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.TOO_FEW_TRIALS);
        assertThat(c.ciLow()).isCloseTo(200.0 / 110, within(1e-12));
        assertThat(c.ciHigh()).isCloseTo(220.0 / 100, within(1e-12));
        assertThat(c.ciConfidence()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void fourAgainstFourCanDecide() {
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, new double[] {100, 101, 102, 103}, new double[] {120, 121, 122, 123}, SETTINGS);
        assertThat(c.p()).isCloseTo(2.0 / 70, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void tiesAreComparedAndMarked() {
        Comparison c = CellComparison.compare(JSON_P99, new double[] {4.1, 4.2, 4.2, 4.3, 4.4}, new double[] {4.2, 4.5, 4.6, 4.6, 4.7}, SETTINGS);
        assertThat(c.pKind()).isEqualTo(PValueKind.NORMAL_APPROXIMATION);
        assertThat(c.reason()).contains("normal approximation, ties");
        assertThat(c.ciLow()).isLessThanOrEqualTo(c.ratio());
        assertThat(c.ciHigh()).isGreaterThanOrEqualTo(c.ratio());
    }

    @Test
    void fromTenTrialsPerSideABootstrapIntervalIsAdded() {
        double[] a = {100, 103, 98, 101, 99, 102, 97, 100, 104, 96};
        double[] b = {110, 114, 108, 111, 109, 113, 107, 112, 115, 106};
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, a, b, SETTINGS);
        assertThat(c.bootstrap()).isNotNull();
        assertThat(c.bootstrap().seed()).isEqualTo(42);
        assertThat(c.bootstrap().confidence()).isCloseTo(0.95, within(1e-12));
        assertThat(c.bootstrap().low()).isLessThan(c.ratio());
        assertThat(c.bootstrap().high()).isGreaterThan(c.ratio());
    }

    @Test
    void ratiosNeedPositiveValues() {
        assertThatThrownBy(() -> CellComparison.compare(JSON_THROUGHPUT, new double[] {0, 1}, new double[] {1, 2}, SETTINGS))
                .isInstanceOf(BenchException.class)
                .hasMessage("/json throughput of A has the value 0.0: comparisons are ratios and need positive values (compare error counts by their flags, not by ratio)");
    }

    @Test
    void serializesAndReadsBackWithJackson() throws Exception {
        double[] a = {100, 103, 98, 101, 99, 102, 97, 100, 104, 96};
        double[] b = {110, 114, 108, 111, 109, 113, 107, 112, 115, 106};
        Comparison c = CellComparison.compare(JSON_THROUGHPUT, a, b, SETTINGS);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertThat(text).contains("\"verdict\":\"BETTER\"", "\"verdictWord\":\"faster\"", "\"direction\":\"BIGGER_IS_BETTER\"", "\"seed\":42");
        assertThat(text).doesNotContain("betterWord", "NaN");
        assertThat(json.readValue(text, Comparison.class)).isEqualTo(c);
    }
}
