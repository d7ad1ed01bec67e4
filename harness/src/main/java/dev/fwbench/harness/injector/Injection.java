package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
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
    /** Starts the schedule; completes once every answer is in (or counted as failed). */
    CompletableFuture<Void> start();

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
        if (RequestCatalogue.isWebSocket(names)) {
            LatencyRecorder r = capture == null ? null : capture.recorder(RequestCatalogue.ECHO);
            return new EchoLoad(injector, URI.create(wsUrl.toString().replaceAll("/$", "") + "/ws/echo"), wsConnections,
                    load, r, lag, drainNanos);
        }
        List<RequestShape> shapes = RequestCatalogue.shapes(names, baseUrl, token);
        LatencyRecorder[] recorders = shapes.stream().map(s -> capture == null ? null : capture.recorder(s.name()))
                .toArray(LatencyRecorder[]::new);
        return new TargetLoad(injector, new InetSocketAddress(baseUrl.getHost(), RequestCatalogue.port(baseUrl)),
                connections, shapes, load, recorders, lag, drainNanos);
    }

    /** Facts every injection shares. */
    static Map<String, Object> facts(InjectorLoop injector) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "lean (" + injector.transport() + ", one event loop thread)");
        return m;
    }
}
