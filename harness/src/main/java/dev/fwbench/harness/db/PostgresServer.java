package dev.fwbench.harness.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one PostgreSQL server every target of a run shares (each target in its own database),
 * so both frameworks meet the same database version, settings and hardware.
 */
public interface PostgresServer extends AutoCloseable {

    /** A superuser JDBC connection to {@code database}. */
    Connection connect(String database) throws SQLException;

    /** {@code postgresql://user:password@host:port/database}, the form the apps read from DATABASE_URL. */
    String appUrl(String database);

    /** "embedded PostgreSQL 17.x" / "external PostgreSQL at host:port": recorded with results. */
    String describe();

    /** PID of the server process when the harness started it, else -1. */
    long pid();

    @Override
    void close();
}
