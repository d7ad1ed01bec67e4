package dev.fwbench.harness.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback (the JDK's) for tests of what drives a service: it answers
 * the contract's {@code /health} and login like a target would, so that the external backend,
 * the run context and the suite runner can be exercised without an app behind them.
 */
public final class LoopbackHttp {
    static {
        // The JDK server writes a response's headers and body separately: without TCP_NODELAY,
        // Nagle's algorithm and the client's delayed ACK hold the body ~40 ms (seen here: a /json
        // answering at once measured 43 ms at p50 by the lean engine, 1.5 ms with it). Read once,
        // when the JVM's first HttpServer starts: servers made here come first in the tests' JVMs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttp() {
    }

    /** A server answering {@code /health} with {@code health} and {@code /api/auth/token} with a token. */
    public static HttpServer contractServer(String health) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newFixedThreadPool(8));
        s.createContext("/health", x -> answer(x, health));
        s.createContext("/api/auth/token", x -> answer(x, "{\"access\":\"a.b.c\"}"));
        return s;
    }

    /**
     * A started contract server whose {@code /json} answers {@code delayMs} late: a target of
     * known speed (0 ms: as fast as loopback; 3 ms: a few milliseconds slower at every percentile).
     */
    public static HttpServer jsonServer(int delayMs) throws IOException {
        HttpServer s = contractServer("{\"status\":\"ok\",\"framework\":\"nestjs\",\"server\":\"express\"}");
        s.createContext("/json", x -> {
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(x, "{\"message\":\"Hello, World!\"}");
        });
        s.start();
        return s;
    }

    /** 200 with a JSON body. */
    public static void answer(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
