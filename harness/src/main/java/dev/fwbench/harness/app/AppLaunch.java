package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.ResourceLimits;
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
 * @param pin         the cores to pin the app to ({@link ResourceLimits#cpuset()}), or null for every core
 */
public record AppLaunch(TargetSpec spec, int port, String databaseUrl, String jwtSecret, Path logDir,
                        Map<String, String> extraEnv, ResourceLimits pin) {

    /**
     * The command, pinned to {@link #pin()}'s cores with {@code taskset}: the same mechanism as a
     * container's cpuset, inherited by every worker the app forks, and seen by the apps'
     * own core counting (Node's {@code availableParallelism}, Python's {@code sched_getaffinity}).
     */
    public List<String> pinned(List<String> command) {
        if (pin == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("taskset", "-c", pin.cpuset()));
        c.addAll(command);
        return c;
    }

    /** The cores the app may use: the pin's count, else every core of the host. */
    public int cores() {
        return pin != null ? pin.cpus() : Runtime.getRuntime().availableProcessors();
    }
}
