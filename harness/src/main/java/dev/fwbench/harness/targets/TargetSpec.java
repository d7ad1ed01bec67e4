package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;

/**
 * What is measured: a framework on one server stack, with its process model, its
 * configuration profile, how it caches and reaches the database, and the CPU and memory it is
 * given.
 *
 * @param workers worker processes, or 0 for the framework's own production default
 *                (NestJS: one per core; Gunicorn: 2 x cores + 1)
 * @param threads threads per worker (Django's gthread), or 0 for the default (1)
 * @param port    fixed HTTP port, or 0 for a free loopback port
 * @param profile production (the documented production configuration) or tuned
 * @param limits  the cores and memory the target may use, the same for every framework of a run
 * @param proxy   what fronts the app: nothing, nginx (inside the same limits), or the framework's default
 * @param instances app instances behind the proxy (horizontal scaling), 1 without one
 * @param cache     the article reads cached in Redis or not (CONTRACT.md section 5a; claim 5)
 * @param dbAccess  the claim-6 routes through the ORM or as its SQL (CONTRACT.md section 4b); null for
 *                  the framework's default (the ORM; raw for the bare baseline, which has none)
 */
public record TargetSpec(Framework framework, String variant, int workers, int threads, int port, Profile profile,
                         ResourceLimits limits, Proxy proxy, int instances, ArticleCache cache, DbAccess dbAccess) {

    public static final int MAX_INSTANCES = 16;

    public TargetSpec(Framework framework, String variant, int workers, int threads, int port, Profile profile,
                      ResourceLimits limits, Proxy proxy, int instances) {
        this(framework, variant, workers, threads, port, profile, limits, proxy, instances, ArticleCache.OFF, null);
    }

    public TargetSpec(Framework framework, String variant, int workers, int threads, int port, Profile profile,
                      ResourceLimits limits) {
        this(framework, variant, workers, threads, port, profile, limits, Proxy.DEFAULT, 1);
    }

    /** Workers and threads beyond this are a typo, not a configuration (Gunicorn's own docs suggest 2-4 per core). */
    public static final int MAX_WORKERS = 256;

    public TargetSpec(Framework framework, String variant, int workers, int threads, int port) {
        this(framework, variant, workers, threads, port, Profile.PRODUCTION, ResourceLimits.defaults());
    }

    public TargetSpec {
        if (framework == null) {
            throw new BenchException("a target needs a framework: one of nestjs, django");
        }
        if (profile == null) {
            profile = Profile.PRODUCTION;
        }
        if (variant == null || variant.isBlank()) {
            variant = framework.defaultVariant(profile);
        }
        if (!framework.variants().contains(variant)) {
            throw new BenchException("unknown variant '" + variant + "' for " + framework.id()
                    + ": use one of " + String.join(", ", framework.variants()));
        }
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new BenchException("--workers must be between 1 and " + MAX_WORKERS + " (got " + workers + ")");
        }
        if (threads < 0 || threads > MAX_WORKERS) {
            throw new BenchException("--threads must be between 1 and " + MAX_WORKERS + " (got " + threads + ")");
        }
        if (port < 0 || port > 65535) {
            throw new BenchException("--port must be between 1 and 65535 (got " + port + ")");
        }
        if (limits == null) {
            limits = ResourceLimits.defaults();
        }
        if (proxy == null) {
            proxy = Proxy.DEFAULT;
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new BenchException("--instances must be between 1 and " + MAX_INSTANCES + " (got " + instances + ")");
        }
        if (instances > 1 && proxy == Proxy.NONE) {
            throw new BenchException("--instances " + instances + " needs a front that balances them: add --proxy nginx");
        }
        if (cache == null) {
            cache = ArticleCache.OFF;
        }
        if (dbAccess == null) {
            dbAccess = framework.defaultDbAccess();
        }
        if (framework.isBaseline() && cache != ArticleCache.OFF) {
            throw new BenchException("the bare baseline has no cache (claim 7 measures Nest alone): drop --cache " + cache.id());
        }
        if (framework.isBaseline() && dbAccess != DbAccess.RAW) {
            throw new BenchException("the bare baseline has no ORM: it sends its SQL itself (--db-access raw, its default)");
        }
    }

    public static TargetSpec defaults(Framework framework) {
        return new TargetSpec(framework, null, 0, 0, 0);
    }

    public TargetSpec withWorkers(int n) {
        return new TargetSpec(framework, variant, n, threads, port, profile, limits, proxy, instances, cache, dbAccess);
    }

    public TargetSpec withPort(int p) {
        return new TargetSpec(framework, variant, workers, threads, p, profile, limits, proxy, instances, cache, dbAccess);
    }

    public TargetSpec withLimits(ResourceLimits l) {
        return new TargetSpec(framework, variant, workers, threads, port, profile, l, proxy, instances, cache, dbAccess);
    }

    public TargetSpec withProxy(Proxy p, int n) {
        return new TargetSpec(framework, variant, workers, threads, port, profile, limits, p, n, cache, dbAccess);
    }

    /** "nestjs:express", the name used in logs and result files. */
    public String name() {
        return framework.id() + ":" + variant;
    }

    /** The same target with the article cache and database access given. */
    public TargetSpec withDataAccess(ArticleCache c, DbAccess d) {
        return new TargetSpec(framework, variant, workers, threads, port, profile, limits, proxy, instances, c, d);
    }

    /**
     * Name of this target's own database on the shared PostgreSQL server: a target with another
     * cache or database access gets its own ({@code bench_nestjs_express_raw_redis}), so that both
     * can run side by side. The apps' cache keys begin with it (CONTRACT.md section 5a).
     */
    public String databaseName() {
        return "bench_" + framework.id() + "_" + variant
                + (dbAccess != framework.defaultDbAccess() ? "_" + dbAccess.id() : "")
                + (cache != ArticleCache.OFF ? "_" + cache.id() : "");
    }
}
