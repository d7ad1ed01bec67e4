package dev.fwbench.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.AppLaunch;
import dev.fwbench.harness.app.DjangoApp;
import dev.fwbench.harness.app.NestJsApp;
import dev.fwbench.harness.containers.AppImage;
import dev.fwbench.harness.containers.ContainerStats;
import dev.fwbench.harness.containers.DockerEngine;
import dev.fwbench.harness.containers.HostContainer;
import dev.fwbench.harness.containers.ImageBases;
import dev.fwbench.harness.containers.PostgresContainer;
import dev.fwbench.harness.containers.RedisContainer;
import dev.fwbench.harness.db.ContractDatabase;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.db.PostgresSettings;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets in containers (Testcontainers), the default wherever a Docker engine answers:
 * each app's image built from its Dockerfile, PostgreSQL (and, for Django's Channels
 * layer, Redis) in containers, everything on the host's network so the measured path has
 * no NAT or proxy and no traffic leaves loopback. Every app container gets the same
 * {@link ResourceLimits}: a cpuset and a memory limit. CPU and memory of every container
 * are sampled each second into the run directory's {@code resources/}.
 */
public final class ContainerBackend implements Backend {
    private final BenchHome home;
    private final Path logDir;
    private final Duration startTimeout;
    private final ResourceLimits limits;
    private final ImageBases bases;
    private final DockerClient client;
    private final ContainerStats stats;
    private final String jwtSecret = RunningService.newJwtSecret();
    private final Map<Framework, String> images = new EnumMap<>(Framework.class);
    private final List<RunningService> services = new ArrayList<>();
    private final Map<String, Object> applied = new LinkedHashMap<>();
    private PostgresContainer postgres;
    private ContractDatabase database;
    private RedisContainer redis;
    private boolean closed;

    /**
     * @param logDir       app, PostgreSQL and Redis output
     * @param resourcesDir where the per-second CPU/memory samples go
     */
    public ContainerBackend(BenchHome home, Path logDir, Path resourcesDir, Duration startTimeout, ResourceLimits limits,
                            ImageBases bases) {
        this.home = home;
        this.logDir = logDir;
        this.startTimeout = startTimeout;
        this.limits = limits;
        this.bases = bases;
        this.client = DockerEngine.client();
        this.stats = new ContainerStats(client, resourcesDir);
        ShutdownHooks.register(this);
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public synchronized Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", name());
        m.put("limits", limits.describe("Docker: --cpuset-cpus " + limits.cpuset() + (limits.memoryBytes() > 0
                ? ", --memory " + limits.memoryBytes() + " bytes (swap = memory: no swap)" : ", no memory limit")
                + " on every app container; PostgreSQL and Redis unlimited"));
        m.put("appliedLimits", new LinkedHashMap<>(applied));
        m.put("imageBases", bases.asMap());
        Map<String, String> built = new LinkedHashMap<>();
        images.forEach((f, img) -> built.put(f.id(), img));
        m.put("appImages", built);
        m.put("network", "host (loopback only, no NAT)");
        if (postgres != null) {
            m.put("postgres", postgres.describe());
            m.put("postgresPid", postgres.pid());
        }
        m.put("postgresSettings", PostgresSettings.server());
        return m;
    }

    @Override
    public String jwtSecret() {
        return jwtSecret;
    }

    @Override
    public synchronized PostgresServer postgres() {
        if (postgres == null) {
            AppImage.ensureBase(client, bases.postgres());
            postgres = PostgresContainer.start(bases.postgres(), logDir, Duration.ofSeconds(120));
            stats.watch("postgres", postgres.container().containerId());
            database = new ContractDatabase(postgres, home.schemaSql(), home.seedSql());
        }
        return postgres;
    }

    /** Per-second samples so far, by container name: for tests and progress. */
    public Map<String, Integer> resourceSampleCounts() {
        return stats.sampleCounts();
    }

