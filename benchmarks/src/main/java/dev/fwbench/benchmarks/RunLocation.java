package dev.fwbench.benchmarks;

import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import java.nio.file.Path;
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
        DriverConfig config = DriverConfig.fromSystem(RunSettings.all());
        String configured = System.getProperty("fwbench.run.dir");
        if (configured != null) {
            return RunContext.attach(Path.of(configured), config, target);
        }
        return RunContext.open("jmh", config, target, Map.of("driver", "jmh (JMH's own main)"));
    }
}
