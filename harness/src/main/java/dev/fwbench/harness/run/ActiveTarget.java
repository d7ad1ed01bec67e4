package dev.fwbench.harness.run;

import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Target;
import java.net.URI;

/**
 * A target of this run that answers: the service (started by a backend, or external), and,
 * when the driver asked for one, a JWT of the seeded user for the write requests.
 */
public record ActiveTarget(Target target, RunningService service, String token) {

    public String name() {
        return target.name();
    }

    /** HTTP root, no trailing slash. */
    public URI baseUrl() {
        return service.baseUrl();
    }

    /** WebSocket root: endpoints are {@code /ws/echo} and {@code /ws/broadcast} below it. */
    public URI wsUrl() {
        return service.wsUrl();
    }
}
