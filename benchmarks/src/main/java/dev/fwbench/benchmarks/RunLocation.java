package dev.fwbench.benchmarks;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.results.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where this benchmark run writes: {@code -Dfwbench.run.dir}, which {@link BenchmarksMain}
 * sets for every JMH fork so that all trials of one run share a directory; else (JMH's own
 * main) a new run directory of its own.
 */
final class RunLocation {
    private RunLocation() {
    }

    static Path runDirectory() {
        String configured = System.getProperty("fwbench.run.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return RunDirectory.create(BenchHome.locate(), "jmh", Map.of("driver", "jmh (JMH's own main)")).root();
    }
}
