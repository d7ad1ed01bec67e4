package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One load on one server, HTTP ({@link TargetLoad}) or WebSocket echo ({@link EchoLoad}), as
 * the driver and the client floor use it: start it, watch its counters, read what it did.
 */
interface Injection {
    /** {@link #start(long)}'s origin meaning "as soon as the connections are open". */
    long NOW = Long.MIN_VALUE;

    /** Starts the schedule now; completes once every answer is in (or counted as failed). */
    default CompletableFuture<Void> start() {
        return start(NOW);
    }

    /**
     * Starts the schedule with its arrival 0 (or its users) due at {@code originNanos}
     * ({@link System#nanoTime()}; ahead of now for shards waiting for their shared start
     * instant), or at once with {@link #NOW}; completes once every answer is in (or failed).
     */
    CompletableFuture<Void> start(long originNanos);

    /** System.nanoTime of the schedule's start, 0 before. */
    long originNanos();

    /** Measured requests (frames) answered so far, and how many of them failed. */
    long completed();

    long failed();

    /** How the engine ran, for the summary. */
    Map<String, Object> facts();

    /**
     * The load of {@code names} (the catalogue's: fixed HTTP requests, or "echo" alone) on the
     * server at {@code baseUrl} / {@code wsUrl}, recorded into {@code capture} (null: nowhere).
     */
    static Injection of(InjectorLoop injector, List<String> names, URI baseUrl, URI wsUrl, String token, LoadShape load,
                        int connections, int wsConnections, LatencyCapture capture, ScheduleLag lag, long drainNanos) {
        return of(injector, names, baseUrl, wsUrl, token, load, Shard.WHOLE, connections, wsConnections, capture, lag,
                drainNanos);
    }

    /**
     * As above, for one shard of the plan's load: its arrivals of {@code load} (the plan's shape),
     * its part of the users and of both connection bounds ({@code connections}, {@code wsConnections}
     * are the plan's, split as users are).
     */
    static Injection of(InjectorLoop injector, List<String> names, URI baseUrl, URI wsUrl, String token, LoadShape load,
                        Shard shard, int connections, int wsConnections, LatencyCapture capture, ScheduleLag lag,
                        long drainNanos) {
        LoadShape part = shard.part(load);
        if (RequestCatalogue.isWebSocket(names)) {
            LatencyRecorder r = capture == null ? null : capture.singleWriterRecorder(RequestCatalogue.ECHO);
            return new EchoLoad(injector, URI.create(wsUrl.toString().replaceAll("/$", "") + "/ws/echo"),
                    shard.users(wsConnections), part, shard, r, lag, drainNanos);
        }
        List<RequestShape> shapes = RequestCatalogue.shapes(names, baseUrl, token);
        // one writer: everything is recorded on the injector's one event loop thread
        LatencyRecorder[] recorders = shapes.stream()
                .map(s -> capture == null ? null : capture.singleWriterRecorder(s.name())).toArray(LatencyRecorder[]::new);
        return new TargetLoad(injector, new InetSocketAddress(baseUrl.getHost(), RequestCatalogue.port(baseUrl)),
                shard.users(connections), shapes, part, shard, recorders, lag, drainNanos);
    }

    /** Facts every injection shares. */
    static Map<String, Object> facts(InjectorLoop injector) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "lean (" + injector.transport() + ", one event loop thread)");
        return m;
    }
}
