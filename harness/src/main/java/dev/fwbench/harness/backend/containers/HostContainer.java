package dev.fwbench.harness.backend.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.fwbench.harness.service.ServicePart;
import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A container on the host's network, the way the harness runs everything in the
 * containers backend: no NAT or userland proxy in the measured path, servers bind
 * 127.0.0.1 so no traffic leaves loopback, output appended to a log file in the run
 * directory. With host networking there are no mapped ports for Testcontainers to wait
 * on, so readiness is checked from the host by the caller (HTTP {@code /health}, a JDBC
 * connection, a Redis PING).
 */
public final class HostContainer implements ServicePart {
    /** Container names are unique per session: a target started again (a new trial) gets a new one. */
    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();
    private final String name;
    private final String role;
    private final String image;
    private final GenericContainer<?> container;
    private final Path logFile;
    private volatile boolean stopped;

    /**
     * @param role  what it is ("postgres", "nestjs-express"): container name and label
     * @param setup env, command, limits... applied before start
     */
    public HostContainer(String name, String image, String role, Path logFile,
                         java.util.function.Consumer<GenericContainer<?>> setup) {
        this.name = name;
        this.role = role;
        this.image = image;
        this.logFile = logFile;
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withLabels(DockerEngine.containerLabels(role))
                .withCreateContainerCmdModifier(cmd -> cmd.withName("fwbench-" + role + "-" + DockerEngine.SESSION.substring(0, 8)
                        + "-" + SEQUENCE.incrementAndGet()))
                .waitingFor(new FromTheHost())
                .withStartupAttempts(1);
        setup.accept(container);
    }

    /**
     * Starts the container, then waits with {@code ready} (a check from the host); stops the
     * container again when either fails, so a failed start leaves nothing running.
     */
    public <T> T startAndAwait(java.util.function.Supplier<T> ready) {
        return stoppedOnFailure(() -> {
            startContainer();
            return ready.get();
        });
    }

    /** Creates and starts the container; returns at once (readiness is the caller's to check). */
    public void start() {
        stoppedOnFailure(() -> {
            startContainer();
            return null;
        });
    }

    private <T> T stoppedOnFailure(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            stop(Duration.ofSeconds(2));
            throw e instanceof dev.fwbench.harness.BenchException ? e : new dev.fwbench.harness.BenchException(
                    name + " container (" + image + ") failed to start: " + DockerEngine.oneLine(e), e);
        }
    }

    private void startContainer() {
        try {
            Files.createDirectories(logFile.getParent());
            OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            container.withLogConsumer((OutputFrame frame) -> {
                byte[] bytes = frame.getBytes();
                if (bytes != null) {
                    synchronized (log) {
                        try {
                            log.write(bytes);
                            log.flush();
                        } catch (IOException ignored) {
                            // the run directory went away: nothing to log into
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new dev.fwbench.harness.BenchException("cannot write " + logFile + ": " + e.getMessage());
        }
        container.start();
    }

    public GenericContainer<?> container() {
        return container;
    }

    @Override
    public String name() {
        return name;
    }

    /** What it is in the run ("postgres", "nestjs-express", "nginx-django-gunicorn"): its label and file names. */
    public String role() {
        return role;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String containerId() {
        return container.getContainerId();
    }

    /** The container's init process on the host, and its descendants. */
    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (stopped || container.getContainerId() == null) {
            return pids;
        }
        try {
            Long pid = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState().getPidLong();
            if (pid != null && pid > 0) {
                pids.add(pid);
                ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
            }
        } catch (RuntimeException e) {
            // gone: no PIDs
        }
        return pids;
    }

    @Override
    public String exitReport() {
        if (stopped) {
            return name + " was stopped";
        }
        InspectContainerResponse.ContainerState state;
        try {
            state = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState();
        } catch (RuntimeException e) {
            return name + " (container " + shortId() + ") is gone: " + DockerEngine.oneLine(e);
        }
        if (Boolean.TRUE.equals(state.getRunning())) {
            return null;
        }
        return name + " (container " + shortId() + ") exited with code " + state.getExitCodeLong()
                + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (killed: out of memory, raise --server-memory)" : "")
                + "; " + logFile + " ends with:\n" + ChildProcess.tail(logFile, 25);
    }

    private String shortId() {
        String id = container.getContainerId();
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    /** The container's limits as the engine applied them (inspect), for checks and run.json. */
    public Map<String, Object> appliedLimits() {
        var hc = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getHostConfig();
        return Map.of("cpusetCpus", String.valueOf(hc.getCpusetCpus()), "memoryBytes", hc.getMemory() == null ? 0L : hc.getMemory(),
                "memorySwapBytes", hc.getMemorySwap() == null ? 0L : hc.getMemorySwap(), "networkMode", String.valueOf(hc.getNetworkMode()));
    }

    /** {@code docker stop} (SIGTERM, then SIGKILL after {@code grace}), then removal with its volumes. */
    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        String id = container.getContainerId();
        if (id == null) {
            return;
        }
        try {
            container.getDockerClient().stopContainerCmd(id).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
        } catch (RuntimeException ignored) {
            // already stopped or gone: removal below decides
        }
        try {
            container.stop(); // Testcontainers' removal, with volumes
        } catch (RuntimeException e) {
            try {
                container.getDockerClient().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException ignored) {
                // gone
            }
        }
    }

    /** Readiness is checked from the host: there is no mapped port to wait on with host networking. */
    private static final class FromTheHost extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
        }
    }
}
