package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchstatTableTest {

    private static final ComparisonSettings SETTINGS = ComparisonSettings.defaults(1);

    @Test
    void aTableInBenchstatsStyle() {
        Comparison faster = CellComparison.compare(Metric.throughput("/json throughput"),
                new double[] {1000, 1010, 990, 1005, 995}, new double[] {1210, 1190, 1230, 1200, 1220}, SETTINGS);
        Comparison same = CellComparison.compare(Metric.latency("/db p99"),
                new double[] {10.2, 11.5, 9.8, 12.1, 10.9}, new double[] {11.0, 12.8, 12.3, 13.5, 11.9}, SETTINGS);
        Comparison few = CellComparison.compare(Metric.latency("ws echo p50"), new double[] {1.5, 1.6, 1.4}, new double[] {0.9, 1.0, 1.1}, SETTINGS);

        List<String> lines = BenchstatTable.lines("django", "nestjs", List.of(faster, same, few));

        assertThat(lines).containsExactly(
                "metric                    django           nestjs           delta                   p              verdict",
                "/json throughput (req/s)  1.00k ±0.8 %     1.21k ±1.3 %     +21.0 % [+18.8, +23.2]  0.00794 n=5+5  faster",
                "/db p99 (ms)              10.9 ±8.6 % (!)  12.3 ±7.6 % (!)  ~ [-1.7, +30.6]         0.0556 n=5+5   ~",
                // 3 + 3: the interval is the whole range of the 9 ratios, 0.9/1.6 to 1.1/1.4
                "ws echo p50 (ms)          1.5 ±6.7 % (!)   1 ±10.0 % (!)    -33.3 % [-43.8, -21.4]  0.100 n=3+3    too few trials",
                "median ±CV of the trials, (!) = noisy; delta = B/A - 1 (Hodges-Lehmann) [exact CI, at least 95.0 %;"
                        + " the full range with too few trials]; p two-sided Mann-Whitney; ~ = no difference detected");
    }

    @Test
    void noisyCellsAndHolmAreShown() {
        Comparison noisy = CellComparison.compare(Metric.throughput("/queries throughput"),
                new double[] {1000, 1200, 800, 1100, 900}, new double[] {2000, 2010, 1990, 2005, 1995}, SETTINGS);
        Comparison other = CellComparison.compare(Metric.throughput("/json throughput"),
                new double[] {1000, 1010, 990, 1005, 995}, new double[] {1001, 1011, 991, 1006, 996}, SETTINGS);
        List<String> lines = BenchstatTable.lines("A", "B", Holm.correct(List.of(noisy, other)));
        assertThat(lines.get(1)).contains("±15.8 % (!)").contains("0.0159 n=5+5").endsWith("faster");
        assertThat(lines.get(3)).contains("Holm-adjusted over 2 comparisons");
    }
}
