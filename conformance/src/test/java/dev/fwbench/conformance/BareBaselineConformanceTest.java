package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Framework;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bare baseline (reference-apps/bare, CONTRACT.md section 11) keeps the contract on the
 * routes it serves, and answers them as the NestJS app does: the same bodies for /json,
 * /plaintext and an article, real rows for /db, the contract's clamping for /queries,
 * JSON 404s, the headers of section 3.
 */
@ExtendWith(Targets.class)
class BareBaselineConformanceTest {

    @BeforeAll
    static void onlyWhenTheHarnessStartsTargets() {
        Assumptions.assumeFalse(Targets.BACKEND.equals("external"), "the baseline is started by the harness");
    }

    private static Http bare() {
        return new Http(Targets.service(Framework.BARE));
    }

    @Test
    void headersAndTheStaticRoutes() {
        Http.Reply json = bare().get("/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("message").asText()).isEqualTo("Hello, World!");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.header("Server")).isPresent();
        assertThat(json.header("Date")).isPresent();
        assertThat(json.header("Content-Length")).isPresent();
        Http.Reply text = bare().get("/plaintext");
        assertThat(text.body()).isEqualTo("Hello, World!");
        assertThat(text.contentType()).startsWith("text/plain");
    }

    @Test
    void dbRowsAreRealAndQueriesClamp() throws Exception {
        JsonNode row = bare().get("/db").json();
        try (Connection c = Targets.database(Framework.BARE);
             PreparedStatement ps = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
            ps.setInt(1, row.path("id").asInt());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(row.path("randomNumber").asInt()).isEqualTo(rs.getInt(1));
            }
        }
        for (String[] c : new String[][] {{"2", "2"}, {"0", "1"}, {"foo", "1"}, {"", "1"}, {"501", "500"}, {"-7", "1"}}) {
            assertThat(bare().get("/queries?queries=" + c[0]).json().size()).as("queries=%s", c[0])
                    .isEqualTo(Integer.parseInt(c[1]));
        }
        assertThat(bare().get("/queries").json().size()).isEqualTo(1);
    }

    @Test
    void anArticleReadsAsTheNestJsAppAnswersIt() {
        JsonNode mine = CrossTargetEqualityTest.normalized(bare().get("/api/articles/42").json());
        JsonNode nest = CrossTargetEqualityTest.normalized(new Http(Targets.service(Framework.NESTJS))
                .get("/api/articles/42").json());
        assertThat(mine).isEqualTo(nest);
        for (String missing : new String[] {"/api/articles/999999", "/api/articles/abc", "/nothing"}) {
            Http.Reply r = bare().get(missing);
            assertThat(r.status()).as(missing).isEqualTo(404);
            assertThat(r.json().path("error").isTextual()).isTrue();
        }
    }

    @Test
    void healthSaysWhatRuns() {
        JsonNode h = bare().get("/health").json();
        assertThat(h.path("framework").asText()).isEqualTo("bare");
        assertThat(h.path("server").asText()).isEqualTo("express");
        assertThat(h.path("workers").asInt()).isEqualTo(2);
        assertThat(h.path("database").asText()).isEqualTo("up");
    }
}
