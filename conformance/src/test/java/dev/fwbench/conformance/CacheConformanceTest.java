package dev.fwbench.conformance;

import static dev.fwbench.conformance.AuthConformanceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Framework;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONTRACT.md section 5a, the article cache ({@code -Dconformance.cache=redis}; skipped for a target
 * whose /health says {@code "cache": "off"}): the article reads are served from Redis, a miss
 * sends the statements of section 4a, and no read that follows a write's response returns what
 * the write replaced.
 *
 * <p>Why the read-after-write checks would catch a stale cache: {@link
 * #aWriteBehindTheAppsBackIsNotSeenWhileCached} shows that a cached read really is answered from
 * Redis, unchanged by a write the app did not make. Were a write through the app not to
 * invalidate, {@link #aReadAfterAWriteReturnsTheWrittenValue} would read the same old value
 * (checked once by removing the invalidation from each app: it fails on the title read after
 * the PUT).
 *
 * <p>The pages and articles read here are drawn from 4,000..5,999, away from those other tests
 * read (so a first read is a miss), and articles written here are new ones, deleted at the end.
 */
@ExtendWith(Targets.class)
class CacheConformanceTest {
    /** Pages and ids this class reads first: a cache shared with other tests holds none of them. */
    private static final int FIRST = 4_000;
    private static final int SPAN = 2_000;

    private static Http cached(Framework f) {
        Http http = new Http(Targets.service(f));
        Assumptions.assumeTrue("redis".equals(http.get("/health").json().path("cache").asText()),
                f.id() + " runs without the article cache (-Dconformance.cache=redis checks it)");
        return http;
    }

    private static int fresh() {
        return FIRST + ThreadLocalRandom.current().nextInt(SPAN);
    }

    private static Map<String, Long> statementsOf(Framework f, Runnable requests) throws SQLException {
        return Statements.ofTheRequests(Statements.during(() -> Targets.database(f), requests));
    }

    private static Map<String, Long> described(Map<String, Long> statements) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        statements.forEach((sql, calls) -> kinds.merge(StatementParityConformanceTest.describe(sql), calls, Long::sum));
        return kinds;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void aMissSendsTheContractsStatementsAndAHitNone(Framework f) throws SQLException {
        Http http = cached(f);
        int id = fresh();
        String detail = "/api/articles/" + id;
        String page = "/api/articles?limit=7&offset=" + fresh();
        http.get("/api/articles/1"); // warm: connection set-up is not a request's
        Map<String, Long> miss = statementsOf(f, () -> {
            assertThat(http.get(detail).status()).isEqualTo(200);
            assertThat(http.get(page).status()).isEqualTo(200);
        });
        assertThat(described(miss)).as("a miss on %s and %s (CONTRACT.md section 4a)", detail, page)
                .isEqualTo(Map.of("SELECT article+author", 2L, "SELECT article", 1L));
        JsonNode before = http.get(detail).json();
        Map<String, Long> hits = statementsOf(f, () -> {
            for (int i = 0; i < 4; i++) { // on every worker the client's connection may land on
                assertThat(http.get(detail).json()).isEqualTo(before);
                assertThat(http.get(page).status()).isEqualTo(200);
            }
        });
        assertThat(hits).as("cached reads of %s and %s", detail, page).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void aReadAfterAWriteReturnsTheWrittenValue(Framework f) {
        Http http = cached(f);
        String token = Tokens.login(Targets.service(f));
        // the last page: the seeded ids 9991..10000, then the articles written since, in id order
        String lastPage = "/api/articles?limit=100&offset=9990";

        JsonNode created = write(http, "POST", "/api/articles", token, "First", 3, 201);
        int id = created.get("id").asInt();
        String detail = "/api/articles/" + id;
        long count = http.get(lastPage).json().get("count").asLong();
        assertThat(titleOn(http.get(lastPage).json(), id)).as("a new article is on the page").isEqualTo("First");
        assertThat(http.get(detail).json().get("title").asText()).isEqualTo("First");
        assertThat(http.get(detail).json().get("title").asText()).as("cached now").isEqualTo("First");

        write(http, "PUT", detail, token, "Second", 4, 200);
        JsonNode replaced = http.get(detail).json();
        assertThat(replaced.get("title").asText()).as("the detail after a PUT").isEqualTo("Second");
        assertThat(replaced.get("author").get("id").asInt()).isEqualTo(4);
        assertThat(titleOn(http.get(lastPage).json(), id)).as("the page after a PUT").isEqualTo("Second");

        JsonNode other = write(http, "POST", "/api/articles", token, "Other", 5, 201);
        JsonNode grown = http.get(lastPage).json();
        assertThat(grown.get("count").asLong()).as("the count after a POST").isEqualTo(count + 1);
        assertThat(titleOn(grown, other.get("id").asInt())).as("the page after a POST").isEqualTo("Other");

        assertThat(http.send("DELETE", detail, null, token, null).status()).isEqualTo(204);
        assertError(http.get(detail), 404);
        JsonNode shrunk = http.get(lastPage).json();
        assertThat(shrunk.get("count").asLong()).as("the count after a DELETE").isEqualTo(count);
        assertThat(titleOn(shrunk, id)).as("the page after a DELETE").isNull();

        assertThat(http.send("DELETE", "/api/articles/" + other.get("id").asInt(), null, token, null).status()).isEqualTo(204);
        assertThat(http.get(lastPage).json().get("count").asLong()).isEqualTo(count - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void aWriteBehindTheAppsBackIsNotSeenWhileCached(Framework f) throws SQLException {
        Http http = cached(f);
        String token = Tokens.login(Targets.service(f));
        int id = write(http, "POST", "/api/articles", token, "Cached", 6, 201).get("id").asInt();
        String detail = "/api/articles/" + id;
        assertThat(http.get(detail).json().get("title").asText()).isEqualTo("Cached");
        try (Connection c = Targets.database(f);
             PreparedStatement ps = c.prepareStatement("UPDATE article SET title = 'Behind the cache' WHERE id = ?")) {
            ps.setInt(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(http.get(detail).json().get("title").asText())
                .as("a cached read is Redis's answer, not PostgreSQL's (the TTL bounds this, CONTRACT.md section 5a)")
                .isEqualTo("Cached");
        write(http, "PUT", detail, token, "Through the app", 6, 200);
        assertThat(http.get(detail).json().get("title").asText()).isEqualTo("Through the app");
        assertThat(http.send("DELETE", detail, null, token, null).status()).isEqualTo(204);
    }

    private static JsonNode write(Http http, String method, String path, String token, String title, int author,
                                  int status) {
        String body = Http.JSON.createObjectNode().put("title", title).put("body", title + " body")
                .put("author_id", author).toString();
        Http.Reply r = http.send(method, path, body, token, null);
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.json();
    }

    /** The title of article {@code id} on a page, or null when it is not there. */
    private static String titleOn(JsonNode page, int id) {
        return StreamSupport.stream(page.get("results").spliterator(), false)
                .filter(a -> a.get("id").asInt() == id)
                .map(a -> a.get("title").asText())
                .findFirst().orElse(null);
    }
}
