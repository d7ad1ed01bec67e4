package dev.fwbench.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.AppLaunch;
import dev.fwbench.harness.app.DjangoApp;
import dev.fwbench.harness.app.NestJsApp;
import dev.fwbench.harness.app.ReferenceApp;
import dev.fwbench.harness.app.StartedApp;
import dev.fwbench.harness.db.ContractDatabase;
import dev.fwbench.harness.db.EmbeddedPostgresServer;
import dev.fwbench.harness.db.ExternalPostgresServer;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.process.ProcessStats;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.redis.RedisServer;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets as child processes of the harness ({@code node}, {@code python3} from PATH) and
 * PostgreSQL embedded (or the user's, with {@code --db-url}). The default where no Docker
 * engine answers. Every process it starts is stopped on {@link #close()}, and by a JVM
 * shutdown hook on Ctrl-C or exit.
 */
public final class ProcessBackend implements Backend {
    private final BenchHome home;
    private final String dbUrl;
    private final Path logDir;
    private final Duration startTimeout;
    private final ResourceLimits limits;
    private final ProcessStats stats;
    private final String jwtSecret = RunningService.newJwtSecret();
    private final List<RunningService> services = new ArrayList<>();
    private PostgresServer postgres;
    private ContractDatabase database;
    private RedisServer redis;
    private boolean redisChecked;
    private boolean closed;

    /**
     * @param dbUrl  an existing PostgreSQL server, or null for an embedded one
     * @param logDir where app logs and install output go
     */
    public ProcessBackend(BenchHome home, String dbUrl, Path logDir, Duration startTimeout) {
        this(home, dbUrl, logDir, startTimeout, null, null);
    }

    /**
     * @param limits CPUs to pin every app to with {@code taskset} (when the user chose a count),
     *               or null to leave the apps on every core
     * @param resourcesDir where per-second CPU/memory samples of every service go, or null for none
     */
    public ProcessBackend(BenchHome home, String dbUrl, Path logDir, Duration startTimeout, ResourceLimits limits,
                          Path resourcesDir) {
        this.limits = limits;
        this.stats = resourcesDir == null ? null : new ProcessStats(resourcesDir);
        this.home = home;
        this.dbUrl = dbUrl;
        this.logDir = logDir;
        this.startTimeout = startTimeout;
        ShutdownHooks.register(this);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("backend", name());
        ResourceLimits l = limits != null ? limits : ResourceLimits.of(null, "none");
        m.put("limits", l.describe(pin() != null ? "taskset -c " + l.cpuset() + " (memory is not enforced by the process backend)"
                : "none: every core of the host, memory not limited"));
        if (postgres != null) {
            m.put("postgres", postgres.describe());
            m.put("postgresPid", postgres.pid());
        }
        return m;
    }

    /** Per-second samples so far, by service name (empty without a resources folder). */
    public Map<String, Integer> resourceSampleCounts() {
        return stats == null ? Map.of() : stats.sampleCounts();
    }

    /** The limits to pin apps with: only a CPU count the user chose (else the apps keep every core). */
    private ResourceLimits pin() {
        return limits != null && limits.explicit() ? limits : null;
    }

    @Override
    public String jwtSecret() {
        return jwtSecret;
    }

    @Override
    public synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = dbUrl == null ? EmbeddedPostgresServer.start() : ExternalPostgresServer.parse(dbUrl);
            long pid = postgres.pid();
            if (stats != null && pid > 0) {
                stats.watch("postgres", () -> ProcessStats.tree(pid));
            }
            database = new ContractDatabase(postgres, home.schemaSql(), home.seedSql());
        }
        return postgres;
    }

    @Override
    public synchronized RunningService start(TargetSpec spec) {
        if (closed) {
            throw new BenchException("not starting " + spec.name() + ": the harness is shutting down (Ctrl-C or SIGTERM)");
        }
        long t0 = System.nanoTime();
        ReferenceApp app = appFor(spec);
        app.prepare(logDir);
        postgres();
        String dbName = spec.databaseName();
        String databaseUrl = database.provision(dbName);
        int port = spec.port() > 0 ? FreePorts.require(spec.port()) : FreePorts.pick();
        Console.info("starting %s on 127.0.0.1:%d (database %s)...", spec.name(), port, dbName);
        Map<String, String> extraEnv = new HashMap<>();
        if (spec.framework() == Framework.DJANGO && redis() != null) {
            extraEnv.put("REDIS_URL", redis.url());
        }
        StartedApp started = app.start(new AppLaunch(spec, port, databaseUrl, jwtSecret, logDir, extraEnv, pin()));
        RunningService service;
        try {
            List<ProcessPart> parts = started.processes().stream().map(ProcessPart::new).toList();
            JsonNode health = HealthProbe.await(spec.name(), started.baseUrl(), parts, startTimeout);
            service = new RunningService(spec, started.baseUrl(), started.wsUrl(), health, dbName, parts,
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            started.processes().forEach(p -> p.stop(Duration.ofSeconds(5)));
            throw e;
        }
        services.add(service);
        if (stats != null) {
            stats.watch(spec.name().replace(':', '-'), service::pids);
        }
        Console.info("%s", service.readyLine());
        return service;
    }

    /** Redis for Channels' cross-worker layer, started on first need; null when redis-server is not installed. */
    private RedisServer redis() {
        if (!redisChecked) {
            redisChecked = true;
            if (RedisServer.available()) {
                redis = RedisServer.start(logDir);
                if (stats != null) {
                    long pid = redis.pid();
                    stats.watch("redis", () -> ProcessStats.tree(pid));
                }
            }
        }
        return redis;
    }

    private ReferenceApp appFor(TargetSpec spec) {
        return switch (spec.framework()) {
            case NESTJS -> new NestJsApp(home.app("nestjs"));
            case DJANGO -> new DjangoApp(home.app("django"));
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!services.isEmpty() || postgres != null) {
            Console.info("stopping %d target(s)%s...", services.size(), postgres != null ? " and PostgreSQL" : "");
        }
        if (stats != null) {
            stats.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        ShutdownHooks.unregister(this);
    }

}
