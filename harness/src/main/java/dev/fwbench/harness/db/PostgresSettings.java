package dev.fwbench.harness.db;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings of every PostgreSQL the harness starts, embedded or in a container,
 * so that a result never depends on which backend ran it. Written into run.json.
 *
 * <ul>
 *   <li>{@code max_connections=300}: two multi-worker apps, each worker with a pool of ~10;</li>
 *   <li>{@code shared_preload_libraries=pg_stat_statements}: the conformance suite counts the
 *       statements a request issues (the N+1 check);</li>
 *   <li>{@code fsync=off}, {@code synchronous_commit=off}: zonky's embedded defaults, kept for
 *       both. They flatter write-heavy routes against a durable production database, equally
 *       for both frameworks;</li>
 *   <li>{@code timezone=UTC}, {@code listen_addresses=127.0.0.1}: no traffic off loopback.</li>
 * </ul>
 */
public final class PostgresSettings {
    /** The PostgreSQL major every backend runs (embedded binaries BOM, container image). */
    public static final int MAJOR = 17;

    private PostgresSettings() {
    }

    public static Map<String, String> server() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("max_connections", "300");
        m.put("shared_preload_libraries", "pg_stat_statements");
        m.put("fsync", "off");
        m.put("synchronous_commit", "off");
        m.put("timezone", "UTC");
        m.put("listen_addresses", "127.0.0.1");
        return m;
    }
}
