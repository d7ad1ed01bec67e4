package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;
import org.apache.commons.statistics.descriptive.Max;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Min;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * One cell's trials summarised: a cell is one target x workload x request x sweep point, and
 * each of its trials gave one value of one metric (in the metric's unit).
 *
 * <ul>
 * <li>{@code median}: the middle value (the mean of the two middle ones for an even count);
 *     the number of record, as one slow trial cannot move it.
 * <li>{@code min}, {@code max}, {@code mean}.
 * <li>{@code stdDev}: the sample standard deviation, sqrt(sum (x - mean)^2 / (n - 1)), null
 *     for a single trial.
 * <li>{@code cv}: the coefficient of variation stdDev / mean, a fraction (0.05 = 5 %); null for
 *     a single trial or a zero mean.
 * <li>{@code noisy}: cv &gt; {@code noiseLimit} (default {@value #DEFAULT_NOISE_LIMIT}, i.e. 5 %).
 * </ul>
 *
 * <p>Worked numbers: trials 100, 102, 98, 101, 99 req/s give median 100, mean 100,
 * stdDev sqrt(10 / 4) = 1.58, cv 1.58 %: not noisy. Trials 100, 110, 90, 100, 100 give
 * stdDev sqrt(200 / 4) = 7.07, cv 7.07 %: noisy.
 */
public record CellStats(int trials, double median, double min, double max, double mean, Double stdDev, Double cv,
                        double noiseLimit, boolean noisy) {

    public static final double DEFAULT_NOISE_LIMIT = 0.05;

    /** The statistics of {@code values} (one per trial), noisy above a CV of 5 %. */
    public static CellStats of(double[] values) {
        return of(values, DEFAULT_NOISE_LIMIT);
    }

    /** The statistics of {@code values} (one per trial), noisy above {@code noiseLimit} (a fraction). */
    public static CellStats of(double[] values, double noiseLimit) {
        requireFinite("a cell", values);
        if (!(noiseLimit > 0 && noiseLimit < 10)) {
            throw new BenchException("the noise limit is a coefficient of variation as a fraction, e.g. 0.05 for 5 % (got " + noiseLimit + ")");
        }
        double mean = Mean.of(values).getAsDouble();
        Double stdDev = values.length < 2 ? null : StandardDeviation.of(values).getAsDouble();
        Double cv = stdDev == null || mean == 0 ? null : stdDev / Math.abs(mean);
        return new CellStats(values.length, median(values), Min.of(values).getAsDouble(), Max.of(values).getAsDouble(),
                mean, stdDev, cv, noiseLimit, cv != null && cv > noiseLimit);
    }

    /** The median of {@code values}, leaving the array as it was. */
    static double median(double[] values) {
        return Median.withDefaults().withCopy(true).evaluate(values);
    }

    /** At least one value, all finite; {@code what} names the sample in the error. */
    static void requireFinite(String what, double[] values) {
        if (values == null || values.length == 0) {
            throw new BenchException(what + " has no values: it needs at least one trial");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new BenchException(what + " has a value that is not a finite number (" + v + "): record a failed trial as failed, not as a number");
            }
        }
    }
}
