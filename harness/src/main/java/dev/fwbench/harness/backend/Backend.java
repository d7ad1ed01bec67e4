package dev.fwbench.harness.backend;

import dev.fwbench.harness.targets.TargetSpec;

/**
 * How targets are brought up: as local processes, in containers, or (external) not at all.
 * Closing a backend stops every service it started and whatever they depend on.
 */
public interface Backend extends AutoCloseable {

    /** "process", "containers", "external": recorded with every result. */
    String name();

    /** How targets are run (backend, limits, images, database): recorded in run.json. */
    java.util.Map<String, Object> configuration();

    /** The JWT signing key handed to every app this backend starts (random per backend). */
    String jwtSecret();

    /** The PostgreSQL server every target of this backend uses, started on first call. */
    dev.fwbench.harness.db.PostgresServer postgres();

    /** Brings the target up and returns once its {@code /health} answers 200. */
    RunningService start(TargetSpec spec);

    @Override
    void close();
}
