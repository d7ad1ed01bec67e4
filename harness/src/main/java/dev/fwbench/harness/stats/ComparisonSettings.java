package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;

/**
 * How comparisons decide: the significance level {@code alpha} (two-sided, family-wise after
 * Holm), the cells' noise limit (a CV fraction), from how many trials per side the bootstrap
 * interval is added, how many resamples it draws and the seed of its generator (an input,
 * recorded in every {@link BootstrapInterval} it produces).
 */
public record ComparisonSettings(double alpha, double noiseLimit, int bootstrapFromTrials, int bootstrapResamples, long bootstrapSeed) {

    public static final double DEFAULT_ALPHA = 0.05;

    public ComparisonSettings {
        MannWhitneyExact.requireAlpha(alpha);
        if (!(noiseLimit > 0 && noiseLimit < 10)) {
            throw new BenchException("the noise limit is a coefficient of variation as a fraction, e.g. 0.05 for 5 % (got " + noiseLimit + ")");
        }
        if (bootstrapFromTrials < 2) {
            throw new BenchException("the bootstrap needs at least 2 trials per side (got " + bootstrapFromTrials + "); 10 is the default");
        }
        if (bootstrapResamples < 100) {
            throw new BenchException("the bootstrap needs at least 100 resamples (got " + bootstrapResamples + "); 10000 is the default");
        }
    }

    /** alpha 0.05, noise limit 5 %, bootstrap from 10 trials per side with 10,000 resamples from {@code seed}. */
    public static ComparisonSettings defaults(long seed) {
        return new ComparisonSettings(DEFAULT_ALPHA, CellStats.DEFAULT_NOISE_LIMIT, PercentileBootstrap.MINIMUM_TRIALS,
                PercentileBootstrap.DEFAULT_RESAMPLES, seed);
    }
}
