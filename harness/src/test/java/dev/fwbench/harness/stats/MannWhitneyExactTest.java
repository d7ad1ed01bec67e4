package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MannWhitneyExactTest {

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"1, 1", "2, 2", "3, 3", "4, 4", "5, 5", "3, 5", "4, 6", "6, 6", "2, 9", "7, 5"})
    void theLibrarysDistributionMatchesEnumeration(int m, int n) {
        for (int u = 0; u <= m * n; u++) {
            assertThat(MannWhitneyExact.cdf(u, m, n)).as("P(U <= %d)", u).isCloseTo(ExactByEnumeration.cdf(u, m, n), within(1e-12));
        }
    }

    @Test
    void smallestTwoSidedPIsTwoOverTheNumberOfArrangements() {
        assertThat(MannWhitneyExact.smallestTwoSidedP(2, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(MannWhitneyExact.smallestTwoSidedP(3, 3)).isCloseTo(0.1, within(1e-12));
        assertThat(MannWhitneyExact.smallestTwoSidedP(4, 4)).isCloseTo(2.0 / 70, within(1e-12)); // 0.0286
        assertThat(MannWhitneyExact.smallestTwoSidedP(5, 5)).isCloseTo(2.0 / 252, within(1e-12)); // 0.00794
        assertThat(MannWhitneyExact.smallestTwoSidedP(1, 1)).isEqualTo(1.0);
    }

    @Test
    void fourTrialsPerSideAreTheMinimumAtFivePercent() {
        assertThat(MannWhitneyExact.minimumTrialsPerSide(0.05)).isEqualTo(4);
        assertThat(MannWhitneyExact.minimumTrialsPerSide(0.01)).isEqualTo(5); // 2/252 = 0.0079; 4+4: 0.0286
        assertThat(MannWhitneyExact.minimumTrialsAgainst(3, 0.05)).isEqualTo(5); // 2/C(8,3) = 0.0357; 3+4: 0.057
        assertThat(MannWhitneyExact.minimumTrialsAgainst(1, 0.05)).isEqualTo(39); // 2/40 = 0.05
        assertThat(MannWhitneyExact.minimumTrialsAgainst(14, 0.05)).isEqualTo(2); // 2/C(16,2) = 0.0167; 1 trial: 2/15
    }

    @ParameterizedTest(name = "{0} vs {1}: k = {2}")
    @CsvSource({"5, 5, 3", "6, 6, 6", "4, 4, 1", "4, 6, 3", "3, 5, 1", "8, 8, 14", "10, 10, 24", "2, 2, 1"})
    void confidenceRankMatchesTheTables(int m, int n, int k) {
        // critical values of U at two-sided 0.05 (k - 1): 5+5: 2, 6+6: 5, 4+4: 0, 8+8: 13, 10+10: 23
        assertThat(MannWhitneyExact.confidenceRank(m, n, 0.05)).isEqualTo(k).isEqualTo(ExactByEnumeration.confidenceRank(m, n, 0.05));
    }

    @Test
    void confidenceOfTheFiveVsFiveIntervalIs968Permille() {
        assertThat(MannWhitneyExact.confidenceOfRank(3, 5, 5)).isCloseTo(1 - 8.0 / 252, within(1e-12));
        assertThat(MannWhitneyExact.confidenceOfRank(1, 2, 2)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void separatedSamplesGiveTheSmallestExactP() {
        MannWhitneyExact.TestResult r = MannWhitneyExact.test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5});
        assertThat(r.u()).isEqualTo(25);
        assertThat(r.kind()).isEqualTo(PValueKind.EXACT);
        assertThat(r.p()).isCloseTo(2.0 / 252, within(1e-12));
    }

    @Test
    void tiesFallBackToTheNormalApproximationAndSaySo() {
        MannWhitneyExact.TestResult r = MannWhitneyExact.test(new double[] {1, 2, 3}, new double[] {3, 4, 5});
        assertThat(r.kind()).isEqualTo(PValueKind.NORMAL_APPROXIMATION);
        assertThat(r.p()).isBetween(0.0, 1.0);
    }

    @Test
    void identicalSamplesGivePOne() {
        assertThat(MannWhitneyExact.test(new double[] {1, 2, 3}, new double[] {1, 2, 3}).p()).isEqualTo(1.0);
        MannWhitneyExact.TestResult allSame = MannWhitneyExact.test(new double[] {7, 7, 7}, new double[] {7, 7});
        assertThat(allSame.p()).isEqualTo(1.0);
        assertThat(allSame.kind()).isEqualTo(PValueKind.ALL_VALUES_EQUAL);
    }
}
