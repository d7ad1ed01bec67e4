package dev.fwbench.harness.backend.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.LaunchPlan;
import dev.fwbench.harness.app.NginxFront;
import dev.fwbench.harness.app.ReferenceApp;
import dev.fwbench.harness.backend.ImageBases;
import dev.fwbench.harness.backend.ManagedBackend;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.db.PostgresSettings;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.service.ServicePart;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import org.testcontainers.images.builder.Transferable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets in containers (Testcontainers), the default wherever a Docker engine answers:
 * each app's image built from its Dockerfile (it runs the app's own launch command,
 * {@link ReferenceApp#command()}), PostgreSQL (and, for apps that use it, Redis) in
 * containers, everything on the host's network so the measured path has no NAT or proxy
 * and no traffic leaves loopback. Each app container gets its target's
 * {@link ResourceLimits}: a cpuset and a memory limit. CPU and memory of every container
 * are sampled each second into the run directory's {@code resources/}.
 */
public final class ContainerBackend extends ManagedBackend {
    private final ImageBases bases;
    private final DockerClient client;
    private final ContainerStats stats;
    private final Map<Framework, String> images = new EnumMap<>(Framework.class);
    private final Map<String, Object> applied = new LinkedHashMap<>();
    private final Map<String, Object> limits = new LinkedHashMap<>();
    private volatile PostgresContainer postgres;
    private volatile RedisContainer redis;

    /**
     * @param logDir       app, PostgreSQL and Redis output
     * @param resourcesDir where the per-second CPU/memory samples go
     */
    public ContainerBackend(BenchHome home, Path logDir, Path resourcesDir, Duration startTimeout, ImageBases bases) {
        super(home, logDir, startTimeout);
        this.bases = bases;
        this.client = DockerEngine.client();
        this.stats = new ContainerStats(client, resourcesDir);
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public synchronized Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", name());
        m.put("limits", new LinkedHashMap<>(limits));
        m.put("appliedLimits", new LinkedHashMap<>(applied));
        m.put("imageBases", bases.asMap());
        Map<String, String> built = new LinkedHashMap<>();
        images.forEach((f, img) -> built.put(f.id(), img));
        m.put("appImages", built);
        m.put("network", "host (loopback only, no NAT)");
        PostgresContainer pg = postgres;
        if (pg != null) {
            m.put("postgres", pg.describe());
            m.put("postgresPid", pg.pid());
        }
        m.put("postgresSettings", PostgresSettings.server());
        return m;
    }

    /** The app image's size as the engine reports it (docker image inspect: Size, bytes, uncompressed layers). */
    @Override
    public Map<String, Object> footprint(RunningService service) {
        String image;
        synchronized (this) {
            image = images.get(service.spec().framework());
        }
        if (image == null) {
            return super.footprint(service);
        }
        Long bytes = client.inspectImageCmd(image).exec().getSize();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "image");
        m.put("image", image);
        m.put("bytes", bytes);
        m.put("how", "docker image inspect: Size (uncompressed, base image layers included)");
        return m;
    }

    @Override
    protected PostgresServer startPostgres() {
        AppImage.ensureBase(client, bases.postgres());
        PostgresContainer pg = PostgresContainer.start(bases.postgres(), logDir, Duration.ofSeconds(120));
        postgres = pg;
        stats.watch("postgres", pg.container().containerId());
        return pg;
    }

    @Override
    protected String redisUrl() {
        if (redis == null) {
            AppImage.ensureBase(client, bases.redis());
            redis = RedisContainer.start(bases.redis(), logDir, Duration.ofSeconds(60));
            stats.watch("redis", redis.container().containerId());
        }
        return redis.url();
    }

    @Override
    protected void prepare(ReferenceApp app, TargetSpec spec) {
        synchronized (this) {
            images.computeIfAbsent(app.framework(), f -> AppImage.ensure(client, app, bases.forKey(app.baseImage())));
        }
    }

    @Override
    protected List<? extends ServicePart> launch(ReferenceApp app, LaunchPlan plan, Target target, String label) {
        ResourceLimits l = target.spec().limits();
        String image;
        synchronized (this) {
            image = images.get(app.framework());
            limits.put(target.name(), l.describe("Docker: --cpuset-cpus " + l.cpuset() + (l.memoryBytes() > 0
                    ? ", --memory " + l.memoryBytes() + " bytes (swap = memory: no swap)" : ", no memory limit")
                    + " on the app container; PostgreSQL and Redis unlimited"));
        }
        Console.info("starting %s in a container on %s (cpuset %s, memory %s, database %s)...", label,
                plan.baseUrl(), l.cpuset(), l.memoryBytes() == 0 ? "unlimited" : (l.memoryBytes() >> 20) + " MiB",
                target.spec().databaseName());
        HostContainer container = new HostContainer(label, image, label, logDir.resolve(label + ".log"), gc -> limited(gc
                .withEnv(plan.environment()), l));
        container.start();
        return List.of(container);
    }

    /** The target's cpuset and memory limit (swap = memory: no swap) on one of its containers. */
    private static void limited(org.testcontainers.containers.GenericContainer<?> gc, ResourceLimits l) {
        gc.withCreateContainerCmdModifier(cmd -> {
            HostConfig hc = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
            hc.withCpusetCpus(l.cpuset());
            if (l.memoryBytes() > 0) {
                hc.withMemory(l.memoryBytes()).withMemorySwap(l.memoryBytes());
            }
            cmd.withHostConfig(hc);
        });
    }

    @Override
    protected String frontPrefix(Target target) {
        return "/tmp"; // inside the front's own container
    }

    @Override
    protected ServicePart launchFront(NginxFront front, Target target) {
        AppImage.ensureBase(client, bases.nginx());
        String label = "nginx-" + target.fileLabel();
        Console.info("starting the nginx front of %s in a container (%s) on %s...", target.name(), bases.nginx(),
                front.baseUrl());
        HostContainer c = new HostContainer("nginx (" + target.name() + ")", bases.nginx(), label,
                logDir.resolve(label + ".log"), gc -> limited(gc
                        .withCopyToContainer(Transferable.of(front.config()), "/etc/fwbench/nginx.conf")
                        .withCommand(NginxFront.command("/etc/fwbench/nginx.conf", "/tmp").toArray(String[]::new)),
                        target.spec().limits()));
        c.start();
        return c;
    }

    @Override
    protected void watch(RunningService service) {
        List<ServicePart> parts = service.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof HostContainer c) {
                // the app's container (the first) is sampled under the target's label, a front or
                // further instances under their own
                String label = i == 0 ? service.target().fileLabel() : c.role();
                synchronized (this) {
                    applied.put(i == 0 ? service.name() : label, c.appliedLimits());
                }
                stats.watch(label, c.containerId());
                Console.info("%s: container %s", c.name(), c.containerId().substring(0, 12));
            }
        }
    }

    /** Per-second samples so far, by container name: for tests and progress. */
    public Map<String, Integer> resourceSampleCounts() {
        return stats.sampleCounts();
    }

    @Override
    protected void closeInfrastructure() {
        stats.close();
        RedisContainer r = redis;
        if (r != null) {
            r.close();
        }
    }

    @Override
    protected void afterClose() {
        try {
            int left = DockerEngine.removeSessionContainers(client);
            if (left > 0) {
                Console.warn("removed %d container(s) of this run that were still there after close", left);
            }
        } catch (RuntimeException e) {
            Console.warn("could not check for leftover containers (%s): './bench clean' removes them", e.getMessage());
        }
    }
}
