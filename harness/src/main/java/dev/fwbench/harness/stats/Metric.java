package dev.fwbench.harness.stats;

import dev.fwbench.harness.BenchException;

/**
 * What a number measures: a name the reader knows ("/json throughput", "/db p99"), its unit
 * ("req/s", "ms", "CPU-s/1k req", "MiB"), which way it improves, and whether it is a speed
 * (throughput, latency: a verdict says "faster" / "slower") or a cost (CPU, memory: "better" /
 * "worse"). Values of a metric must be positive: comparisons are ratios of them.
 */
public record Metric(String name, String unit, Direction direction, boolean speed) {

    public Metric {
        if (name == null || name.isBlank()) {
            throw new BenchException("a metric needs a name (e.g. \"/json throughput\")");
        }
        if (unit == null) {
            throw new BenchException("metric '" + name + "' needs a unit (e.g. \"req/s\", \"ms\"; \"\" for a pure number)");
        }
        if (direction == null) {
            throw new BenchException("metric '" + name + "' needs a direction: SMALLER_IS_BETTER or BIGGER_IS_BETTER");
        }
    }

    /** Requests per second: bigger is faster. */
    public static Metric throughput(String name) {
        return new Metric(name, "req/s", Direction.BIGGER_IS_BETTER, true);
    }

    /** A latency (a percentile, the max) in milliseconds: smaller is faster. */
    public static Metric latency(String name) {
        return new Metric(name, "ms", Direction.SMALLER_IS_BETTER, true);
    }

    /** A resource cost (CPU-seconds per 1,000 requests, peak memory): smaller is better. */
    public static Metric cost(String name, String unit) {
        return new Metric(name, unit, Direction.SMALLER_IS_BETTER, false);
    }

    /** The name with its unit, as a table's row says it: "json p99 (ms)". */
    public String label() {
        return name + (unit.isEmpty() ? "" : " (" + unit + ")");
    }

    /** The word for "B is better than A": "faster" for a speed, "better" for a cost. */
    public String betterWord() {
        return speed ? "faster" : "better";
    }

    /** The word for "B is worse than A": "slower" for a speed, "worse" for a cost. */
    public String worseWord() {
        return speed ? "slower" : "worse";
    }
}
