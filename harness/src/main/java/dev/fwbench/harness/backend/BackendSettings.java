package dev.fwbench.harness.backend;

import dev.fwbench.harness.BenchException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a driver wants its targets brought up, the same choices for {@code ./bench serve}
 * (options), Gatling and JMH (system properties) and plans: which backend, the user's
 * PostgreSQL, the base images, how long a start may take, whether a non-loopback URL may
 * be driven. The CPU and memory limits belong to each target ({@code TargetSpec}).
 *
 * @param kind        auto, containers, process or external
 * @param dbUrl       the user's PostgreSQL for the process backend, or null
 * @param images      base images of the containers backend
 * @param allowRemote whether an external target may be off this machine (load leaves loopback)
 */
public record BackendSettings(String kind, String dbUrl, ImageBases images, Duration startTimeout, boolean allowRemote) {
    public static final List<String> KINDS = List.of("auto", "containers", "process", "external");

    public BackendSettings {
        kind = kind == null ? "auto" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BenchException("unknown backend '" + kind + "': use auto, containers, process or external");
        }
        if (images == null) {
            images = ImageBases.fromEnvironment(System.getenv());
        }
        if (startTimeout == null) {
            startTimeout = Duration.ofSeconds(180);
        }
    }

    public static BackendSettings defaults() {
        return new BackendSettings("auto", null, null, null, false);
    }
}
