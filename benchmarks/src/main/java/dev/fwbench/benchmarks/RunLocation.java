package dev.fwbench.benchmarks;

import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import java.util.Map;

/**
 * Where a JMH fork writes: {@code -Dfwbench.run.dir}, which {@link BenchmarksMain} sets for
 * every fork so that all trials of one run share a directory; else (JMH's own main) a new
 * run directory of its own.
 */
final class RunLocation {
    private RunLocation() {
    }

    /** The run context of one trial, whose only target is {@code target} (or the external service the settings name). */
    static RunContext context(String target) {
        // -Dfwbench.run.dir (set by BenchmarksMain for its forks): joined; else JMH's own main: a new run
        return RunContext.open("jmh", DriverConfig.fromSystem(RunSettings.all()), target,
                Map.of("driver", "jmh (JMH's own main)"));
    }
}
