package dev.fwbench.harness.stats;

/**
 * Which way a metric improves. It decides what a ratio B/A above 1 means: for latency,
 * CPU-seconds per 1,000 requests or peak memory ({@link #SMALLER_IS_BETTER}) B is worse;
 * for throughput ({@link #BIGGER_IS_BETTER}) B is better. The names match
 * github-action-benchmark's "customSmallerIsBetter" / "customBiggerIsBetter".
 */
public enum Direction {
    SMALLER_IS_BETTER,
    BIGGER_IS_BETTER;

    /** Whether B is worse than A when B/A = {@code ratio} (a ratio of exactly 1 is neither). */
    public boolean worse(double ratio) {
        return this == SMALLER_IS_BETTER ? ratio > 1 : ratio < 1;
    }

    /** Whether B is better than A when B/A = {@code ratio}. */
    public boolean better(double ratio) {
        return this == SMALLER_IS_BETTER ? ratio < 1 : ratio > 1;
    }
}
