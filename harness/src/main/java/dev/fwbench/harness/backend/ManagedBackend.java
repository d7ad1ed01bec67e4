package dev.fwbench.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.AppLaunch;
import dev.fwbench.harness.app.LaunchPlan;
import dev.fwbench.harness.app.NginxFront;
import dev.fwbench.harness.app.ReferenceApp;
import dev.fwbench.harness.app.ReferenceApps;
import dev.fwbench.harness.db.ContractDatabase;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.service.HealthProbe;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.service.ServicePart;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every backend that starts targets does, in one place, so the process and container
 * backends differ only in how a service runs: start PostgreSQL on first need and give each
 * target its own seeded database, pick a loopback port, start Redis where the app's
 * production deployment needs it, let the {@link ReferenceApp} describe the launch, wait for
 * {@code /health}, and on close stop every service newest first, then Redis and PostgreSQL.
 *
 * <p>Shutdown is never held up by a start: {@link #close()} (also run by the JVM's shutdown
 * hook on Ctrl-C or SIGTERM) takes no lock a start holds; it marks the backend closed, which a
 * start checks between its steps and its readiness wait checks every poll, and stops the
 * parts a start has launched but not yet handed over.
 */
public abstract class ManagedBackend implements Backend {
    /** How long a target may take to exit on SIGTERM before it is killed: idle, both apps exit in under 2 s. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    protected final BenchHome home;
    protected final Path logDir;
    protected final Duration startTimeout;
    private final String jwtSecret = RunningService.newJwtSecret();
    private final List<RunningService> services = new ArrayList<>();
    private final List<ServicePart> starting = new ArrayList<>();
    private final Object infrastructure = new Object();
    private volatile boolean closed;
    private volatile PostgresServer postgres;
    private ContractDatabase database;

    protected ManagedBackend(BenchHome home, Path logDir, Duration startTimeout) {
        this.home = home;
        this.logDir = logDir;
        this.startTimeout = startTimeout;
        ShutdownHooks.register(this);
    }

    // ------------------------------------------------------------------ what a backend supplies

    /** Starts this backend's PostgreSQL (embedded, the user's, or a container). */
    protected abstract PostgresServer startPostgres();

    /** Redis for the apps that use it, started on first call; null when this backend cannot run one. */
    protected abstract String redisUrl();

    /** Makes the app runnable (install and build, or its image). */
    protected abstract void prepare(ReferenceApp app, TargetSpec spec);

    /**
     * Starts the app as {@code plan} says and returns its parts (processes or a container) at once.
     *
     * @param label names its log file and container: the target's file label, with an instance number behind a proxy
     */
    protected abstract List<? extends ServicePart> launch(ReferenceApp app, LaunchPlan plan, Target target, String label);

    /** Starts the target's nginx front (the process or container of {@link NginxFront#command}) at once. */
    protected abstract ServicePart launchFront(NginxFront front, Target target);

    /** Begins sampling CPU and memory of a service that just became ready. */
    protected abstract void watch(RunningService service);

    /** Stops what this backend runs beside the targets (samplers, Redis), after the targets. */
    protected abstract void closeInfrastructure();

    /** Last step of {@link #close()}, after PostgreSQL: e.g. a sweep for anything left. */
    protected void afterClose() {
    }

    // ------------------------------------------------------------------ the shared lifecycle

    @Override
    public String jwtSecret() {
        return jwtSecret;
    }

    @Override
    public PostgresServer postgres() {
        synchronized (infrastructure) {
            checkOpen("PostgreSQL");
            if (postgres == null) {
                PostgresServer pg = startPostgres();
                postgres = pg;
                if (closed) { // close() ran while it started and may not have seen it
                    pg.close();
                    checkOpen("PostgreSQL");
                }
                database = new ContractDatabase(pg, home.schemaSql(), home.seedSql());
            }
            return postgres;
        }
    }

    protected boolean isClosed() {
        return closed;
    }

    private void checkOpen(String what) {
        if (closed) {
            throw new BenchException("not starting " + what + ": the harness is shutting down (Ctrl-C or SIGTERM)");
        }
    }

