package dev.fwbench.harness.backend;

import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Target;
import java.util.Map;

/**
 * How targets are brought up: as local processes ({@code backend.process}), in containers
 * ({@code backend.containers}), or not at all ({@code backend.external}: services already
 * deployed). Closing a backend stops every service it started, and what they depend on,
 * newest first.
 */
public interface Backend extends AutoCloseable {

    /** "process", "containers", "external": recorded with every result. */
    String name();

    /** How targets are run (backend, limits, images, database): recorded in run.json. */
    Map<String, Object> configuration();

    /** Brings the target up (or, external, checks it answers) and returns once its {@code /health} answers 200. */
    RunningService start(Target target);

    /**
     * What the service's code weighs as deployed: {@code {"kind": "image", "bytes": N, "image": name}} for a
     * container image; {@code {"kind": "n/a", "why": ...}} where this backend has no such figure.
     */
    default Map<String, Object> footprint(RunningService service) {
        return Map.of("kind", "n/a", "why", "the " + name() + " backend has no image of the target");
    }

    /** The JWT signing key handed to every app this backend starts (random per backend); null when external. */
    String jwtSecret();

    /**
     * The PostgreSQL server every target of this backend uses, started on first call.
     *
     * @throws dev.fwbench.harness.BenchException for external targets, whose database the harness cannot reach
     */
    PostgresServer postgres();

    @Override
    void close();
}
