package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an app needs to start, decided by the backend.
 *
 * @param port        HTTP port on 127.0.0.1, already chosen
 * @param databaseUrl the target's own database, already seeded
 * @param extraEnv    variables passed through as they are (e.g. REDIS_URL)
 */
public record AppLaunch(TargetSpec spec, int port, String databaseUrl, String jwtSecret, Path logDir,
                        Map<String, String> extraEnv) {
}
