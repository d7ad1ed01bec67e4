package dev.fwbench.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A target that answers: where to send load, what it reported about itself, and the
 * processes or containers behind it (for resource sampling and for stopping).
 */
public final class RunningService implements AutoCloseable {
    private final Target target;
    private final TargetSpec spec;
    private final URI baseUrl;
    private final URI wsUrl;
    private final JsonNode health;
    private final String databaseName;
    private final List<ServicePart> parts;
    private final Duration startTime;
    private final Duration launchToHealthy;
    private volatile boolean closed;

    /**
     * @param target       the target as the driver named it
     * @param spec         what runs: as asked, or (external targets) as its {@code /health} reports it
     * @param databaseName its database on the backend's PostgreSQL, null when external
     */
    public RunningService(Target target, TargetSpec spec, URI baseUrl, URI wsUrl, JsonNode health, String databaseName,
                          List<? extends ServicePart> parts, Duration startTime) {
        this(target, spec, baseUrl, wsUrl, health, databaseName, parts, startTime, startTime);
    }

    /**
     * @param launchToHealthy from the launch of its first process or container to its first healthy
     *                        {@code /health} (no install, image build or database start): its cold start
     */
    public RunningService(Target target, TargetSpec spec, URI baseUrl, URI wsUrl, JsonNode health, String databaseName,
                          List<? extends ServicePart> parts, Duration startTime, Duration launchToHealthy) {
        this.target = target;
        this.spec = spec;
        this.baseUrl = baseUrl;
        this.wsUrl = wsUrl;
        this.health = health;
        this.databaseName = databaseName;
        this.parts = List.copyOf(parts);
        this.startTime = startTime;
        this.launchToHealthy = launchToHealthy;
    }

    /** The target's name ({@code nestjs}, or a plan's own). */
    public String name() {
        return target.name();
    }

    public Target target() {
        return target;
    }

    public TargetSpec spec() {
        return spec;
    }

    /** e.g. {@code http://127.0.0.1:41234}, no trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** e.g. {@code ws://127.0.0.1:41234}; endpoints are {@code /ws/echo} and {@code /ws/broadcast} below it. */
    public URI wsUrl() {
        return wsUrl;
    }

    public URI url(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    public URI ws(String path) {
        return URI.create(wsUrl + path);
    }

    /** The {@code /health} object as the target reported it at start (framework versions, workers...). */
    public JsonNode health() {
        return health;
    }

    public String databaseName() {
        return databaseName;
    }

    /** Time from the backend's start call to the first healthy answer (includes any install). */
    public Duration startTime() {
        return startTime;
    }

    /**
     * From the launch of the app's first process or container to its first healthy answer
     * (behind a front: the front's): the cold start, without install, image build or database.
     */
    public Duration launchToHealthy() {
        return launchToHealthy;
    }

    public List<Path> logFiles() {
        return parts.stream().map(ServicePart::logFile).toList();
    }

    /** Every host PID of the service's process trees (containers included), for leak checks. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        parts.forEach(p -> pids.addAll(p.pids()));
        return pids;
    }

    /** Ids of the containers behind the service; empty for the process backend. */
    public List<String> containerIds() {
        return parts.stream().map(ServicePart::containerId).filter(java.util.Objects::nonNull).toList();
    }

    public List<ServicePart> parts() {
        return parts;
    }

    /** "nestjs:express ready in 2.1 s: http://... (nestjs 11.2.10 on node 20.20.2, 2 workers)": the progress line of a start. */
    public String readyLine() {
        String label = name().equals(spec.framework().id()) ? spec.name() : name() + " (" + spec.name() + ")";
        return String.format("%s ready in %s: %s (%s %s on %s %s, %s workers)", label,
                dev.fwbench.harness.Console.human(startTime), baseUrl, health.path("framework").asText("?"),
                health.path("frameworkVersion").asText("?"), health.path("runtime").asText("?"),
                health.path("runtimeVersion").asText("?"), health.path("workers").asText("?"));
    }

    /** A random 256-bit JWT signing key, hex: each backend hands its own to the apps it starts. */
    public static String newJwtSecret() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Stops every part, the last started first, each given {@code grace} to exit before it is killed. */
    public synchronized void stop(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).stop(grace);
        }
    }
}
