package dev.fwbench.harness.testing;

import dev.fwbench.harness.backend.containers.DockerEngine;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests of the containers backend need a Docker engine. Without one they are skipped, unless
 * {@code FWBENCH_REQUIRE_DOCKER=1} (set by {@code .ci/run}) makes that a failure, so CI can
 * never pass by skipping them. Shared with the conformance module through the harness test-jar.
 */
public final class DockerRequirement {
    private DockerRequirement() {
    }

    /** Skips the calling test without a Docker engine; fails it instead when FWBENCH_REQUIRE_DOCKER=1. */
    public static void require() {
        DockerEngine.Probe probe = DockerEngine.probe();
        if (!probe.available()) {
            if ("1".equals(System.getenv("FWBENCH_REQUIRE_DOCKER"))) {
                throw new AssertionError("FWBENCH_REQUIRE_DOCKER=1 but " + probe.detail());
            }
            Assumptions.abort("containers backend: " + probe.detail());
        }
    }
}
