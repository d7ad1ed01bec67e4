package dev.fwbench.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        return await(name, baseUrl, parts, timeout, () -> false);
    }

    /** As above, giving up within 250 ms once {@code cancelled} says so (the harness is shutting down). */
    public static JsonNode await(String name, URI baseUrl, List<? extends ServicePart> parts, Duration timeout,
                                 java.util.function.BooleanSupplier cancelled) {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(5)).GET().build();
        return Readiness.await(name, parts, timeout, Duration.ofMillis(250), cancelled, () -> {
            HttpResponse<String> r;
            try {
                r = CLIENT.send(health, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            }
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }, last -> {
            StringBuilder tails = new StringBuilder();
            for (ServicePart p : parts) {
                tails.append(p.logFile()).append(" ends with:\n").append(ChildProcess.tail(p.logFile(), 25));
            }
            return name + " did not become healthy within " + timeout.toSeconds() + " s (last: " + last
                    + "); raise it with --start-timeout. " + tails;
        });
    }
}
