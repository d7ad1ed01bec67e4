package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.backend.ImageBases;
import dev.fwbench.harness.targets.ResourceLimits;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that brings targets up shares: backend, limits, images, database. */
public final class BackendMixin {

    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (default: containers when a Docker engine answers, else process), containers, process, "
                    + "or external (start nothing)")
    String backend;

    @Option(names = "--server-cpus", paramLabel = "N",
            description = "cores each target may use, the same for every framework (a cpuset of the last N cores; "
                    + "default: every core)")
    Integer serverCpus;

    @Option(names = "--server-memory", paramLabel = "SIZE",
            description = "memory limit of each target's container, e.g. 512m, 2g, none (default: "
                    + ResourceLimits.DEFAULT_MEMORY + "; the process backend cannot enforce it)")
    String serverMemory;

    @Option(names = "--image-base", paramLabel = "KEY=IMAGE",
            description = "base image for the containers backend, repeatable: node=, python=, postgres=, redis=, nginx= "
                    + "(default: official images, or FWBENCH_NODE_IMAGE etc. from the environment)")
    List<String> imageBases;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "use this PostgreSQL server (postgresql://user:password@host:port/db) instead of one the harness "
                    + "starts (process backend)")
    String dbUrl;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "how long a started target may take to answer /health (default: ${DEFAULT-VALUE}; an image "
                    + "build before it does not count against it)")
    int startTimeoutSeconds;

    BackendSettings settings() {
        if (startTimeoutSeconds < 1) {
            throw new BenchException("--start-timeout must be at least 1 second, got " + startTimeoutSeconds);
        }
        ImageBases images = ImageBases.fromEnvironment(System.getenv());
        if (imageBases != null) {
            for (String b : imageBases) {
                images = images.override(b);
            }
        }
        return new BackendSettings(backend, dbUrl, images, Duration.ofSeconds(startTimeoutSeconds), false);
    }

    /** The CPU and memory limits of every target. */
    ResourceLimits limits() {
        return ResourceLimits.of(serverCpus, serverMemory);
    }
}
