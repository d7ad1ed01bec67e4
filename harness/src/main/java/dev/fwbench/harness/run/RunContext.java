package dev.fwbench.harness.run;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.latency.CpuBudget;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.NanoClock;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.results.RunDirectory;
import dev.fwbench.harness.service.ApiLogin;
import dev.fwbench.harness.service.LoopbackGuard;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of one driver (a Gatling simulation, a JMH fork, a trial of the suite runner), and
 * everything it holds, in the order it was acquired, so that {@link #close()} releases it
 * newest first: latency captures, then services, then backends (and with them PostgreSQL
 * and Redis).
 *
 * <p>It reads nothing itself: the driver hands it a {@link DriverConfig} read once (every
 * setting, its source and its default go into {@code run.json} as "settings"), and it
 * resolves the targets from it ({@link TargetResolver}), opens the backend they need on
 * first use ({@link BackendChoice}: containers, process, or external for URLs), logs in
 * for the write requests ({@link ApiLogin}) and records each target's {@code /health} and
 * the backend's configuration in {@code run.json}.
 */
public final class RunContext implements AutoCloseable {
    private final BenchHome home;
    private final RunDirectory run;
    private final DriverConfig config;
    private final BackendSettings backendSettings;
    private final List<Target> targets;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private Backend managed;
    private Backend external;
    private boolean closed;

    private RunContext(BenchHome home, RunDirectory run, DriverConfig config, BackendSettings backendSettings,
                       List<Target> targets) {
        this.home = home;
        this.run = run;
        this.config = config;
        this.backendSettings = backendSettings;
        this.targets = targets;
        if (config != null) {
            run.put("settings", config.toJson());
        }
        ShutdownHooks.register(this);
    }

    /**
     * Resolves the targets (failing on bad settings before anything is created), then creates
     * a run directory {@code <runs>/<UTC>-<shortName>/} with {@code parameters}.
     *
     * @param defaultTarget what an unset {@code -Dtarget} means ("both")
     */
    public static RunContext open(String shortName, DriverConfig config, String defaultTarget, Map<String, ?> parameters) {
        BenchHome home = BenchHome.locate();
        BackendSettings backend = TargetResolver.backendSettings(config);
        List<Target> targets = TargetResolver.resolve(config, defaultTarget);
        String exact = config.get(RunSettings.RUN_DIR);
        String runs = config.get(RunSettings.RUNS_DIR);
        RunDirectory run;
        if (exact != null) {
            Path dir = Path.of(exact).toAbsolutePath();
            run = java.nio.file.Files.isRegularFile(dir.resolve("run.json")) ? RunDirectory.attach(dir)
                    : RunDirectory.createAt(dir, home.root(), parameters);
        } else {
            run = runs == null ? RunDirectory.create(home, shortName, parameters)
                    : RunDirectory.create(Path.of(runs), home.root(), shortName, parameters);
        }
        return new RunContext(home, run, config, backend, targets);
    }

    /**
     * For a command whose options are not driver settings ({@code bench serve}): the targets and
     * backend as the command decided them; {@code parameters} records the options.
     */
    public static RunContext open(String shortName, BackendSettings backend, List<Target> targets,
                                  Map<String, ?> parameters) {
        BenchHome home = BenchHome.locate();
        return new RunContext(home, RunDirectory.create(home, shortName, parameters), null, backend, targets);
    }

    public RunDirectory run() {
        return run;
    }

    public DriverConfig config() {
        return config;
    }

    public BenchHome home() {
        return home;
    }

    /** The targets the settings name, in order. */
    public List<Target> targets() {
        return targets;
    }

    /** The target called {@code name} (JMH's {@code @Param target}), or a clear error. */
    public Target target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new BenchException(
                "no target '" + name + "' in this run (targets: " + String.join(", ", targets.stream().map(Target::name)
                        .toList()) + ")"));
    }

    /**
     * Brings a target up through its backend (or checks an external one answers), records its
     * {@code /health} and the backend's configuration in run.json, and logs in when asked.
     */
    public ActiveTarget start(Target target, boolean login) {
        Backend backend = backendFor(target);
        RunningService service = backend.start(target);
        synchronized (this) {
            if (!target.isExternal()) {
                open.push(service);
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        // seconds to the millisecond: from the backend's start call (with any install, image, database),
        // and from the app's launch to its first healthy /health (the cold start)
        facts.put("startSeconds", service.startTime().toMillis() / 1000.0);
        if (!target.isExternal()) {
            facts.put("launchToHealthySeconds", service.launchToHealthy().toMillis() / 1000.0);
        }
        run.addTarget(target.name(), backend.name(), service.baseUrl().toString(), service.health(), facts);
        run.put("configuration", backend.configuration());
        String token = login ? ApiLogin.token(service.baseUrl()) : null;
        return new ActiveTarget(target, service, token);
    }

    private synchronized Backend backendFor(Target target) {
        if (closed) {
            throw new BenchException("not starting " + target.name() + ": the run is closing (Ctrl-C or SIGTERM)");
        }
        if (target.isExternal()) {
            if (external == null) {
                external = BackendChoice.openExternal(backendSettings);
                open.push(external);
            }
            return external;
        }
        if (managed == null) {
            managed = BackendChoice.openManaged(backendSettings, home, run.root());
            open.push(managed);
        }
        return managed;
    }

    /** What the target's code weighs where it runs: its image (containers) or why there is no such figure ({@link Backend#footprint}). */
    public Map<String, Object> footprint(ActiveTarget target) {
        return backendFor(target.target()).footprint(target.service());
    }

    /** The backend that starts targets, once one has started (tests read its PostgreSQL and JWT key). */
    public synchronized Backend managedBackend() {
        return managed;
    }

    /**
     * A latency capture of one target under one scenario ({@code hdr/<scenario>/<target>/}),
     * closed with the context (writing its summaries) unless the driver closes it first.
     */
    public LatencyCapture capture(ActiveTarget target, String scenario, String correction, InjectorCpu cpu) {
        return capture(target.name(), scenario, correction, cpu);
    }

    /** As above, for a name that is not a target's (the client floor: {@code hdr/<scenario>/client-floor/}). */
    public LatencyCapture capture(String name, String scenario, String correction, InjectorCpu cpu) {
        return capture(run.hdr().resolve(scenario).resolve(name), name, scenario, correction, cpu);
    }

    /** As above, into a folder of the driver's choosing (a capacity search's steps: {@code hdr/<scenario>/<target>/steps/NN-level/}). */
    public LatencyCapture capture(Path dir, String name, String scenario, String correction, InjectorCpu cpu) {
        LatencyCapture c = new LatencyCapture(dir, name, scenario, correction, NanoClock.SYSTEM, cpu);
        synchronized (this) {
            open.push(c);
        }
        return c;
    }

    /**
     * The injector-CPU sampler for loading {@code target}: budget = this JVM's cores
     * ({@code -Dinjector.cpu.budget} overrides), shared unless the target is on another host
     * (here the app, its database and its front all run on this host's cores, and only the app
     * is pinned: whatever else runs on the injector's cores is counted against it).
     */
    public InjectorCpu injectorCpu(Target target) {
        Double given = config.get(InjectorSettings.CPU_BUDGET);
        boolean remote = target.isExternal() && !LoopbackGuard.isLoopback(target.url().getHost());
        CpuBudget budget = given != null ? CpuBudget.given(given) : CpuBudget.detect(remote ? List.of() : null);
        return new InjectorCpu(budget, config.get(InjectorSettings.CPU_THRESHOLD));
    }

    /**
     * The end of a load: closes each target's capture (writing its summaries), prints them,
     * and records in run.json what was counted and whether the injector was saturated.
     *
     * @return whether any target's injector CPU was saturated
     */
    public boolean finishLoad(List<? extends LoadProgress.Tracked> tracked) {
        boolean saturated = false;
        Map<String, Object> measured = new LinkedHashMap<>();
        for (LoadProgress.Tracked t : tracked) {
            LatencyCapture c = t.capture();
            c.close();
            saturated |= c.summary().injectorSaturated();
            System.err.println();
            System.err.print(c.summary().toText());
            measured.put(t.name(), Map.of("completed", t.completed(), "failed", t.failed()));
        }
        finish(saturated ? "completed, injector saturated" : "completed",
                Map.of("measuredRequests", measured, "injectorSaturated", saturated));
        if (saturated) {
            Console.warn("the injector was CPU-saturated: latencies include its own queueing (see summary.txt)");
        }
        return saturated;
    }

    /** Records the end of the run; call before {@link #close()} with the driver's outcome. */
    public void finish(String outcome, Map<String, ?> facts) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.forEach(run::put);
        if (config != null) {
            run.put("settings", config.toJson()); // settings read lazily since open are in it too
        }
        run.put("finishedAt", Instant.now().toString());
        run.put("outcome", outcome);
    }

    /** Closes everything this run opened, newest first. Idempotent; run by the shutdown hook on Ctrl-C. */
    @Override
    public void close() {
        Deque<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayDeque<>(open);
            open.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                Console.warn("closing %s failed: %s", c.getClass().getSimpleName(), e.getMessage());
            }
        }
        ShutdownHooks.unregister(this);
    }
}
