package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The spectra the page embeds, from histograms whose percentiles are known by construction:
 * 1,000 requests of 1, 2, ... 1,000 ms put the value at percentile p at p x 10 ms; a run of
 * 99 % fast and 1 % slow requests shows its tail from p99 on, and nowhere before.
 */
class SpectrumTest {
    private static final long MS = 1_000_000L;

    @Test
    void theGridHasEightPointsPerDecadeOfOneOverOneMinusPAndTheMedian() {
        double[] grid = Spectrum.grid(10_000);
        assertThat(grid).hasSize(34).startsWith(1.0, 1.3335, 1.7783, 2.0, 2.3714);
        assertThat(grid[0]).isEqualTo(1.0);          // p = 0: the minimum
        assertThat(grid[3]).isEqualTo(2.0);          // p = 50 %
        assertThat(grid[9]).isEqualTo(10.0);         // p = 90 %
        assertThat(grid[17]).isEqualTo(100.0);       // p = 99 %
        assertThat(grid[33]).isEqualTo(10_000.0);    // p = 99.99 %
        assertThat(Spectrum.grid(999)).hasSize(25).endsWith(Spectrum.round(Math.pow(10, 23 / 8.0), 4));
        assertThat(Spectrum.grid(1)).containsExactly(1.0);
        assertThat(Spectrum.grid(0)).containsExactly(1.0);
    }

    @Test
    void aUniformRunGivesEachPercentileItsValue() {
        Histogram h = new Histogram(3);
        for (int v = 1; v <= 1_000; v++) {
            h.recordValue(v * MS);
        }
        double[] grid = Spectrum.grid(1_000);
        List<Double> ms = Spectrum.values(h, grid);
        assertThat(ms).hasSize(grid.length);
        assertThat(ms.get(0)).isCloseTo(1.0, within(0.01));        // x = 1: the minimum
        assertThat(at(grid, ms, 2)).isCloseTo(500.0, within(1.0)); // p50
        assertThat(at(grid, ms, 10)).isCloseTo(900.0, within(1.0)); // p90
        assertThat(at(grid, ms, 100)).isCloseTo(990.0, within(1.0)); // p99
        assertThat(at(grid, ms, 1_000)).isCloseTo(999.0, within(1.0)); // p99.9: the 999th of 1,000
        assertThat(ms).doesNotContainNull();
    }

    @Test
    void aTailOfOnePercentShowsFromP99OnAndPercentilesPastTheCountAreNull() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(MS, 990);
        h.recordValueWithCount(100 * MS, 10);
        double[] grid = Spectrum.grid(100_000); // a chart whose other line has 100,000 requests
        List<Double> ms = Spectrum.values(h, grid);
        assertThat(at(grid, ms, 10)).isCloseTo(1.0, within(0.01));
        assertThat(at(grid, ms, 100)).as("p99 is the 990th value").isCloseTo(1.0, within(0.01));
        assertThat(at(grid, ms, 1_000)).as("p99.9 is in the tail").isCloseTo(100.0, within(0.1));
        assertThat(at(grid, ms, 10_000)).as("1,000 requests cannot resolve p99.99").isNull();
        assertThat(ms.get(grid.length - 1)).isNull();
    }

    @Test
    void aSummaryWithoutLogsPutsItsPercentilesOnTheNearestGridPoints() throws Exception {
        var summary = new ObjectMapper().readTree("{\"p50\": 1.5, \"p90\": 2.5, \"p99\": 4.0, \"p999\": 9.0, \"p9999\": 12.0}");
        double[] grid = Spectrum.grid(5_000);
        List<Double> ms = Spectrum.fromSummary(summary, grid, 5_000);
        assertThat(at(grid, ms, 10)).isEqualTo(2.5);
        assertThat(at(grid, ms, 100)).isEqualTo(4.0);
        assertThat(at(grid, ms, 1_000)).isEqualTo(9.0);
        assertThat(ms).as("p99.99 of 5,000 requests is not resolved: left out").doesNotContain(12.0);
        assertThat(ms.stream().filter(v -> v != null).count()).isEqualTo(4);
    }

    /** The value at the grid point x (which must be on the grid). */
    private static Double at(double[] grid, List<Double> values, double x) {
        for (int i = 0; i < grid.length; i++) {
            if (Math.abs(grid[i] - x) < 1e-6) {
                return values.get(i);
            }
        }
        throw new AssertionError(x + " is not on the grid");
    }
}
