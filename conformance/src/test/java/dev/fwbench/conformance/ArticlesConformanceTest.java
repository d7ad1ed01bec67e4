package dev.fwbench.conformance;

import static dev.fwbench.conformance.AuthConformanceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwbench.harness.targets.Framework;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract §5 and §7: the article resource, its pagination, validation and authorisation. */
@ExtendWith(Targets.class)
class ArticlesConformanceTest {

    private static Http http(Framework f) {
        return new Http(Targets.service(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void listPagesArticlesWithTheirAuthors(Framework f) throws SQLException {
        Http.Reply r = http(f).get("/api/articles");
        assertThat(r.status()).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(page.get("count").asLong()).isEqualTo(scalar(f, "SELECT count(*) FROM article"));
        assertThat(page.get("results").size()).as("default limit").isEqualTo(20);
        JsonNode first = page.get("results").get(0);
        assertArticleShape(first);
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(first.get("title").asText()).isEqualTo("Article 1");
        assertThat(first.get("body").asText()).isEqualTo(text(f, "SELECT body FROM article WHERE id = 1"));
        assertThat(first.get("author")).isEqualTo(Http.JSON.createObjectNode().put("id", 1).put("name", "Author 1"));
        assertThat(Instant.parse(first.get("created_at").asText())).isEqualTo(Instant.parse("2024-01-01T00:01:00Z"));
        assertThat(first.get("created_at").asText()).endsWith("Z");

        JsonNode window = http(f).get("/api/articles?limit=5&offset=10").json().get("results");
        assertThat(window.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(window.get(i).get("id").asInt()).isEqualTo(11 + i);
            assertThat(window.get(i).get("author").get("id").asInt()).isEqualTo(((10 + i) % 100) + 1);
        }
        assertThat(http(f).get("/api/articles?limit=100").json().get("results").size()).isEqualTo(100);
        assertThat(http(f).get("/api/articles?offset=100000").json().get("results").size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void badPaginationIs400(Framework f) {
        for (String q : new String[] {"limit=0", "limit=101", "limit=abc", "limit=-1", "limit=2.5", "offset=-1",
                "offset=x", "limit=99999999999999999999"}) {
            assertError(http(f).get("/api/articles?" + q), 400);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void detailIs200Or404(Framework f) {
        Http.Reply ok = http(f).get("/api/articles/42");
        assertThat(ok.status()).isEqualTo(200);
        assertArticleShape(ok.json());
        assertThat(ok.json().get("id").asInt()).isEqualTo(42);
        assertThat(ok.json().get("author").get("name").asText()).isEqualTo("Author 42");
        assertError(http(f).get("/api/articles/99999999"), 404);
        for (String bad : new String[] {"abc", "99999999999999999999", "-1", "1.5"}) {
            Http.Reply r = http(f).get("/api/articles/" + bad);
            assertThat(r.status()).as("%s", r).isIn(400, 404);
            assertThat(r.json().isObject()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void listAvoidsNPlusOneQueries(Framework f) throws SQLException {
        // statements per page must not grow with the page size: count them server-side, on pages no
        // other request asked for (with the article cache on, a page read before would be a hit)
        Http http = http(f);
        int offset = 1_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_000);
        http.get("/api/articles?limit=3&offset=" + offset); // warm: connection set-up, prepared statements
        long small = statementsFor(f, () -> http.get("/api/articles?limit=2&offset=" + offset));
        long large = statementsFor(f, () -> http.get("/api/articles?limit=100&offset=" + offset));
        assertThat(large).as("statements for 100 articles vs %d for 2", small).isLessThanOrEqualTo(small + 1);
        assertThat(large).as("statements for one page of 100 articles").isLessThanOrEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void createReadUpdateDeleteWithAToken(Framework f) {
        Targets.assumeFullContract(f);
        Http http = http(f);
        String token = Tokens.login(Targets.service(f));

        Http.Reply created = http.send("POST", "/api/articles", article("Hello", "First body", 7).toString(), token, null);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertArticleShape(created.json());
        int id = created.json().get("id").asInt();
        assertThat(id).isGreaterThan(10_000);
        assertThat(created.json().get("author")).isEqualTo(Http.JSON.createObjectNode().put("id", 7).put("name", "Author 7"));
        assertThat(Instant.parse(created.json().get("created_at").asText()))
                .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(120));

        Http.Reply read = http.get("/api/articles/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asText()).isEqualTo("Hello");

        Http.Reply updated = http.send("PUT", "/api/articles/" + id, article("Changed", "Second body", 8).toString(), token, null);
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.json().get("title").asText()).isEqualTo("Changed");
        assertThat(updated.json().get("author").get("id").asInt()).isEqualTo(8);
        assertThat(http.get("/api/articles/" + id).json().get("body").asText()).isEqualTo("Second body");

        Http.Reply deleted = http.send("DELETE", "/api/articles/" + id, null, token, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(http.get("/api/articles/" + id), 404);
        assertError(http.send("DELETE", "/api/articles/" + id, null, token, null), 404);
        assertError(http.send("PUT", "/api/articles/" + id, article("x", "y", 1).toString(), token, null), 404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void writesWithoutAValidTokenAre401WhateverTheBody(Framework f) {
        Targets.assumeFullContract(f);
        Http http = http(f);
        String valid = article("t", "b", 1).toString();
        assertError(http.send("POST", "/api/articles", valid, null, null), 401);
        assertError(http.send("POST", "/api/articles", "{broken", null, null), 401);
        assertError(http.send("POST", "/api/articles", valid, "Bearer garbage", null), 401);
        assertError(http.send("PUT", "/api/articles/1", valid, null, null), 401);
        assertError(http.send("PUT", "/api/articles/99999999", "[]", null, null), 401);
        assertError(http.send("DELETE", "/api/articles/1", null, null, null), 401);
        assertError(http.send("DELETE", "/api/articles/1",
                null, Tokens.unsigned(Tokens.login(Targets.service(f))), null), 401);
        assertThat(http.get("/api/articles/1").status()).as("article 1 survived").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void invalidArticlesAre400WithFieldErrors(Framework f) {
        Targets.assumeFullContract(f);
        Http http = http(f);
        String token = Tokens.login(Targets.service(f));
        assertFieldError(http.send("POST", "/api/articles", article("", "b", 1).toString(), token, null), "title");
        assertFieldError(http.send("POST", "/api/articles", article("x".repeat(201), "b", 1).toString(), token, null), "title");
        assertFieldError(http.send("POST", "/api/articles", article("t", "", 1).toString(), token, null), "body");
        assertFieldError(http.send("POST", "/api/articles", article("t", "b".repeat(10_001), 1).toString(), token, null), "body");
        assertFieldError(http.send("POST", "/api/articles", article("t", "b", 999_999).toString(), token, null), "author_id");
        assertFieldError(http.send("POST", "/api/articles", "{\"title\":\"t\",\"body\":\"b\"}", token, null), "author_id");
        assertFieldError(http.send("POST", "/api/articles", "{\"title\":\"t\",\"body\":\"b\",\"author_id\":\"abc\"}", token, null), "author_id");
        assertFieldError(http.send("POST", "/api/articles", "{\"title\":\"t\",\"body\":\"b\",\"author_id\":1.5}", token, null), "author_id");
        assertFieldError(http.send("POST", "/api/articles", "{\"body\":\"b\",\"author_id\":1}", token, null), "title");
        assertFieldError(http.send("POST", "/api/articles", "{\"title\":", token, null), "_body");
        assertFieldError(http.send("POST", "/api/articles", "[1,2]", token, null), "_body");
        assertFieldError(http.send("POST", "/api/articles", "\"text\"", token, null), "_body");
        assertFieldError(http.send("PUT", "/api/articles/1", "{\"title\":\"only a title\"}", token, null), "body");
        // the boundaries are valid
        Http.Reply longest = http.send("POST", "/api/articles",
                article("x".repeat(200), "b".repeat(10_000), 1).toString(), token, null);
        assertThat(longest.status()).as("%s", longest).isEqualTo(201);
        http.send("DELETE", "/api/articles/" + longest.json().get("id").asInt(), null, token, null);
    }

    private static void assertFieldError(Http.Reply r, String field) {
        assertError(r, 400);
        JsonNode messages = r.json().get("errors").get(field);
        assertThat(messages).as("errors.%s in %s", field, r).isNotNull();
        assertThat(messages.isArray() && messages.size() > 0 && messages.get(0).isTextual())
                .as("errors.%s is a list of messages in %s", field, r).isTrue();
    }

    static void assertArticleShape(JsonNode a) {
        assertThat(a.isObject()).isTrue();
        assertThat(a.get("id").isInt()).as("id in %s", a).isTrue();
        assertThat(a.get("title").isTextual()).as("title in %s", a).isTrue();
        assertThat(a.get("body").isTextual()).as("body in %s", a).isTrue();
        assertThat(a.get("author").get("id").isInt()).as("author.id in %s", a).isTrue();
        assertThat(a.get("author").get("name").isTextual()).as("author.name in %s", a).isTrue();
        assertThat(a.get("created_at").isTextual()).as("created_at in %s", a).isTrue();
    }

    private static ObjectNode article(String title, String body, int authorId) {
        return Http.JSON.createObjectNode().put("title", title).put("body", body).put("author_id", authorId);
    }

    private static long statementsFor(Framework f, Runnable request) throws SQLException {
        long before = scalar(f, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                + "WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'");
        request.run();
        long after = scalar(f, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                + "WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'");
        return after - before;
    }

    private static long scalar(Framework f, String sql) throws SQLException {
        try (Connection c = Targets.database(f); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Framework f, String sql) throws SQLException {
        try (Connection c = Targets.database(f); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
