package dev.fwbench.harness.backend.containers;

import dev.fwbench.harness.service.Readiness;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.db.PostgresSettings;
import dev.fwbench.harness.process.FreePorts;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * PostgreSQL in a container (the official image's interface: {@code POSTGRES_USER},
 * {@code POSTGRES_PASSWORD}, {@code postgres -c ...}) on the host's network, on a free
 * loopback port, with {@link PostgresSettings}: the same major and settings as the
 * embedded server of the process backend.
 */
public final class PostgresContainer implements PostgresServer {
    private static final String USER = "bench";
    private final HostContainer container;
    private final int port;
    private final String password;
    private final String image;
    private String version = "PostgreSQL";

    private PostgresContainer(HostContainer container, int port, String password, String image) {
        this.container = container;
        this.port = port;
        this.password = password;
        this.image = image;
    }

    public static PostgresContainer start(String image, Path logDir, Duration timeout) {
        long t0 = System.nanoTime();
        int port = FreePorts.pick();
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String password = HexFormat.of().formatHex(b);
        List<String> command = new ArrayList<>(List.of("postgres", "-c", "port=" + port));
        PostgresSettings.server().forEach((k, v) -> {
            command.add("-c");
            command.add(k + "=" + v);
        });
        Console.info("starting PostgreSQL in a container (%s) on 127.0.0.1:%d...", image, port);
        HostContainer c = new HostContainer("postgres", image, "postgres", logDir.resolve("postgres.log"), gc -> gc
                .withEnv("POSTGRES_USER", USER)
                .withEnv("POSTGRES_PASSWORD", password)
                .withEnv("POSTGRES_DB", "postgres")
                .withCommand(command.toArray(String[]::new)));
        PostgresContainer pg = new PostgresContainer(c, port, password, image);
        // a JDBC connection from the host; the init step's temporary server does not listen on TCP
        pg.version = c.startAndAwait(() -> Readiness.await("PostgreSQL", List.of(c), timeout, Duration.ofMillis(250), () -> {
            try (Connection conn = pg.connect("postgres"); Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            }
        }, last -> "PostgreSQL in a container did not accept connections within " + timeout.toSeconds()
                + " s (last: " + last + "); see " + c.logFile()));
        Console.info("%s in container %s ready on 127.0.0.1:%d (%s)", pg.version, c.containerId().substring(0, 12), port,
                Console.human(Duration.ofNanos(System.nanoTime() - t0)));
        return pg;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    @Override
    public String appUrl(String database) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String describe() {
        return version + " in a container (" + image + ")";
    }

    @Override
    public long pid() {
        List<Long> pids = container.pids();
        return pids.isEmpty() ? -1 : pids.get(0);
    }

    public HostContainer container() {
        return container;
    }

    @Override
    public void close() {
        container.stop(Duration.ofSeconds(10));
    }
}