    @Override
    public synchronized RunningService start(TargetSpec spec) {
        if (closed) {
            throw new BenchException("not starting " + spec.name() + ": the harness is shutting down (Ctrl-C or SIGTERM)");
        }
        long t0 = System.nanoTime();
        Framework f = spec.framework();
        String image = images.computeIfAbsent(f, k -> AppImage.ensure(client, k, home.app(k.id()),
                k == Framework.NESTJS ? bases.node() : bases.python()));
        postgres();
        String dbName = spec.databaseName();
        String databaseUrl = database.provision(dbName);
        int port = spec.port() > 0 ? FreePorts.require(spec.port()) : FreePorts.pick();
        Map<String, String> extraEnv = new LinkedHashMap<>();
        if (f == Framework.DJANGO) {
            extraEnv.put("REDIS_URL", redis().url());
        }
        AppLaunch launch = new AppLaunch(spec, port, databaseUrl, jwtSecret, logDir, extraEnv, limits);
        Map<String, String> env;
        URI ws = URI.create("ws://127.0.0.1:" + port);
        if (f == Framework.NESTJS) {
            env = NestJsApp.environment(launch);
        } else {
            env = DjangoApp.environment(launch);
            // one ASGI worker per core of the cpuset (Uvicorn's docs), Redis carries the layer
            String asgiWorkers = Integer.toString(spec.workers() > 0 ? spec.workers() : limits.cpus());
            if ("gunicorn".equals(spec.variant())) {
                int wsPort = FreePorts.pick();
                env.put("WS_PORT", Integer.toString(wsPort));
                env.put("WS_WORKERS", asgiWorkers);
                ws = URI.create("ws://127.0.0.1:" + wsPort);
            } else {
                env.put("WORKERS", asgiWorkers);
            }
        }
        String role = spec.name().replace(':', '-');
        Console.info("starting %s in a container on 127.0.0.1:%d (cpuset %s, memory %s, database %s)...", spec.name(), port,
                limits.cpuset(), limits.memoryBytes() == 0 ? "unlimited" : (limits.memoryBytes() >> 20) + " MiB", dbName);
        HostContainer app = new HostContainer(spec.name(), image, role, logDir.resolve(role + ".log"), gc -> gc
                .withEnv(env)
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig hc = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
                    hc.withCpusetCpus(limits.cpuset());
                    if (limits.memoryBytes() > 0) {
                        hc.withMemory(limits.memoryBytes()).withMemorySwap(limits.memoryBytes());
                    }
                    cmd.withHostConfig(hc);
                }));
        URI base = URI.create("http://127.0.0.1:" + port);
        URI wsUrl = ws;
        RunningService service = app.startAndAwait(() -> {
            stats.watch(role, app.containerId());
            JsonNode health = HealthProbe.await(spec.name(), base, List.of(app), startTimeout);
            return new RunningService(spec, base, wsUrl, health, dbName, List.of(app), Duration.ofNanos(System.nanoTime() - t0));
        });
        applied.put(spec.name(), app.appliedLimits());
        services.add(service);
        Console.info("%s; container %s", service.readyLine(), app.containerId().substring(0, 12));
        return service;
    }

    private RedisContainer redis() {
        if (redis == null) {
            AppImage.ensureBase(client, bases.redis());
            redis = RedisContainer.start(bases.redis(), logDir, Duration.ofSeconds(60));
            stats.watch("redis", redis.container().containerId());
        }
        return redis;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!services.isEmpty() || postgres != null) {
            Console.info("stopping %d target container(s)%s%s...", services.size(), redis != null ? ", Redis" : "",
                    postgres != null ? " and PostgreSQL" : "");
        }
        stats.close();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            int left = DockerEngine.removeSessionContainers(client);
            if (left > 0) {
                Console.warn("removed %d container(s) of this run that were still there after close", left);
            }
        } catch (RuntimeException e) {
            Console.warn("could not check for leftover containers (%s): './bench clean' removes them", e.getMessage());
        }
        ShutdownHooks.unregister(this);
    }

}
