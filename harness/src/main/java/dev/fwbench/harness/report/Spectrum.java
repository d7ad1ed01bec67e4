package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A percentile spectrum as HdrHistogram's plotter draws it: latency against percentile on a
 * log axis of x = 1 / (1 - p), so that 90 % (x = 10), 99 % (100), 99.9 % (1,000) and 99.99 %
 * (10,000) are equally far apart and the tail gets the room it deserves.
 *
 * <p>The page gets values on a fixed grid of {@value #POINTS_PER_DECADE} points per decade of
 * x (x = 10^(i/8): 1, 1.33, 1.78, 2.37..., and 2 for the median), not the histogram itself:
 * 34 numbers cover 10,000 requests, where the raw histogram of one trial is kilobytes. Every line of a chart shares the
 * grid, so lines of runs with more requests go further right; a point is null where
 * 1 / (1 - p) exceeds the run's request count (a percentile its requests cannot resolve: with
 * 1,000 requests p99.99 is the max again). Values are milliseconds to the microsecond, as in
 * summary.json.
 */
final class Spectrum {
    static final int POINTS_PER_DECADE = 8;

    private Spectrum() {
    }

    /**
     * The grid up to the largest request count of a chart: 10^(i/8) for i = 0, 1... while at
     * most {@code maxCount}, and x = 2 (the median, which falls between 10^(2/8) and 10^(3/8)).
     */
    static double[] grid(long maxCount) {
        int n = maxCount < 1 ? 1 : (int) Math.floor(Math.log10(maxCount) * POINTS_PER_DECADE + 1e-9) + 1;
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = round(Math.pow(10, (double) i / POINTS_PER_DECADE), 4);
            if (v > MEDIAN && (x.isEmpty() || x.get(x.size() - 1) < MEDIAN) && maxCount >= MEDIAN) {
                x.add(MEDIAN);
            }
            x.add(v);
        }
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** x of the median: 1 / (1 - 0.5). */
    private static final double MEDIAN = 2.0;

    /** The latency (ms) at each grid point's percentile, null past what {@code h}'s count resolves. */
    static List<Double> values(Histogram h, double[] grid) {
        List<Double> v = new ArrayList<>(grid.length);
        long count = h.getTotalCount();
        for (double x : grid) {
            if (count == 0 || x > count) {
                v.add(null);
            } else {
                double percentile = 100.0 * (1 - 1 / x);
                v.add(ms(h.getValueAtPercentile(percentile)));
            }
        }
        return v;
    }

    /**
     * The spectrum of a run with no interval logs (JMH: summary percentiles only): the
     * summary's p50, p90, p99, p99.9, p99.99 on the grid points nearest to them, null
     * elsewhere (the chart joins the known points).
     */
    static List<Double> fromSummary(JsonNode percentiles, double[] grid, long count) {
        List<Double> v = new ArrayList<>(grid.length);
        for (double x : grid) {
            v.add(null);
        }
        String[] keys = {"p50", "p90", "p99", "p999", "p9999"};
        double[] at = {2, 10, 100, 1_000, 10_000};
        for (int k = 0; k < keys.length; k++) {
            if (!percentiles.has(keys[k]) || at[k] > Math.max(count, 2)) {
                continue;
            }
            int nearest = 0;
            for (int i = 0; i < grid.length; i++) {
                if (Math.abs(Math.log(grid[i] / at[k])) < Math.abs(Math.log(grid[nearest] / at[k]))) {
                    nearest = i;
                }
            }
            v.set(nearest, percentiles.get(keys[k]).asDouble());
        }
        return v;
    }

    /** Nanoseconds to milliseconds, rounded to the microsecond (HdrHistogram keeps 3 significant digits). */
    static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
