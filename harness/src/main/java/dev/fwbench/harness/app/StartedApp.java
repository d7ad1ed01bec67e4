package dev.fwbench.harness.app;

import dev.fwbench.harness.process.ChildProcess;
import java.net.URI;
import java.util.List;

/**
 * An app's processes, just started, and where to reach it.
 *
 * @param baseUrl HTTP root, e.g. {@code http://127.0.0.1:41234}
 * @param wsUrl   WebSocket root; endpoints are {@code wsUrl + "/ws/echo"} etc.
 */
public record StartedApp(URI baseUrl, URI wsUrl, List<ChildProcess> processes) {
}
