package dev.fwbench.harness.load;

import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import java.util.List;

/**
 * A service-level objective a run must meet on its measured requests: at most
 * {@code errorsPct} % failed, and (optionally) a p99 latency at most {@code p99Ms}. Gatling
 * turns it into assertions (a broken SLO fails the build); the suite runner into a
 * trial outcome.
 */
public record Slo(Double p99Ms, double errorsPct) {
    public static final Setting<Double> P99_MS = Setting.number("slo.p99.ms", null, 0, true, 3_600_000, "ms",
            "highest p99 latency each target may show (Gatling judges its whole milliseconds, the lean engine HdrHistogram's)");
    public static final Setting<Double> ERRORS_PCT = Setting.number("slo.errors.pct", 1.0, 0, false, 100, "%",
            "highest share of failed requests each target may show");

    public static List<Setting<?>> settings() {
        return List.of(P99_MS, ERRORS_PCT);
    }

    public static Slo from(DriverConfig c) {
        return new Slo(c.get(P99_MS), c.get(ERRORS_PCT));
    }
}
