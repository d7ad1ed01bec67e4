package dev.fwbench.harness.backend.containers;

import dev.fwbench.harness.service.Readiness;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.redis.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Redis in a container for Django Channels' layer (broadcast across workers), on the
 * host's network and a free loopback port, without persistence: the counterpart of the
 * process backend's {@code RedisServer}.
 */
public final class RedisContainer implements AutoCloseable {
    private final HostContainer container;
    private final int port;

    private RedisContainer(HostContainer container, int port) {
        this.container = container;
        this.port = port;
    }

    public static RedisContainer start(String image, Path logDir, Duration timeout) {
        int port = FreePorts.pick();
        Console.info("starting Redis in a container (%s) on 127.0.0.1:%d...", image, port);
        HostContainer c = new HostContainer("redis", image, "redis", logDir.resolve("redis.log"), gc -> gc
                .withCommand("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no"));
        c.startAndAwait(() -> Readiness.await("Redis", List.of(c), timeout, Duration.ofMillis(200), () -> RedisServer.ping(port) ? port : null,
                last -> "Redis in a container did not answer PING within " + timeout.toSeconds() + " s; see " + c.logFile()));
        return new RedisContainer(c, port);
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public HostContainer container() {
        return container;
    }

    @Override
    public void close() {
        container.stop(Duration.ofSeconds(5));
    }
}
