package dev.fwbench.harness.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * A distribution-free confidence interval for the median of one cell's trials, from order
 * statistics: with n trials sorted x(1) &le; ... &le; x(n), the interval [x(k), x(n + 1 - k)]
 * holds the median of the distribution the trials come from with probability
 * 1 - 2 P(B &le; k - 1), B ~ Binomial(n, 1/2) (each trial falls below the median with
 * probability 1/2: the sign test's interval). k is the largest rank whose interval still
 * reaches 1 - alpha.
 *
 * <p>Worked numbers: n = 6 trials, k = 1: 1 - 2 / 64 = 96.9 %, [min, max]; n = 5 reaches only
 * 1 - 2 / 32 = 93.8 % and n = 4 87.5 %, so at alpha 0.05 a median's interval needs 6 trials
 * (the comparison of two cells needs 4 per side: {@link MannWhitneyExact}). n = 10: k = 2,
 * 1 - 2 x 11 / 1024 = 97.9 %, [x(2), x(9)].
 *
 * <p>For a value each trial knows only as a bracket (a capacity search's [held, failed at]),
 * {@link #ofBrackets} takes the k-th smallest lower end and the k-th largest upper end: each
 * trial's true value lies in its bracket, so this interval contains the one above and covers
 * the median at least as often.
 */
public final class MedianInterval {

    /**
     * @param low        the interval's lower end, {@code high} its upper end
     * @param confidence the coverage it achieves (at least 1 - alpha unless {@code tooFewTrials})
     * @param rank       k
     * @param tooFewTrials true when even [min, max] does not reach 1 - alpha: the interval is then [min, max] at its
     *                   lower confidence
     */
    public record Interval(int trials, double median, double low, double high, double confidence, int rank,
                           boolean tooFewTrials) {
    }

    private MedianInterval() {
    }

    /** The interval for the median of {@code values} (one per trial) at 1 - alpha. */
    public static Interval of(double[] values, double alpha) {
        return ofBrackets(values, values, alpha);
    }

    /**
     * The interval for the median of values known per trial as [lows[i], highs[i]]: [k-th smallest low, k-th
     * largest high]. The median reported is the median of the lows (the values each trial surely reached).
     */
    public static Interval ofBrackets(double[] lows, double[] highs, double alpha) {
        MannWhitneyExact.requireAlpha(alpha);
        CellStats.requireFinite("a median's lower ends", lows);
        CellStats.requireFinite("a median's upper ends", highs);
        if (lows.length != highs.length) {
            throw new IllegalArgumentException("one bracket per trial: " + lows.length + " lower and " + highs.length
                    + " upper ends");
        }
        int n = lows.length;
        double[] lo = lows.clone();
        double[] hi = highs.clone();
        Arrays.sort(lo);
        Arrays.sort(hi);
        BinomialDistribution b = BinomialDistribution.of(n, 0.5);
        int k = 1;
        while (k < (n + 1) / 2 && 1 - 2 * b.cumulativeProbability(k) >= 1 - alpha) {
            k++;
        }
        double confidence = 1 - 2 * b.cumulativeProbability(k - 1);
        return new Interval(n, CellStats.median(lows), lo[k - 1], hi[n - k], confidence, k, confidence < 1 - alpha);
    }
}
