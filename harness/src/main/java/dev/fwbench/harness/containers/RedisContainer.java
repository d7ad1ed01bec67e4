package dev.fwbench.harness.containers;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

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
        RedisContainer redis = new RedisContainer(c, port);
        try {
            c.start();
            redis.awaitPong(timeout);
        } catch (RuntimeException e) {
            c.stop(Duration.ofSeconds(2));
            throw e instanceof BenchException ? e : new BenchException("Redis container (" + image + ") failed to start: "
                    + DockerEngine.oneLine(e), e);
        }
        return redis;
    }

    private void awaitPong(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String exit = container.exitReport();
            if (exit != null) {
                throw new BenchException("Redis stopped before it was ready: " + exit);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(1000);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[7];
                int n = in.readNBytes(buf, 0, 7);
                if (n >= 5 && new String(buf, 0, 5, StandardCharsets.US_ASCII).equals("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for Redis");
            }
        }
        throw new BenchException("Redis in a container did not answer PING within " + timeout.toSeconds() + " s; see "
                + container.logFile());
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
