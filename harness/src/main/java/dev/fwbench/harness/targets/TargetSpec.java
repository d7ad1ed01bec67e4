package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;

/**
 * What is measured: a framework on one server stack, with its process model.
 *
 * @param workers worker processes, or 0 for the framework's own production default
 *                (NestJS: one per core; Gunicorn: 2 x cores + 1)
 * @param threads threads per worker (Django's gthread), or 0 for the default (1)
 * @param port    fixed HTTP port, or 0 for a free loopback port
 * @param profile production (the documented production configuration) or tuned
 */
public record TargetSpec(Framework framework, String variant, int workers, int threads, int port, Profile profile) {

    public TargetSpec(Framework framework, String variant, int workers, int threads, int port) {
        this(framework, variant, workers, threads, port, Profile.PRODUCTION);
    }

    public TargetSpec {
        if (profile == null) {
            profile = Profile.PRODUCTION;
        }
        if (variant == null || variant.isBlank()) {
            variant = framework.defaultVariant();
        }
        if (!framework.variants().contains(variant)) {
            throw new BenchException("unknown variant '" + variant + "' for " + framework.id()
                    + ": use one of " + String.join(", ", framework.variants()));
        }
        if (workers < 0 || workers > 256) {
            throw new BenchException("--workers must be between 1 and 256 (got " + workers + ")");
        }
        if (threads < 0 || threads > 256) {
            throw new BenchException("--threads must be between 1 and 256 (got " + threads + ")");
        }
        if (port < 0 || port > 65535) {
            throw new BenchException("--port must be between 1 and 65535 (got " + port + ")");
        }
    }

    public static TargetSpec defaults(Framework framework) {
        return new TargetSpec(framework, null, 0, 0, 0);
    }

    /** "nestjs:express", the name used in logs and result files. */
    public String name() {
        return framework.id() + ":" + variant;
    }

    /** Name of this target's own database on the shared PostgreSQL server. */
    public String databaseName() {
        return "bench_" + framework.id() + "_" + variant;
    }
}
