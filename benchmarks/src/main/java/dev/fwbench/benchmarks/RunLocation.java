package dev.fwbench.benchmarks;

import dev.fwbench.harness.BenchHome;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where this benchmark run writes: {@code -Dfwbench.run.dir}, which {@link BenchmarksMain}
 * sets for every JMH fork so that all trials of one run share a directory; else a new
 * {@code results/runs/<UTC timestamp>-jmh}.
 */
final class RunLocation {
    private RunLocation() {
    }

    static Path runDirectory() {
        String configured = System.getProperty("fwbench.run.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        return BenchHome.locate().results().resolve("runs").resolve(stamp + "-jmh");
    }
}
