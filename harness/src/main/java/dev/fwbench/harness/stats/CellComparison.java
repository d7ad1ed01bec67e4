package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;

/**
 * Compares the trials of two cells on one metric: the Hodges-Lehmann ratio B/A with its exact
 * confidence interval ({@link HodgesLehmann}), the exact two-sided Mann-Whitney p
 * ({@link MannWhitneyExact}), the design's smallest possible p, the bootstrap interval from
 * 10 trials per side, and the verdict ({@link Comparison}).
 *
 * <p>Worked numbers (the {@link HodgesLehmann} example, throughput, A = Django, B = NestJS):
 * 5 vs 5 trials that do not overlap give U = 25, p = 2/252 = 0.00794 (exact), ratio 1.210
 * [1.188, 1.232] at 96.8 %: "faster". Identical samples give ratio 1, a CI around 1 and
 * p = 1: "no difference detected". 3 vs 3 trials give "too few trials" whatever they hold
 * (p ≥ 0.1).
 */
public final class CellComparison {

    private CellComparison() {
    }

    /**
     * B against A: {@code a} and {@code b} hold one positive value per trial, in the metric's
     * unit.
     */
    public static Comparison compare(Metric metric, double[] a, double[] b, ComparisonSettings settings) {
        double[] logA = logs(metric.name() + " of A", a);
        double[] logB = logs(metric.name() + " of B", b);
        double alpha = settings.alpha();
        HodgesLehmann.Estimate estimate = HodgesLehmann.ofLogs(logA, logB, alpha);
        // x = B, y = A: U counts the pairs where B's value is above A's; two-sided p is the same either way
        MannWhitneyExact.TestResult test = MannWhitneyExact.test(logB, logA);
        double smallestP = MannWhitneyExact.smallestTwoSidedP(a.length, b.length);
        BootstrapInterval bootstrap = Math.min(a.length, b.length) >= settings.bootstrapFromTrials()
                ? PercentileBootstrap.ofLogs(logA, logB, 1 - alpha, settings.bootstrapResamples(), settings.bootstrapSeed())
                : null;
        return Comparison.decide(metric, CellStats.of(a, settings.noiseLimit()), CellStats.of(b, settings.noiseLimit()),
                estimate.ratio(), estimate.low(), estimate.high(), estimate.confidence(), test.p(), test.kind(), test.p(), 1,
                alpha, smallestP, MannWhitneyExact.minimumTrialsPerSide(alpha), bootstrap);
    }

    /** Natural logs of positive, finite values; {@code what} names the sample in the error. */
    static double[] logs(String what, double[] values) {
        CellStats.requireFinite(what, values);
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= 0) {
                throw new BenchException(what + " has the value " + values[i]
                        + ": comparisons are ratios and need positive values (compare error counts by their flags, not by ratio)");
            }
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
