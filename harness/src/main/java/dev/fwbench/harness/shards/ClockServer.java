package dev.fwbench.harness.shards;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;

/**
 * The shards' reference clock ({@code bench clock}): {@code GET /time} answers this host's
 * UTC time in nanoseconds since the epoch, as decimal text, read while the request is handled;
 * {@code GET /health} answers that it is a clock. Every shard measures its own offset to it
 * ({@link ClockCheck}) before its start instant, so all shards are judged against one clock
 * they can all reach, whatever their nodes' own synchronisation.
 *
 * <p>The JDK's HTTP server, not Netty as the baseline server: a clock answers a few requests
 * per shard, its time is read in the handler, and its answer's latency only widens the error
 * bound each shard records (half the round trip), which a faster server would not change
 * materially.
 */
public final class ClockServer implements AutoCloseable {
    static {
        // the JDK's server writes an answer's headers and body in two writes: without TCP_NODELAY,
        // Nagle holds the body until the client ACKs the headers, and a delayed ACK makes that 40 ms
        // (seen: round trips of 42 ms over a veth pair, an error bound of 21 ms). Read once, when
        // the JDK's server configuration is first loaded
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;

    /** Listens on {@code bind} ({@code 0.0.0.0:7070} in a cluster, a namespace's address in tests; port 0: any). */
    public ClockServer(InetSocketAddress bind) {
        try {
            server = HttpServer.create(bind, 64);
        } catch (IOException e) {
            throw new BenchException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fwbench-clock");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/time", x -> {
            Instant now = Instant.now();
            answer(x, Long.toString(now.getEpochSecond() * 1_000_000_000L + now.getNano()), "text/plain");
        });
        server.createContext("/health", x -> answer(x, "{\"status\":\"ok\",\"framework\":\"clock\"}", "application/json"));
        server.start();
    }

    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort());
    }

    private static void answer(HttpExchange x, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        x.getResponseHeaders().add("Content-Type", type);
        x.getResponseHeaders().add("Cache-Control", "no-store");
        x.sendResponseHeaders(200, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
