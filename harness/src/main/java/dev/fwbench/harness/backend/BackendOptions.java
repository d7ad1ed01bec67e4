package dev.fwbench.harness.backend;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.containers.DockerEngine;
import dev.fwbench.harness.containers.ImageBases;
import dev.fwbench.harness.targets.ResourceLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a driver wants its targets brought up: the same choices for {@code ./bench serve}
 * (options), Gatling and JMH (system properties).
 *
 * @param kind   auto, containers, process or external
 * @param dbUrl  the user's PostgreSQL for the process backend, or null
 * @param limits CPU and memory per target
 * @param images base images of the containers backend
 */
public record BackendOptions(String kind, String dbUrl, ResourceLimits limits, ImageBases images, Duration startTimeout) {
    public static final List<String> KINDS = List.of("auto", "containers", "process", "external");

    public BackendOptions {
        kind = kind == null ? "auto" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BenchException("unknown backend '" + kind + "': use auto, containers, process or external");
        }
    }

    /**
     * From {@code -Dbackend= -Ddb.url= -Dserver.cpus= -Dserver.memory= -Dimage.node=
     * -Dimage.python= -Dimage.postgres= -Dimage.redis=} and the FWBENCH_*_IMAGE variables.
     */
    public static BackendOptions fromSystemProperties(Duration startTimeout) {
        String cpus = System.getProperty("server.cpus");
        Integer n = null;
        if (cpus != null && !cpus.isBlank()) {
            try {
                n = Integer.parseInt(cpus.trim());
            } catch (NumberFormatException e) {
                throw new BenchException("-Dserver.cpus must be a whole number of cores, got '" + cpus + "'");
            }
        }
        ImageBases images = ImageBases.fromEnvironment(System.getenv());
        for (String key : new String[] {"node", "python", "postgres", "redis"}) {
            String v = System.getProperty("image." + key);
            if (v != null && !v.isBlank()) {
                images = images.override(key + "=" + v);
            }
        }
        return new BackendOptions(System.getProperty("backend"), System.getProperty("db.url"),
                ResourceLimits.of(n, System.getProperty("server.memory")), images, startTimeout);
    }

    /**
     * Opens the backend chosen; {@code auto} takes containers when a Docker engine answers
     * and the process backend otherwise, and says which and why.
     *
     * @param runRoot the run directory: logs go to {@code logs/}, container samples to {@code resources/}
     */
    public Backend open(BenchHome home, Path runRoot) {
        String chosen = kind;
        String why = "--backend " + kind;
        switch (kind) {
            case "containers":
                if (dbUrl != null) {
                    throw new BenchException("--db-url is for the process backend; the containers backend runs its own "
                            + "PostgreSQL: drop --db-url or use --backend process");
                }
                break;
            case "external":
                throw new BenchException("--backend external starts nothing: point the drivers at your services "
                        + "instead (Gatling and JMH: -Dbase.url=http://host:port, -Dws.url=ws://host:port)");
            case "auto":
                if (dbUrl != null) {
                    chosen = "process";
                    why = "auto: --db-url names a PostgreSQL for local processes";
                } else {
                    DockerEngine.Probe probe = DockerEngine.probe();
                    chosen = probe.available() ? "containers" : "process";
                    why = "auto: " + probe.detail();
                }
                break;
            default: // process
        }
        Console.info("backend: %s (%s)", chosen, why);
        Path logs = runRoot.resolve("logs");
        Path resources = runRoot.resolve("resources");
        return chosen.equals("containers")
                ? new ContainerBackend(home, logs, resources, startTimeout, limits, images)
                : new ProcessBackend(home, dbUrl, logs, startTimeout, limits, resources);
    }
}
