package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The percentile bootstrap of the Hodges-Lehmann ratio B/A, an addition to the exact
 * interval once both sides have 10 trials or more (below that a resample repeats the same
 * few values and the interval is too narrow to trust).
 *
 * <p>Each of R resamples draws m values from A and n from B with replacement (uniform
 * indices from Commons RNG's XO_RO_SHI_RO_128_PP generator seeded with the caller's seed) and
 * computes exp(median of log(b*_j / a*_i)); the interval is the alpha/2 and 1 - alpha/2
 * quantiles of the R ratios (Hyndman-Fan type 7, R's default). With R = 10,000 and 10 + 10
 * trials that is 10^6 pairwise ratios: tens of milliseconds.
 */
public final class PercentileBootstrap {

    public static final int DEFAULT_RESAMPLES = 10_000;
    /** Trials per side from which {@link CellComparison} adds the bootstrap interval. */
    public static final int MINIMUM_TRIALS = 10;
    private static final RandomSource GENERATOR = RandomSource.XO_RO_SHI_RO_128_PP;

    private PercentileBootstrap() {
    }

    /** The interval of B/A from A's and B's values (positive), at {@code confidence} (e.g. 0.95). */
    public static BootstrapInterval ratio(double[] a, double[] b, double confidence, int resamples, long seed) {
        return ofLogs(CellComparison.logs("A", a), CellComparison.logs("B", b), confidence, resamples, seed);
    }

    static BootstrapInterval ofLogs(double[] logA, double[] logB, double confidence, int resamples, long seed) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new BenchException("the bootstrap confidence must be between 0 and 1, e.g. 0.95 (got " + confidence + ")");
        }
        if (resamples < 100) {
            throw new BenchException("the bootstrap needs at least 100 resamples (got " + resamples + "); 10000 is the default");
        }
        UniformRandomProvider rng = GENERATOR.create(seed);
        double[] a = new double[logA.length];
        double[] b = new double[logB.length];
        double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = logA[rng.nextInt(logA.length)];
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = logB[rng.nextInt(logB.length)];
            }
            ratios[r] = HodgesLehmann.ratioOfLogs(a, b);
        }
        double tail = (1 - confidence) / 2;
        double[] q = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).evaluate(ratios, tail, 1 - tail);
        return new BootstrapInterval(q[0], q[1], confidence, resamples, seed, GENERATOR.name());
    }
}
