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
        // the JDK server writes a response's headers and body in two writes: without TCP_NODELAY,
        // Nagle's algorithm holds the body until the client ACKs the headers, and a client in
        // delayed-ACK mode answers 40 ms later (seen: lean-engine p50s of 44 ms against a 2 ms
        // handler). Read once, when the JDK's server configuration is first loaded
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

    /** 200 with a JSON body. */
    public static void answer(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
