package dev.fwbench.harness.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One running piece of a target: a child process (process backend) or a container
 * (containers backend). A Django target under Gunicorn has two processes, HTTP and
 * WebSocket; in containers both run in one container.
 */
public interface ServicePart {

    String name();

    /** Where its output goes. */
    Path logFile();

    /** Host PIDs of its processes (for a container: its init process and descendants). */
    List<Long> pids();

    /** The container id, or null for a child process. */
    String containerId();

    /** Null while it runs; once it has exited, a report with its exit code and log tail. */
    String exitReport();

    void stop(Duration grace);
}
