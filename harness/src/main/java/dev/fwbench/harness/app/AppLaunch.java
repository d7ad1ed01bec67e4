package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything an app needs to start, decided by the backend.
 *
 * @param port        HTTP port on 127.0.0.1, already chosen
 * @param databaseUrl the target's own database, already seeded
 * @param extraEnv    variables passed through as they are (e.g. REDIS_URL)
 * @param cpuset      CPUs the app may run on, in {@code taskset -c} form ("1", "0-1"), or null for all
 */
public record AppLaunch(TargetSpec spec, int port, String databaseUrl, String jwtSecret, Path logDir,
                        Map<String, String> extraEnv, String cpuset) {

    /**
     * The command, pinned to {@link #cpuset()} with {@code taskset}: the same mechanism as a
     * container's cpuset, inherited by every worker the app forks, and seen by the apps'
     * own core counting (Node's {@code availableParallelism}, Python's {@code sched_getaffinity}).
     */
    public List<String> pinned(List<String> command) {
        if (cpuset == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("taskset", "-c", cpuset));
        c.addAll(command);
        return c;
    }
}
