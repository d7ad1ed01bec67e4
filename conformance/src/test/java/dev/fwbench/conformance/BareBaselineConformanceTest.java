package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.Framework;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bare baseline (CONTRACT.md section 10; {@code -Dconformance.targets=...,bare}) answers claim
 * 7's routes as the NestJS app does, so that the difference between the two is Nest: the same
 * bytes for every deterministic route (NestJS's own {@code Server} value aside), the same
 * statement texts sent to PostgreSQL, the same pool size. The rest of the contract for these
 * routes (headers, clamping, real rows, fortunes, pagination, 404s, statement counts) is checked
 * by the suite's other classes, which run the baseline with the other targets.
 */
@ExtendWith(Targets.class)
class BareBaselineConformanceTest {
    private static final int REQUESTS = 3;

    @BeforeEach
    void onlyWithTheBaseline() {
        Assumptions.assumeTrue(Targets.all().anyMatch(n -> n.getPayload() == Framework.BARE),
                "the bare baseline is checked when named (-Dconformance.targets=nestjs,django,bare)");
    }

    /** NestJS as the suite runs it, or its uncached reference when the suite runs it with the article cache. */
    private static RunningService nest() {
        RunningService s = Targets.service(Framework.NESTJS);
        return s.spec().cache() == ArticleCache.OFF ? s : Targets.reference(Framework.NESTJS);
    }

    @Test
    void bodiesAreNestJsOnesByteForByte() {
        Http bare = new Http(Targets.service(Framework.BARE));
        Http nest = new Http(nest());
        for (String path : List.of("/json", "/plaintext", "/fortunes", "/api/articles/42", "/api/articles/9999",
                "/api/articles?limit=3&offset=9000", "/api/articles?offset=100000", "/api/articles/99999999")) {
            Http.Reply mine = bare.get(path);
            Http.Reply theirs = nest.get(path);
            assertThat(mine.status()).as(path).isEqualTo(theirs.status());
            assertThat(mine.contentType()).as(path).isEqualTo(theirs.contentType());
            // the count is the one number other tests may have moved on one of the two
            assertThat(mine.body().replaceFirst("^\\{\"count\":\\d+", "")).as(path)
                    .isEqualTo(theirs.body().replaceFirst("^\\{\"count\":\\d+", ""));
        }
        for (String path : List.of("/db", "/queries?queries=3")) {
            assertThat(bare.get(path).body().replaceAll("\\d+", "#")).as(path)
                    .isEqualTo(nest.get(path).body().replaceAll("\\d+", "#"));
        }
    }

    @Test
    void statementsAreNestJsOnes() throws SQLException {
        RunningService bare = Targets.service(Framework.BARE);
        RunningService nest = nest();
        for (String path : List.of("/db", "/queries?queries=4", "/fortunes", "/api/articles/77",
                "/api/articles?limit=6&offset=40", "/api/articles?limit=9")) {
            new Http(bare).get(path); // connection set-up
            new Http(nest).get(path);
            assertThat(statements(bare, path)).as(path).isEqualTo(statements(nest, path)).isNotEmpty();
        }
    }

    @Test
    void thePoolIsNestJsOne() {
        assertThat(new Http(Targets.service(Framework.BARE)).get("/health").json().get("dbPoolSize"))
                .isEqualTo(new Http(nest()).get("/health").json().get("dbPoolSize"));
    }

    private static Map<String, Long> statements(RunningService s, String path) throws SQLException {
        Http http = new Http(s);
        return Statements.ofTheRequests(Statements.during(() -> Targets.database(s),
                () -> IntStream.range(0, REQUESTS).forEach(i -> assertThat(http.get(path).status()).isEqualTo(200))));
    }
}
