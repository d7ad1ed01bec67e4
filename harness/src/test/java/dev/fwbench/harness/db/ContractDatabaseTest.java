package dev.fwbench.harness.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real embedded PostgreSQL: every target database starts from the same seeded rows. */
class ContractDatabaseTest {
    private static EmbeddedPostgresServer server;
    private static ContractDatabase database;

    @BeforeAll
    static void start() {
        server = EmbeddedPostgresServer.start();
        BenchHome home = BenchHome.locate();
        database = new ContractDatabase(server, home.schemaSql(), home.seedSql());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void targetsGetIdenticalSeededDatabases() throws SQLException {
        String url = database.provision("bench_a");
        database.provision("bench_b");
        assertThat(url).startsWith("postgresql://").endsWith("/bench_a");

        assertThat(scalar("bench_a", "SELECT count(*) FROM world")).isEqualTo("10000");
        assertThat(scalar("bench_a", "SELECT count(*) FROM fortune")).isEqualTo("12");
        assertThat(scalar("bench_a", "SELECT count(*) FROM author")).isEqualTo("100");
        assertThat(scalar("bench_a", "SELECT count(*) FROM article")).isEqualTo("10000");
        assertThat(scalar("bench_a", "SELECT min(randomnumber) >= 1 AND max(randomnumber) <= 10000 FROM world"))
                .isEqualTo("t");
        String digest = "SELECT md5(string_agg(id || ':' || randomnumber, ',' ORDER BY id)) FROM world";
        assertThat(scalar("bench_b", digest)).isEqualTo(scalar("bench_a", digest));
        // identity continues after the seeded ids
        assertThat(scalar("bench_a", "INSERT INTO article (title, body, author_id) VALUES ('t', 'b', 1) RETURNING id"))
                .isEqualTo("10001");
    }

    @Test
    void provisioningAgainResetsWhatARunChanged() throws SQLException {
        database.provision("bench_reset");
        String before = scalar("bench_reset", "SELECT randomnumber FROM world WHERE id = 42");
        exec("bench_reset", "UPDATE world SET randomnumber = -1 WHERE id = 42");
        database.provision("bench_reset");
        assertThat(scalar("bench_reset", "SELECT randomnumber FROM world WHERE id = 42")).isEqualTo(before);
    }

    @Test
    void statementStatisticsAreAvailableForTheNPlusOneCheck() throws SQLException {
        database.provision("bench_stats");
        assertThat(scalar("bench_stats", "SELECT count(*) >= 0 FROM pg_stat_statements")).isEqualTo("t");
        assertThat(server.pid()).isPositive();
    }

    private static String scalar(String db, String sql) throws SQLException {
        try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void exec(String db, String sql) throws SQLException {
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
