package dev.fwbench.benchmarks.baseline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A trivial in-JVM server answering the contract's routes with fixed bodies of the same
 * shape and about the same size as the real apps' answers. It does no work per request,
 * so a benchmark against it measures what the client, the loopback stack and JMH cost:
 * subtract it mentally from every framework number.
 */
public final class BaselineHttpServer implements AutoCloseable {
    private static final String ROW = "{\"id\":4174,\"randomNumber\":331}";
    private static final String ARTICLE = "{\"id\":1,\"title\":\"Article 1\",\"body\":\"" + "b".repeat(300)
            + "\",\"author\":{\"id\":1,\"name\":\"Author 1\"},\"created_at\":\"2024-01-01T00:01:00Z\"}";
    private static final Map<String, String[]> ROUTES = Map.of(
            "/json", new String[] {"application/json", "{\"message\":\"Hello, World!\"}"},
            "/plaintext", new String[] {"text/plain", "Hello, World!"},
            "/db", new String[] {"application/json", ROW},
            "/queries", new String[] {"application/json", "[" + String.join(",", java.util.Collections.nCopies(20, ROW)) + "]"},
            "/fortunes", new String[] {"text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                    + "<tr><th>id</th><th>message</th></tr>" + "<tr><td>1</td><td>fortune: No such file or directory</td></tr>".repeat(13)
                    + "</table></body></html>"},
            "/api/articles", new String[] {"application/json", "{\"count\":10000,\"results\":["
                    + String.join(",", java.util.Collections.nCopies(20, ARTICLE)) + "]}"},
            "/api/me", new String[] {"application/json", "{\"id\":1,\"username\":\"bench\"}"},
            "/api/auth/token", new String[] {"application/json", "{\"access\":\"baseline.token.value\"}"},
            "/health", new String[] {"application/json", "{\"status\":\"ok\",\"framework\":\"baseline\",\"frameworkVersion\":\"0\","
                    + "\"runtime\":\"java\",\"runtimeVersion\":\"" + Runtime.version().feature() + "\",\"server\":\"jdk-httpserver\","
                    + "\"workers\":1,\"threads\":2}"});

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    public BaselineHttpServer() throws IOException {
        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle's
        // algorithm meets the client's delayed ACK and every response waits ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String[] route = ROUTES.get(exchange.getRequestURI().getPath());
            int status = route == null ? 404 : 200;
            byte[] body = (route == null ? "{\"error\":\"Not Found\"}" : route[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", route == null ? "application/json" : route[0]);
            exchange.getResponseHeaders().set("Server", "baseline");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
