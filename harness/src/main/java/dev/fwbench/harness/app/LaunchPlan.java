package dev.fwbench.harness.app;

import java.net.URI;
import java.util.Map;

/**
 * An app's configuration for one launch, as its {@link ReferenceApp} derives it: the
 * environment both backends hand the same command (CONTRACT.md section 1), and where the app
 * will answer.
 *
 * @param baseUrl HTTP root, e.g. {@code http://127.0.0.1:41234}
 * @param wsUrl   WebSocket root; endpoints are {@code wsUrl + "/ws/echo"} etc.
 */
public record LaunchPlan(Map<String, String> environment, URI baseUrl, URI wsUrl) {
    public LaunchPlan {
        environment = Map.copyOf(environment);
    }
}
