package dev.fwbench.harness.latency;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The smallest server a stall test needs: "ok" to every request on 127.0.0.1:{@code args[0]}.
 * Run as a child process so that the test can freeze it whole with SIGSTOP.
 */
public final class TinyHttpServer {
    private TinyHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on " + port);
    }
}
