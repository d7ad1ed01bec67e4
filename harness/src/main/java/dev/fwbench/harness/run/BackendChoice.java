package dev.fwbench.harness.run;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.backend.containers.ContainerBackend;
import dev.fwbench.harness.backend.containers.DockerEngine;
import dev.fwbench.harness.backend.external.ExternalBackend;
import dev.fwbench.harness.backend.process.ProcessBackend;
import java.nio.file.Path;

/**
 * Opens the backend a driver asked for. {@code auto} takes containers when a Docker engine
 * answers and the process backend otherwise (or when {@code --db-url} names a PostgreSQL for
 * local processes), and says which it took and why: that choice is part of every result.
 */
public final class BackendChoice {
    private BackendChoice() {
    }

    /** What {@code auto} (or an explicit kind) resolves to, and in words why. */
    public record Decision(String kind, String why) {
    }

    public static Decision decide(BackendSettings settings) {
        String kind = settings.kind();
        switch (kind) {
            case "containers":
                if (settings.dbUrl() != null) {
                    throw new BenchException("--db-url is for the process backend; the containers backend runs its own "
                            + "PostgreSQL: drop --db-url or use --backend process");
                }
                return new Decision(kind, "--backend containers");
            case "auto":
                if (settings.dbUrl() != null) {
                    return new Decision("process", "auto: --db-url names a PostgreSQL for local processes");
                }
                DockerEngine.Probe probe = DockerEngine.probe();
                return new Decision(probe.available() ? "containers" : "process", "auto: " + probe.detail());
            default:
                return new Decision(kind, "--backend " + kind);
        }
    }

    /**
     * Opens the backend that starts targets (containers or process).
     *
     * @param runRoot the run directory: logs go to {@code logs/}, resource samples to {@code resources/}
     */
    public static Backend openManaged(BackendSettings settings, BenchHome home, Path runRoot) {
        Decision d = decide(settings);
        if (d.kind().equals("external")) {
            throw new BenchException("--backend external starts nothing: name the services instead "
                    + "(-Dbase.url=http://127.0.0.1:PORT, or -Dtarget.NAME.url=... per target)");
        }
        Console.info("backend: %s (%s)", d.kind(), d.why());
        Path logs = runRoot.resolve("logs");
        Path resources = runRoot.resolve("resources");
        return d.kind().equals("containers")
                ? new ContainerBackend(home, logs, resources, settings.startTimeout(), settings.images())
                : new ProcessBackend(home, settings.dbUrl(), logs, settings.startTimeout(), resources);
    }

    public static Backend openExternal(BackendSettings settings) {
        return new ExternalBackend(settings.allowRemote(), settings.startTimeout());
    }
}
