package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void wikipediasFourHypotheses() {
        // Holm-Bonferroni method, Wikipedia: p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05;
        // sorted 0.005 x 4 = 0.02 <= 0.05, 0.01 x 3 = 0.03 <= 0.05, 0.03 x 2 = 0.06 > 0.05: stop.
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void adjustedValuesAreCappedAtOneAndMonotone() {
        double[] adjusted = Holm.adjust(new double[] {0.5, 0.4, 0.001});
        // sorted 0.001 x 3 = 0.003, 0.4 x 2 = 0.8, 0.5 x 1 = 0.5 -> kept at 0.8 (running maximum)
        assertThat(adjusted).containsExactly(new double[] {0.8, 0.8, 0.003}, within(1e-12));
        assertThat(Holm.adjust(new double[] {0.6, 0.7})).containsExactly(new double[] {1.0, 1.0}, within(1e-12));
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }

    @Test
    void correctionDecidesTheVerdictsAgain() {
        ComparisonSettings settings = ComparisonSettings.defaults(1);
        Metric metric = Metric.throughput("/json throughput");
        // p = 2/252 = 0.00794 (separated) and p = 1/18 = 0.0556 (overlapping) and p = 1 (identical)
        Comparison separated = CellComparison.compare(metric, new double[] {1000, 1010, 990, 1005, 995}, new double[] {1210, 1190, 1230, 1200, 1220}, settings);
        Comparison overlapping = CellComparison.compare(metric, new double[] {10.2, 11.5, 9.8, 12.1, 10.9}, new double[] {11.0, 12.8, 12.3, 13.5, 11.9}, settings);
        Comparison identical = CellComparison.compare(metric, new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}, settings);
        // 4 + 4 separated: p = 2/70 = 0.0286, significant alone; second smallest of four: 0.0286 x 3 = 0.0857
        Comparison justEnough = CellComparison.compare(metric, new double[] {100, 101, 102, 103}, new double[] {120, 121, 122, 123}, settings);
        assertThat(justEnough.verdict()).isEqualTo(Verdict.BETTER);

        List<Comparison> corrected = Holm.correct(List.of(separated, overlapping, identical, justEnough));

        assertThat(corrected.get(0).pHolm()).isCloseTo(4 * 2.0 / 252, within(1e-12)); // 0.0317: still faster
        assertThat(corrected.get(0).verdict()).isEqualTo(Verdict.BETTER);
        assertThat(corrected.get(0).holmFamily()).isEqualTo(4);
        assertThat(corrected.get(0).reason()).contains("Holm-adjusted 0.0317 over 4 comparisons");
        assertThat(corrected.get(3).pHolm()).isCloseTo(3 * 2.0 / 70, within(1e-12)); // 0.0857
        assertThat(corrected.get(3).verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(corrected.get(3).p()).isEqualTo(justEnough.p());
        assertThat(corrected.get(2).pHolm()).isEqualTo(1.0);
    }
}
