package dev.fwbench.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.service.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small HTTP client for the contract tests (the JDK's client: one client for the whole harness). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningService service;

    Http(RunningService service) {
        this.service = service;
    }

    Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    Reply get(String path, String bearer) {
        return send("GET", path, null, bearer, null);
    }

    Reply send(String method, String path, String body, String bearer, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", contentType != null ? contentType : "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (bearer != null) {
            b.header("Authorization", bearer.contains(" ") ? bearer : "Bearer " + bearer);
        }
        try {
            return new Reply(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response, with the accessors the assertions need. */
    record Reply(HttpResponse<String> raw) {
        int status() {
            return raw.statusCode();
        }

        String body() {
            return raw.body();
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + raw.statusCode() + " " + raw.request().uri() + "): "
                        + abbreviate(raw.body()), e);
            }
        }

        @Override
        public String toString() {
            return raw.request().method() + " " + raw.request().uri().getRawPath()
                    + (raw.request().uri().getRawQuery() == null ? "" : "?" + raw.request().uri().getRawQuery())
                    + " -> " + raw.statusCode() + " " + abbreviate(raw.body());
        }

        private static String abbreviate(String s) {
            return s.length() > 300 ? s.substring(0, 300) + "..." : s;
        }
    }
}
