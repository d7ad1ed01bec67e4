package dev.fwbench.conformance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a target's database executed while some requests ran: {@code pg_stat_statements}' calls
 * per normalised statement text ({@code $n} for every constant and parameter) in the target's
 * own database, before and after. The harness's PostgreSQL (embedded or in a container) loads
 * the extension; each target has a database of its own, so no other target's statements count.
 */
final class Statements {
    /** pg_stat_statements' normalised {@code SELECT 1}: Django's connection health check (CONN_HEALTH_CHECKS). */
    static final String PROBE = "SELECT $1";

    private Statements() {
    }

    /**
     * Statements that set up a new connection, once per connection, not per request: SET, SHOW,
     * set_config (Django, the JDBC driver), and what TypeORM asks a new pool connection
     * ({@code SELECT version()}, {@code SELECT * FROM current_schema()}).
     */
    static boolean connectionSetUp(String sql) {
        String s = sql.toUpperCase(Locale.ROOT);
        return s.startsWith("SET ") || s.startsWith("SHOW ") || s.contains("SET_CONFIG(")
                || s.equals("SELECT VERSION()") || s.equals("SELECT * FROM CURRENT_SCHEMA()");
    }

    /** The requests' own statements: {@code made} without connection set-up and health-check probes. */
    static Map<String, Long> ofTheRequests(Map<String, Long> made) {
        Map<String, Long> own = new TreeMap<>(made);
        own.keySet().removeIf(sql -> sql.equals(PROBE) || connectionSetUp(sql));
        return own;
    }

    /** A connection to the database whose statements are counted. */
    interface Database {
        Connection open() throws SQLException;
    }

    /** Normalised statement text -> calls made while {@code requests} ran (statements not called are left out). */
    static Map<String, Long> during(Database db, Runnable requests) throws SQLException {
        Map<String, Long> before = snapshot(db);
        requests.run();
        Map<String, Long> after = snapshot(db);
        Map<String, Long> made = new TreeMap<>();
        after.forEach((sql, calls) -> {
            long n = calls - before.getOrDefault(sql, 0L);
            if (n > 0) {
                made.put(sql.strip(), n);
            }
        });
        return made;
    }

    /** Normalised statement text -> calls so far, for this database. */
    static Map<String, Long> snapshot(Database db) throws SQLException {
        Map<String, Long> calls = new HashMap<>();
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT s.query, sum(s.calls) FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() "
                     + "AND s.query NOT ILIKE '%pg_stat_statements%' GROUP BY s.query")) {
            while (rs.next()) {
                calls.put(rs.getString(1), rs.getLong(2));
            }
        }
        return calls;
    }
}
