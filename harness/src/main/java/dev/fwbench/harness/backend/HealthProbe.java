package dev.fwbench.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Waits until a target's {@code /health} answers 200 with a JSON object, polling every
 * 250 ms. Fails fast, with the log tail, when a process or container of the target exits meanwhile.
 */
public final class HealthProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 explicitly: the JDK client's default h2c upgrade offer is not what load
    // generators send, and Node's servers hand any Upgrade request to the WebSocket layer
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private HealthProbe() {
    }

    public static JsonNode await(String name, URI baseUrl, List<? extends ServicePart> parts, Duration timeout) {
        URI health = URI.create(baseUrl + "/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            for (ServicePart p : parts) {
                String exit = p.exitReport();
                if (exit != null) {
                    throw new BenchException(name + " stopped before it was ready: " + exit);
                }
            }
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for " + name);
            }
            sleep(250);
        }
        StringBuilder tails = new StringBuilder();
        for (ServicePart p : parts) {
            tails.append(p.logFile()).append(" ends with:\n").append(ChildProcess.tail(p.logFile(), 25));
        }
        throw new BenchException(name + " did not become healthy within " + timeout.toSeconds() + " s (last: " + last
                + "); raise it with --start-timeout. " + tails);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
