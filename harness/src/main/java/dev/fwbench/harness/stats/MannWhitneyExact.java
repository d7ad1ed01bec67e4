package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The Mann-Whitney U test and the exact null distribution of U, both from Apache Commons
 * Statistics ({@link MannWhitneyUTest}); nothing here tabulates the distribution itself.
 *
 * <p>U counts the pairs (x_i, y_j) with x_i &gt; y_j. Under the null hypothesis (both samples
 * from one distribution) with no ties, each of the C(m + n, m) orderings of the pooled sample
 * is equally likely, which gives U its exact distribution: for m = n = 5 there are 252
 * orderings, U = 0 happens once, so P(U ≤ 0) = 1/252 and the smallest two-sided p is
 * 2/252 = 0.00794.
 *
 * <p>Commons Statistics 1.1 offers that distribution only as the p-value of a sample.
 * {@link #cdf} therefore builds a pair of samples, without ties, whose U is the wanted value
 * and reads the library's exact lower-tail p-value of it, which is P(U ≤ u) by definition.
 */
public final class MannWhitneyExact {

    /** Two-sided; exact below 50 values per side when there are no ties, else the normal approximation. */
    private static final MannWhitneyUTest TWO_SIDED = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED).with(PValueMethod.AUTO);
    private static final MannWhitneyUTest LOWER_TAIL_EXACT = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.LESS_THAN).with(PValueMethod.EXACT);
    /** Commons Statistics' own limit for its automatic exact mode (values per side). */
    private static final int EXACT_LIMIT = 50;

    private MannWhitneyExact() {
    }

    /** The outcome of the test on data: U of the first sample, the two-sided p and how p was obtained. */
    public record TestResult(double u, double p, PValueKind kind) {
    }

    /**
     * The two-sided test of {@code x} against {@code y}. The p-value is exact when there are
     * no ties and each side has fewer than 50 values; with ties Commons Statistics falls back to
     * the normal approximation with tie and continuity corrections (as R's wilcox.test does).
     * When every value of both samples is the same the rank test has nothing to go on: p = 1.
     */
    public static TestResult test(double[] x, double[] y) {
        if (allEqual(x, y)) {
            return new TestResult(x.length * (double) y.length / 2, 1.0, PValueKind.ALL_VALUES_EQUAL);
        }
        MannWhitneyUTest.Result r = TWO_SIDED.test(x, y);
        boolean exact = !r.hasTiedValues() && Math.max(x.length, y.length) < EXACT_LIMIT;
        return new TestResult(r.getStatistic(), r.getPValue(), exact ? PValueKind.EXACT : PValueKind.NORMAL_APPROXIMATION);
    }

    /**
     * P(U ≤ u) under the null hypothesis for samples of {@code m} and {@code n} values.
     *
     * <p>The samples: y = 0, 1, ..., n - 1, and m values x_i = c_i - 1 + (i + 1) / (m + 1),
     * each strictly between c_i - 1 and c_i, so x_i exceeds exactly c_i of the y values; the
     * c_i (each at most n) add up to u. The fractions (i + 1) / (m + 1) differ, so no two
     * values tie and the library's exact computation applies.
     */
    public static double cdf(int u, int m, int n) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("sample sizes must be at least 1 (got " + m + " and " + n + ")");
        }
        if (u < 0) {
            return 0;
        }
        if ((long) u >= (long) m * n) {
            return 1;
        }
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            y[j] = j;
        }
        double[] x = new double[m];
        int remaining = u;
        for (int i = 0; i < m; i++) {
            int above = Math.min(n, remaining);
            remaining -= above;
            x[i] = above - 1 + (i + 1.0) / (m + 1);
        }
        MannWhitneyUTest.Result r = LOWER_TAIL_EXACT.test(x, y);
        if (r.getStatistic() != u || r.hasTiedValues()) {
            throw new IllegalStateException("constructed samples have U = " + r.getStatistic() + ", wanted " + u);
        }
        return r.getPValue();
    }

    /**
     * The smallest two-sided p-value any data can give with m and n values:
     * 2 P(U ≤ 0) = 2 / C(m + n, m). 2 vs 2: 1/3; 3 vs 3: 0.1; 4 vs 4: 0.0286; 5 vs 5: 0.00794.
     */
    public static double smallestTwoSidedP(int m, int n) {
        return Math.min(1, 2 * cdf(0, m, n));
    }

    /**
     * The smallest number of trials per side (the same on both sides) with which a two-sided
     * test can reach {@code alpha}: 4 for alpha = 0.05 (4 vs 4 can give p = 0.0286, 3 vs 3 no
     * less than 0.1).
     */
    public static int minimumTrialsPerSide(double alpha) {
        requireAlpha(alpha);
        int n = 1;
        while (smallestTwoSidedP(n, n) > alpha) {
            n++;
        }
        return n;
    }

    /**
     * The smallest number of values on the other side, against {@code m} on one, with which a
     * two-sided test can reach {@code alpha}: against 3, 5 (2 / C(8, 3) = 0.0357); against 1,
     * 39 (2 / 40 = 0.05).
     */
    public static int minimumTrialsAgainst(int m, double alpha) {
        requireAlpha(alpha);
        int n = 1;
        while (smallestTwoSidedP(m, n) > alpha) {
            n++;
        }
        return n;
    }

    /**
     * The rank k of the exact two-sided confidence interval for a shift: the interval is
     * [D(k), D(mn + 1 - k)] of the m n ordered pairwise differences, where k - 1 is the
     * largest u with 2 P(U ≤ u) ≤ alpha; its confidence is 1 - 2 P(U ≤ k - 1), at least
     * 1 - alpha. 5 vs 5 at alpha 0.05: 2 P(U ≤ 2) = 8/252 = 0.032 and 2 P(U ≤ 3) = 14/252 =
     * 0.056, so k = 3 and the confidence is 96.8 %. When even u = 0 is too likely (too few
     * trials) this returns 1: the whole range of the differences, of confidence
     * 1 - 2 / C(m + n, m) (66.7 % for 2 vs 2).
     */
    public static int confidenceRank(int m, int n, double alpha) {
        requireAlpha(alpha);
        int k = 1;
        while ((long) k < (long) m * n && 2 * cdf(k, m, n) <= alpha) {
            k++;
        }
        return k;
    }

    /** The confidence of the interval of rank {@code k}: 1 - 2 P(U ≤ k - 1). */
    public static double confidenceOfRank(int k, int m, int n) {
        return Math.max(0, 1 - 2 * cdf(k - 1, m, n));
    }

    static void requireAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new BenchException("the significance level alpha must be between 0 and 1, e.g. 0.05 (got " + alpha + ")");
        }
    }

    private static boolean allEqual(double[] x, double[] y) {
        double first = x[0];
        for (double v : x) {
            if (v != first) {
                return false;
            }
        }
        for (double v : y) {
            if (v != first) {
                return false;
            }
        }
        return true;
    }
}
