package dev.fwbench.harness.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Logs in as the seeded user ({@code bench} / {@code bench-password}, CONTRACT.md section 6)
 * before load starts, so that writes carry a token without every request paying a login.
 * Every driver logs in here (through the run context).
 * Uses the JDK client, as the health probe does: this is set-up, not measured load.
 */
public final class ApiLogin {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER_JSON = "{\"username\":\"bench\",\"password\":\"bench-password\"}";

    private ApiLogin() {
    }

    public static String token(URI baseUrl) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(USER_JSON)).build();
        try {
            HttpResponse<String> r = client.send(login, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new BenchException("login at " + baseUrl + "/api/auth/token answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).path("access").asText();
        } catch (IOException e) {
            throw new BenchException("login at " + baseUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while logging in at " + baseUrl);
        }
    }
}