    @Override
    public RunningService start(Target target) {
        if (target.isExternal()) {
            throw new IllegalArgumentException(target.name() + " is external: the " + name() + " backend starts targets");
        }
        checkOpen(target.name());
        long t0 = System.nanoTime();
        TargetSpec asked = target.spec();
        ReferenceApp app = ReferenceApps.of(asked.framework(), home);
        // the framework's own production front when the target asks for its default: recorded as resolved
        TargetSpec spec = ReferenceApps.resolved(asked, home);
        prepare(app, spec);
        checkOpen(target.name());
        postgres();
        String dbName = target.spec().databaseName();
        String databaseUrl;
        synchronized (infrastructure) {
            databaseUrl = database.provision(dbName);
        }
        String redis = null;
        if (app.usesRedis(spec)) {
            synchronized (infrastructure) {
                checkOpen("Redis");
                redis = redisUrl();
            }
            if (redis == null && spec.cache() == ArticleCache.REDIS) {
                throw new BenchException(target.name() + " caches in Redis (cache: redis), and this backend has none: "
                        + "install redis-server (Debian: apt-get install redis-server) or use the containers backend");
            }
            if (redis == null) {
                Console.warn("no Redis for %s: its WebSocket server runs 1 worker (in-memory channel layer); "
                        + "install redis-server for one per core", target.name());
            }
        }
        boolean fronted = spec.proxy() == Proxy.NGINX;
        int port = spec.port() > 0 ? FreePorts.require(spec.port()) : FreePorts.pick();
        List<ServicePart> parts = new ArrayList<>();
        RunningService service;
        long launched = 0;
        try {
            List<LaunchPlan> plans = new ArrayList<>();
            JsonNode health = null;
            for (int i = 1; i <= spec.instances(); i++) {
                // behind a front the app instances listen on ports of their own; each one is up (and has
                // run its migrations) before the next starts, so no two migrate the same database at once
                int appPort = fronted ? FreePorts.pick() : port;
                LaunchPlan plan = app.plan(new AppLaunch(target.name(), spec, appPort, databaseUrl, jwtSecret, redis));
                checkOpen(target.name());
                String label = spec.instances() > 1 ? target.fileLabel() + "-" + i : target.fileLabel();
                if (launched == 0) {
                    launched = System.nanoTime(); // the cold start: installs, images and the database are ready by now
                }
                List<? extends ServicePart> instance = launch(app, plan, target, label);
                track(parts, instance);
                health = HealthProbe.await(fronted ? label : target.name(), plan.baseUrl(), instance, startTimeout,
                        this::isClosed);
                plans.add(plan);
            }
            URI base = plans.get(0).baseUrl();
            URI ws = plans.get(0).wsUrl();
            if (fronted) {
                NginxFront front = NginxFront.render(home.referenceApps().resolve("nginx/front.conf.template"), plans, port,
                        spec.limits().cpus(), frontPrefix(target));
                checkOpen(target.name());
                ServicePart nginx = launchFront(front, target);
                track(parts, List.of(nginx));
                base = front.baseUrl();
                ws = front.wsUrl();
                health = HealthProbe.await(target.name(), base, parts, startTimeout, this::isClosed);
            }
            long healthy = System.nanoTime();
            service = new RunningService(target, spec, base, ws, health, dbName, parts, Duration.ofNanos(healthy - t0),
                    Duration.ofNanos(healthy - launched));
        } catch (RuntimeException e) {
            parts.forEach(p -> p.stop(Duration.ofSeconds(5)));
            throw e;
        } finally {
            synchronized (starting) {
                starting.removeAll(parts);
            }
        }
        synchronized (services) {
            if (closed) {
                service.close();
                checkOpen(target.name());
            }
            services.add(service);
        }
        watch(service);
        Console.info("%s", service.readyLine());
        return service;
    }

    /** Where the front's pid, error log and temp files go, as nginx sees the path. */
    protected abstract String frontPrefix(Target target);

    /** Parts launched but not yet part of a ready service: close() stops them too. */
    private void track(List<ServicePart> parts, List<? extends ServicePart> more) {
        parts.addAll(more);
        synchronized (starting) {
            starting.addAll(more);
        }
    }

    private static Thread startThread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    /** The services started so far, oldest first. */
    protected List<RunningService> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunningService> running = services();
        List<ServicePart> half;
        synchronized (starting) {
            half = List.copyOf(starting);
        }
        PostgresServer pg = postgres; // no lock: a PostgreSQL still starting closes itself when it sees closed
        if (!running.isEmpty() || !half.isEmpty() || pg != null) {
            Console.info("stopping %d target(s)%s...", running.size() + half.size(), pg != null ? " and PostgreSQL" : "");
        }
        // every target at once, so that Ctrl-C ends within seconds however many targets run
        List<Thread> stopping = new ArrayList<>();
        for (ServicePart p : half) {
            stopping.add(startThread("fwbench-stop-" + p.name(), () -> p.stop(STOP_GRACE)));
        }
        for (RunningService r : running) {
            stopping.add(startThread("fwbench-stop-" + r.name(), () -> r.stop(STOP_GRACE)));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeInfrastructure();
        if (pg != null) {
            pg.close();
        }
        afterClose();
        ShutdownHooks.unregister(this);
    }
}
