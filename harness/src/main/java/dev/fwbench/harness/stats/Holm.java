package dev.fwbench.harness.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Holm's step-down correction (Holm 1979) across all comparisons of one suite, so that the
 * chance of calling any one of them significant by luck stays at most alpha (the family-wise
 * error rate), whatever their dependence.
 *
 * <p>With the M p-values ordered p(1) ≤ ... ≤ p(M), the adjusted values are
 * p~(i) = max over j ≤ i of min(1, (M - j + 1) p(j)); a comparison is significant when
 * p~ ≤ alpha. This is R's {@code p.adjust(p, "holm")}; Commons Statistics 1.1 has no
 * multiple-comparison correction.
 *
 * <p>Worked numbers (Wikipedia's example): p = 0.01, 0.04, 0.03, 0.005 become 0.03, 0.06,
 * 0.06, 0.02; at alpha 0.05 the first and the last are significant.
 *
 * <p>The family is every comparison of the suite, those with too few trials too (they count
 * against the others: conservative, never optimistic).
 */
public final class Holm {

    private Holm() {
    }

    /** The Holm-adjusted p-values, in the order given. */
    public static double[] adjust(double[] p) {
        int count = p.length;
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("a p-value lies in [0, 1] (got " + p[i] + " at index " + i + ")");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[count];
        double runningMax = 0;
        for (int rank = 0; rank < count; rank++) {
            int i = order[rank];
            runningMax = Math.max(runningMax, Math.min(1, (count - rank) * p[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }

    /** The comparisons of one suite with their Holm-adjusted p-values and verdicts, in the order given. */
    public static List<Comparison> correct(List<Comparison> family) {
        double[] p = family.stream().mapToDouble(Comparison::p).toArray();
        double[] adjusted = adjust(p);
        List<Comparison> corrected = new ArrayList<>(family.size());
        for (int i = 0; i < adjusted.length; i++) {
            corrected.add(family.get(i).withHolm(adjusted[i], family.size()));
        }
        return corrected;
    }
}
