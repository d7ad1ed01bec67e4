package dev.fwbench.harness.stats;

import java.util.Arrays;

/**
 * The Hodges-Lehmann estimate of the ratio B/A and its exact confidence interval, on the log
 * scale where a ratio is a shift: with a_i of A and b_j of B, the m n pairwise differences
 * d_ij = log(b_j) - log(a_i) = log(b_j / a_i) are sorted into D(1) ≤ ... ≤ D(mn);
 *
 * <ul>
 * <li>the estimate is exp(median of the D), the median of the pairwise ratios b_j / a_i;
 * <li>the interval is [exp D(k), exp D(mn + 1 - k)], with k from the exact distribution of
 *     the Mann-Whitney U ({@link MannWhitneyExact#confidenceRank}). This is the interval R's
 *     {@code wilcox.test(log(b), log(a), conf.int = TRUE)} gives without ties; with ties R
 *     switches to a normal approximation, this class keeps the exact k (the interval stays a
 *     pair of observed ratios).
 * </ul>
 *
 * <p>Worked numbers: A = 1000, 1010, 990, 1005, 995 req/s, B = 1210, 1190, 1230, 1200,
 * 1220 req/s. The 25 ratios have median 1.2100 (= 1210/1000); with k = 3 the interval is
 * [D(3), D(23)] = [1.1881, 1.2323] (1200/1010 and 1220/990), of confidence
 * 1 - 8/252 = 96.8 %.
 */
final class HodgesLehmann {

    private HodgesLehmann() {
    }

    /** B/A estimate with its interval (ratios) and the interval's achieved confidence. */
    record Estimate(double ratio, double low, double high, double confidence) {
    }

    /** From the natural logs of A's and B's values. */
    static Estimate ofLogs(double[] logA, double[] logB, double alpha) {
        double[] d = pairwiseDifferences(logA, logB);
        Arrays.sort(d);
        int k = MannWhitneyExact.confidenceRank(logA.length, logB.length, alpha);
        double confidence = MannWhitneyExact.confidenceOfRank(k, logA.length, logB.length);
        return new Estimate(Math.exp(CellStats.median(d)), Math.exp(d[k - 1]), Math.exp(d[d.length - k]), confidence);
    }

    /** The estimate alone: exp(median of log(b_j) - log(a_i)). */
    static double ratioOfLogs(double[] logA, double[] logB) {
        return Math.exp(CellStats.median(pairwiseDifferences(logA, logB)));
    }

    /** log(b_j) - log(a_i) for every i, j (m n values, unsorted). */
    static double[] pairwiseDifferences(double[] logA, double[] logB) {
        double[] d = new double[logA.length * logB.length];
        int at = 0;
        for (double la : logA) {
            for (double lb : logB) {
                d[at++] = lb - la;
            }
        }
        return d;
    }
}
