package dev.fwbench.harness.db;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Gives every target its own database holding the contract's tables and seed rows.
 *
 * <p>The schema and seed are loaded once into a template database, stamped with the hash
 * of the two SQL files; each target database is then a copy ({@code CREATE DATABASE ...
 * TEMPLATE}), which takes well under a second instead of re-running the 20,000-row seed.
 * A target database is dropped and copied anew on every start, so each run begins from the
 * same rows whatever the previous run updated.
 */
public final class ContractDatabase {
    static final String TEMPLATE = "fwbench_template";

    private final PostgresServer server;
    private final Path schemaSql;
    private final Path seedSql;

    public ContractDatabase(PostgresServer server, Path schemaSql, Path seedSql) {
        this.server = server;
        this.schemaSql = schemaSql;
        this.seedSql = seedSql;
    }

    /** Creates (or re-creates) {@code name} from the seeded template and returns the app's DATABASE_URL. */
    public synchronized String provision(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            ensureTemplate(admin);
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        } catch (SQLException e) {
            throw new BenchException("cannot create database " + name + " on " + server.describe()
                    + " (" + e.getMessage() + "): the user needs CREATEDB", e);
        }
        return server.appUrl(name);
    }

    private void ensureTemplate(Connection admin) throws SQLException {
        String schema = read(schemaSql);
        String seed = read(seedSql);
        String wanted = contentHash(schema, seed);
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, TEMPLATE);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && wanted.equals(rs.getString(1))) {
                    return;
                }
            }
        }
        long t0 = System.nanoTime();
        Console.info("loading schema and seed into template database (%s)...", server.describe());
        try (Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + TEMPLATE + " ENCODING 'UTF8' TEMPLATE template0");
        }
        try (Connection t = server.connect(TEMPLATE); Statement s = t.createStatement()) {
            s.execute(schema);
            s.execute(seed);
            try {
                // lets the conformance suite count statements per request (N+1 check)
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            } catch (SQLException e) {
                Console.info("pg_stat_statements not available on %s: statement counts disabled", server.describe());
            }
        }
        try (Statement s = admin.createStatement()) {
            // the stamp goes last: a half-loaded template is never taken for a good one
            s.execute("COMMENT ON DATABASE " + TEMPLATE + " IS '" + wanted + "'");
        }
        Console.info("template database ready (%s)", Console.human(Duration.ofNanos(System.nanoTime() - t0)));
    }

    private static String contentHash(String schema, String seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(schema.getBytes(StandardCharsets.UTF_8));
            md.update(seed.getBytes(StandardCharsets.UTF_8));
            return "fwbench-seed " + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
