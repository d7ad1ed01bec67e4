package dev.fwbench.harness.stats;

import java.util.Arrays;

/**
 * An independent reference for the tests: the null distribution of U by listing every way of
 * choosing which m of the m + n pooled ranks belong to the first sample (all equally likely
 * without ties), and the textbook interval rank from it. Small sizes only (m + n <= 20).
 */
final class ExactByEnumeration {

    private ExactByEnumeration() {
    }

    /** counts[u] = number of arrangements with U = u (U = pairs with a first-sample rank above a second-sample rank). */
    static long[] counts(int m, int n) {
        long[] counts = new long[m * n + 1];
        int total = m + n;
        for (int mask = 0; mask < 1 << total; mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            int u = 0;
            int secondBelow = 0;
            for (int rank = 0; rank < total; rank++) {
                if ((mask & 1 << rank) != 0) {
                    u += secondBelow;
                } else {
                    secondBelow++;
                }
            }
            counts[u]++;
        }
        return counts;
    }

    static double cdf(int u, int m, int n) {
        long[] counts = counts(m, n);
        long all = Arrays.stream(counts).sum();
        long below = 0;
        for (int i = 0; i <= Math.min(u, m * n); i++) {
            below += counts[i];
        }
        return (double) below / all;
    }

    /** k with k - 1 = the largest u where 2 P(U <= u) <= alpha (1 if there is none). */
    static int confidenceRank(int m, int n, double alpha) {
        int k = 1;
        while (k < m * n && 2 * cdf(k, m, n) <= alpha) {
            k++;
        }
        return k;
    }

    /** [D(k), D(mn + 1 - k)] of the sorted ratios b_j / a_i, with k from the enumeration. */
    static double[] ratioInterval(double[] a, double[] b, double alpha) {
        double[] ratios = new double[a.length * b.length];
        int at = 0;
        for (double x : a) {
            for (double y : b) {
                ratios[at++] = y / x;
            }
        }
        Arrays.sort(ratios);
        int k = confidenceRank(a.length, b.length, alpha);
        return new double[] {ratios[k - 1], ratios[ratios.length - k]};
    }
}
