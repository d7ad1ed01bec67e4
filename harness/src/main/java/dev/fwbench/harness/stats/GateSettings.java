package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;

/**
 * How the regression gate judges one metric: the rolling baseline is the last {@code window}
 * nights (default 14), it judges from {@code minimumNights} (default 5), a regression must
 * exceed {@code effectThreshold} (a fraction of the baseline median, default 0.10 = 10 %) and
 * {@code madMultiplier} times the baseline's scaled MAD (default 3), and be significant at
 * {@code alpha} (default 0.05) by the exact Mann-Whitney test.
 */
public record GateSettings(int window, int minimumNights, double effectThreshold, double madMultiplier, double alpha) {

    public GateSettings {
        if (minimumNights < 2) {
            throw new BenchException("the gate needs a minimum of at least 2 nights of history (got " + minimumNights + "); 5 is the default");
        }
        if (window < minimumNights) {
            throw new BenchException("the gate's window of " + window + " nights is shorter than its minimum of " + minimumNights + " nights: make the window at least as long");
        }
        if (!(effectThreshold > 0 && effectThreshold < 10)) {
            throw new BenchException("the effect threshold is a fraction of the baseline, e.g. 0.10 for 10 % (got " + effectThreshold + ")");
        }
        if (!(madMultiplier >= 0 && madMultiplier <= 100)) {
            throw new BenchException("the MAD multiplier k must be between 0 and 100, e.g. 3 (got " + madMultiplier + ")");
        }
        MannWhitneyExact.requireAlpha(alpha);
    }

    /** 14 nights, judged from 5, 10 %, 3 MAD, alpha 0.05. */
    public static GateSettings defaults() {
        return new GateSettings(14, 5, 0.10, 3.0, ComparisonSettings.DEFAULT_ALPHA);
    }
}
