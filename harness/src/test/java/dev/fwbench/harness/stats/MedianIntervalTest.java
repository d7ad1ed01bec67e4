package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The order-statistic interval of a median against its worked numbers, and the bracket form a capacity search gives. */
class MedianIntervalTest {

    @Test
    void sixTrialsGiveMinToMaxAt96point9Percent() {
        MedianInterval.Interval i = MedianInterval.of(new double[] {310, 290, 300, 305, 295, 320}, 0.05);
        assertThat(i.rank()).isEqualTo(1);
        assertThat(i.low()).isEqualTo(290);
        assertThat(i.high()).isEqualTo(320);
        assertThat(i.confidence()).isCloseTo(1 - 2 / 64.0, within(1e-12));
        assertThat(i.median()).isEqualTo(302.5);
        assertThat(i.tooFewTrials()).isFalse();
    }

    @Test
    void fiveAndFourTrialsCannotReach95Percent() {
        assertThat(MedianInterval.of(new double[] {1, 2, 3, 4, 5}, 0.05).confidence()).isCloseTo(1 - 2 / 32.0, within(1e-12));
        MedianInterval.Interval four = MedianInterval.of(new double[] {1, 2, 3, 4}, 0.05);
        assertThat(four.tooFewTrials()).isTrue();
        assertThat(four.confidence()).isCloseTo(0.875, within(1e-12));
        assertThat(four.low()).isEqualTo(1);
        assertThat(four.high()).isEqualTo(4);
    }

    @Test
    void tenTrialsDropOneAtEachEnd() {
        MedianInterval.Interval i = MedianInterval.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 0.05);
        assertThat(i.rank()).isEqualTo(2);
        assertThat(i.low()).isEqualTo(2);
        assertThat(i.high()).isEqualTo(9);
        assertThat(i.confidence()).isCloseTo(1 - 2 * 11 / 1024.0, within(1e-12));
    }

    @Test
    void bracketsTakeTheLowerEndsBelowAndTheUpperEndsAbove() {
        // six capacity searches: held / failed at
        double[] held = {951, 900, 980, 951, 920, 1000};
        double[] failed = {1037, 980, 1070, 1037, 1000, 1090};
        MedianInterval.Interval i = MedianInterval.ofBrackets(held, failed, 0.05);
        assertThat(i.low()).isEqualTo(900);
        assertThat(i.high()).isEqualTo(1090);
        assertThat(i.median()).isEqualTo(951);
    }
}
