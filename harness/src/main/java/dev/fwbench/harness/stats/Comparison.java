package dev.fwbench.harness.stats;

/**
 * B against A on one metric: NestJS vs Django on one workload, a sweep point vs another,
 * tonight vs last night. Written into suite.json as it is (a record of plain values).
 *
 * <ul>
 * <li>{@code ratio}: B/A, the Hodges-Lehmann estimate exp(median of log(b_j / a_i)) over all
 *     m n pairs; 1.213 reads "B is 21.3 % above A" (for throughput, faster; for latency,
 *     slower).
 * <li>{@code ciLow}, {@code ciHigh}: the exact confidence interval of the ratio from the
 *     Mann-Whitney distribution, [exp D(k), exp D(mn + 1 - k)]; {@code ciConfidence} is its
 *     achieved level, at least 1 - alpha when the design allows it (96.8 % for 5 vs 5).
 * <li>{@code p}: the two-sided Mann-Whitney p-value, exact without ties ({@code pKind});
 *     {@code pHolm}: Holm-adjusted over {@code holmFamily} comparisons of one suite ({@link
 *     Holm}), equal to {@code p} until {@link Holm#correct} ran.
 * <li>{@code smallestPossibleP}: 2 / C(m + n, m), the p of fully separated samples; above
 *     alpha no result can be significant and the verdict is {@link Verdict#TOO_FEW_TRIALS};
 *     {@code minimumTrials}: the trials per side (both sides alike) that can reach alpha (4 at
 *     alpha 0.05).
 * <li>{@code verdict}, {@code verdictWord} ("faster", "slower", "better", "worse", "no
 *     difference detected", "too few trials") and a one-line {@code reason} with the numbers.
 * <li>{@code bootstrap}: a percentile bootstrap interval of the ratio from 10 trials per side
 *     up, else null.
 * </ul>
 */
public record Comparison(Metric metric, CellStats a, CellStats b, int trialsA, int trialsB,
                         double ratio, double ciLow, double ciHigh, double ciConfidence,
                         double p, PValueKind pKind, double pHolm, int holmFamily,
                         double alpha, double smallestPossibleP, int minimumTrials,
                         Verdict verdict, String verdictWord, String reason,
                         BootstrapInterval bootstrap) {

    /** The same comparison with its Holm-adjusted p-value, the verdict decided again on it. */
    public Comparison withHolm(double adjustedP, int family) {
        if (!(adjustedP >= p && adjustedP <= 1) || family < 1) {
            throw new IllegalArgumentException("a Holm-adjusted p lies in [p, 1] over a family of 1 or more (got " + adjustedP + " for p = " + p + ", family " + family + ")");
        }
        return decide(metric, a, b, ratio, ciLow, ciHigh, ciConfidence, p, pKind, adjustedP, family, alpha,
                smallestPossibleP, minimumTrials, bootstrap);
    }

    /** The verdict and its reason from the numbers: the one place a comparison is decided. */
    static Comparison decide(Metric metric, CellStats a, CellStats b, double ratio, double ciLow, double ciHigh,
                             double ciConfidence, double p, PValueKind pKind, double pHolm, int holmFamily, double alpha,
                             double smallestPossibleP, int minimumTrials, BootstrapInterval bootstrap) {
        int m = a.trials();
        int n = b.trials();
        String trials = m + "+" + n + " trials";
        String estimate = "B/A = " + NumberText.ratio(ratio) + " [" + NumberText.ratio(ciLow) + ", " + NumberText.ratio(ciHigh)
                + "] (" + NumberText.confidence(ciConfidence) + " CI)";
        String pText = "p = " + NumberText.p(p) + " (" + kindText(pKind) + ", " + trials + ")"
                + (holmFamily > 1 ? ", Holm-adjusted " + NumberText.p(pHolm) + " over " + holmFamily + " comparisons" : "");
        Verdict verdict;
        String reason;
        if (smallestPossibleP > alpha) {
            verdict = Verdict.TOO_FEW_TRIALS;
            int against = MannWhitneyExact.minimumTrialsAgainst(Math.min(m, n), alpha);
            reason = trials + " can give p = " + NumberText.p(smallestPossibleP) + " at best, above alpha " + NumberText.plain(alpha)
                    + ": " + minimumTrials + "+" + minimumTrials + " needed (or " + against + " against " + Math.min(m, n) + "); " + estimate;
        } else if (pHolm <= alpha && metric.direction().better(ratio)) {
            verdict = Verdict.BETTER;
            reason = pText + " <= " + NumberText.plain(alpha) + "; " + estimate;
        } else if (pHolm <= alpha && metric.direction().worse(ratio)) {
            verdict = Verdict.WORSE;
            reason = pText + " <= " + NumberText.plain(alpha) + "; " + estimate;
        } else {
            verdict = Verdict.NO_DIFFERENCE;
            reason = pText + (pHolm <= alpha ? " but the estimate is exactly 1" : " > " + NumberText.plain(alpha)) + "; " + estimate;
        }
        return new Comparison(metric, a, b, m, n, ratio, ciLow, ciHigh, ciConfidence, p, pKind, pHolm, holmFamily, alpha,
                smallestPossibleP, minimumTrials, verdict, verdict.word(metric), reason, bootstrap);
    }

    private static String kindText(PValueKind kind) {
        return switch (kind) {
            case EXACT -> "exact";
            case NORMAL_APPROXIMATION -> "normal approximation, ties";
            case ALL_VALUES_EQUAL -> "all values equal";
        };
    }
}
