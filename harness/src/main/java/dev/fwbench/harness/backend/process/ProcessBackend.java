package dev.fwbench.harness.backend.process;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.LaunchPlan;
import dev.fwbench.harness.app.NginxFront;
import dev.fwbench.harness.app.Toolchain;
import dev.fwbench.harness.app.ReferenceApp;
import dev.fwbench.harness.backend.ManagedBackend;
import dev.fwbench.harness.db.EmbeddedPostgresServer;
import dev.fwbench.harness.db.ExternalPostgresServer;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.redis.RedisServer;
import dev.fwbench.harness.service.ProcessPart;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.service.ServicePart;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets as local child processes, the default where no Docker engine answers: each app's
 * own launch command ({@link ReferenceApp#command()}, what its image runs too) from its
 * folder, after its dependencies are installed; PostgreSQL embedded (or the user's,
 * {@code --db-url}); Redis from {@code redis-server} on PATH where an app uses it. A target
 * whose CPU count the user chose is pinned with {@code taskset} to the same cores a
 * container's cpuset would get. CPU and resident memory of each service's process tree are
 * sampled each second from {@code /proc} into {@code resources/}. Every process is stopped
 * on {@link #close()}, and by the JVM's shutdown hook on Ctrl-C or exit.
 */
public final class ProcessBackend extends ManagedBackend {
    private final String dbUrl;
    private final ProcessStats stats;
    private final Map<String, Object> limits = new LinkedHashMap<>();
    private volatile PostgresServer postgres;
    private volatile RedisServer redis;
    private boolean redisChecked;

    /**
     * @param dbUrl        an existing PostgreSQL server, or null for an embedded one
     * @param logDir       where app logs and install output go
     * @param resourcesDir where per-second CPU/memory samples of every service go, or null for none
     */
    public ProcessBackend(BenchHome home, String dbUrl, Path logDir, Duration startTimeout, Path resourcesDir) {
        super(home, logDir, startTimeout);
        this.dbUrl = dbUrl;
        this.stats = resourcesDir == null ? null : new ProcessStats(resourcesDir);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public synchronized Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", name());
        m.put("limits", new LinkedHashMap<>(limits));
        PostgresServer pg = postgres;
        if (pg != null) {
            m.put("postgres", pg.describe());
            m.put("postgresPid", pg.pid());
        }
        return m;
    }

    /**
     * No image: the app runs from its checkout, with an install that holds its build tools
     * (TypeScript, pip) beside what it serves, so its size would not compare with an image's.
     */
    @Override
    public Map<String, Object> footprint(RunningService service) {
        return Map.of("kind", "n/a", "why", "the process backend runs the app from its checkout (an install with its "
                + "build tools, not an image): image sizes come from the containers backend");
    }

    /** Per-second samples so far, by service name (empty without a resources folder). */
    public Map<String, Integer> resourceSampleCounts() {
        return stats == null ? Map.of() : stats.sampleCounts();
    }

    @Override
    protected PostgresServer startPostgres() {
        PostgresServer pg = dbUrl == null ? EmbeddedPostgresServer.start() : ExternalPostgresServer.parse(dbUrl);
        postgres = pg;
        long pid = pg.pid();
        if (stats != null && pid > 0) {
            stats.watch("postgres", () -> ProcessStats.tree(pid));
        }
        return pg;
    }

    @Override
    protected String redisUrl() {
        if (!redisChecked) {
            redisChecked = true;
            if (RedisServer.available()) {
                RedisServer r = RedisServer.start(logDir);
                redis = r;
                if (stats != null) {
                    long pid = r.pid();
                    stats.watch("redis", () -> ProcessStats.tree(pid));
                }
            }
        }
        return redis == null ? null : redis.url();
    }

    @Override
    protected void prepare(ReferenceApp app, TargetSpec spec) {
        app.prepare(spec, logDir);
    }

    @Override
    protected List<? extends ServicePart> launch(ReferenceApp app, LaunchPlan plan, Target target, String label) {
        ResourceLimits l = target.spec().limits();
        // pinned only to a CPU count the user chose; else the app keeps every core of the host
        synchronized (this) {
            limits.put(target.name(), l.describe(l.explicit() ? "taskset -c " + l.cpuset()
                    + " (memory is not enforced by the process backend)" : "none: every core of the host, memory not limited"));
        }
        Map<String, String> env = new HashMap<>(plan.environment());
        env.putAll(app.processEnvironment(target.spec()));
        Console.info("starting %s on %s (database %s)...", label, plan.baseUrl(), target.spec().databaseName());
        ChildProcess p = ChildProcess.start(label, pinned(l, app.command()), app.dir(), env, logDir.resolve(label + ".log"));
        return List.of(new ProcessPart(p));
    }

    /**
     * {@code command} pinned to the target's cores when the user chose a count: the same cores
     * as a container's cpuset, inherited by every worker the app forks and seen by the apps'
     * own core counting (Node's availableParallelism, Python's sched_getaffinity).
     */
    private static List<String> pinned(ResourceLimits l, List<String> command) {
        List<String> c = new ArrayList<>();
        if (l.explicit()) {
            c.addAll(List.of("taskset", "-c", l.cpuset()));
        }
        c.addAll(command);
        return c;
    }

    @Override
    protected String frontPrefix(Target target) {
        return logDir.resolve("nginx-" + target.fileLabel()).toAbsolutePath().toString();
    }

    @Override
    protected ServicePart launchFront(NginxFront front, Target target) {
        Toolchain.require("nginx", "-v", new int[] {1, 18}, "install nginx (Debian: apt-get install nginx-light)");
        String prefix = frontPrefix(target);
        Path conf = front.write(Path.of(prefix));
        Console.info("starting the nginx front of %s on %s...", target.name(), front.baseUrl());
        ChildProcess p = ChildProcess.start("nginx (" + target.name() + ")",
                pinned(target.spec().limits(), NginxFront.command(conf.toString(), prefix)), Path.of(prefix), Map.of(),
                logDir.resolve("nginx-" + target.fileLabel() + ".log"));
        return new ProcessPart(p);
    }

    @Override
    protected void watch(RunningService service) {
        if (stats != null) {
            stats.watch(service.target().fileLabel(), service::pids);
        }
    }

    @Override
    protected void closeInfrastructure() {
        if (stats != null) {
            stats.close();
        }
        RedisServer r = redis;
        if (r != null) {
            r.close();
        }
    }
}
