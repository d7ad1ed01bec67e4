package dev.fwbench.harness.stats;

/**
 * A percentile bootstrap interval of the ratio B/A ({@link PercentileBootstrap}): the
 * (1 - confidence)/2 and (1 + confidence)/2 quantiles of the Hodges-Lehmann ratio over
 * {@code resamples} resamplings of A and B, drawn by {@code generator} seeded with
 * {@code seed}; the same seed and data give the same interval.
 */
public record BootstrapInterval(double low, double high, double confidence, int resamples, long seed, String generator) {
}
