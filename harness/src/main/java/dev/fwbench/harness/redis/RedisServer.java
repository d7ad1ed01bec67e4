package dev.fwbench.harness.redis;

import dev.fwbench.harness.service.ProcessPart;
import dev.fwbench.harness.service.Readiness;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.process.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throw-away Redis on loopback, for a target whose framework's production docs require a
 * broker between worker processes (Django Channels' {@code channels_redis} layer, so that a
 * WebSocket broadcast reaches clients held by every worker). No persistence: it carries
 * messages, not data.
 */
public final class RedisServer implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private RedisServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** True when {@code redis-server} is on PATH. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    public static RedisServer start(Path logDir) {
        int port = FreePorts.pick();
        ChildProcess p = ChildProcess.start("redis-server", List.of("redis-server", "--port", Integer.toString(port),
                        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"),
                logDir, Map.of(), logDir.resolve("redis.log"));
        try {
            Readiness.await("redis-server", List.of(new ProcessPart(p)), Duration.ofSeconds(20), Duration.ofMillis(100),
                    () -> ping(port) ? port : null,
                    last -> "redis-server did not accept connections within 20 s; see " + p.logFile());
        } catch (RuntimeException e) {
            p.stop(Duration.ofSeconds(2));
            throw e;
        }
        Console.info("redis-server on 127.0.0.1:%d (channel layer for cross-worker WebSocket broadcast)", port);
        return new RedisServer(p, port);
    }

    /** Whether a Redis on this loopback port answers PING with +PONG (in a process or a container). */
    public static boolean ping(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(1000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[5];
            return s.getInputStream().readNBytes(buf, 0, 5) == 5 && new String(buf, StandardCharsets.US_ASCII).equals("+PONG");
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }
}
