package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONTRACT.md section 4b, {@code DB_ACCESS=raw} ({@code -Dconformance.db.access=raw}; skipped for a
 * target whose /health says {@code "dbAccess": "orm"}): claim 6's routes send PostgreSQL the very
 * statements the ORM sends, and answer the very bytes. The raw target is compared with the same
 * framework through its ORM ({@link Targets#reference}), started beside it with a database of its
 * own: the same requests to both, the normalised statement texts from {@code pg_stat_statements}
 * and the bodies must be equal.
 *
 * <p>Article pages and ids are drawn from 6,000..8,999, which no other test reads first, so that
 * with the article cache on too every request here is a miss that reaches the database; the
 * statement test from the lower half, the body test from the upper (its reads of two random ids
 * once made two of the statement test's four a cache hit: 2 statements counted against 4).
 */
@ExtendWith(Targets.class)
class RawSqlConformanceTest {
    private static final int FIRST = 6_000;
    private static final int SPAN = 3_000;
    private static final int REQUESTS = 4;
    /** The statement test's ids and offsets: FIRST .. FIRST + HALF - 1; the body test's: the rest. */
    private static final int HALF = SPAN / 2;

    private static RunningService raw(Framework f) {
        RunningService s = Targets.service(f);
        Assumptions.assumeTrue("raw".equals(new Http(s).get("/health").json().path("dbAccess").asText()),
                f.id() + " runs its ORM (-Dconformance.db.access=raw checks the raw SQL)");
        Assumptions.assumeFalse(f.isBaseline(), "the bare baseline has no ORM to compare with");
        return s;
    }

    /** The claim-6 requests, the i-th of a series (article reads on fresh ids and pages). */
    static List<Map.Entry<String, IntFunction<String>>> routes(int first) {
        return List.of(
                Map.entry("/db", i -> "/db"),
                Map.entry("/queries?queries=5", i -> "/queries?queries=5"),
                Map.entry("article detail", i -> "/api/articles/" + (first + i)),
                Map.entry("article page", i -> "/api/articles?limit=10&offset=" + (first + i)),
                // offset 0, which Django's compiler leaves out of the text; limits no other test asks for
                Map.entry("first page", i -> "/api/articles?limit=" + (80 + i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void theOrmsStatementsAreSentAsTheyAre(Framework f) throws SQLException {
        RunningService raw = raw(f);
        RunningService orm = Targets.reference(f);
        int first = FIRST + ThreadLocalRandom.current().nextInt(HALF - 100);
        for (Map.Entry<String, IntFunction<String>> route : routes(first)) {
            IntFunction<String> path = route.getValue();
            // connection set-up on both, with a request beyond the measured ones
            new Http(raw).get(path.apply(REQUESTS));
            new Http(orm).get(path.apply(REQUESTS));
            Map<String, Long> viaOrm = statements(orm, path);
            Map<String, Long> viaRaw = statements(raw, path);
            System.out.printf("%s %s: %s%n", f.id(), route.getKey(), viaRaw);
            assertThat(viaRaw).as("%s: statement texts through raw SQL vs the ORM's (CONTRACT.md section 4b)",
                    route.getKey()).isEqualTo(viaOrm).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void theBodiesAreTheOrmsByteForByte(Framework f) {
        Http raw = new Http(raw(f));
        Http orm = new Http(Targets.reference(f));
        int first = FIRST + HALF + ThreadLocalRandom.current().nextInt(HALF - 100);
        for (String path : List.of("/api/articles/" + first, "/api/articles?limit=3&offset=" + first,
                "/api/articles?limit=4", "/api/articles?offset=100000", "/api/articles/" + (first + 1))) {
            // the count of a page is the one number that may differ: other tests write to one of the two
            assertThat(countless(raw.get(path).body())).as(path).isEqualTo(countless(orm.get(path).body()));
        }
        for (String path : List.of("/db", "/queries?queries=5", "/queries?queries=1")) {
            // random rows: the same text with every number masked (spacing, key order, types)
            assertThat(raw.get(path).body().replaceAll("\\d+", "#")).as(path)
                    .isEqualTo(orm.get(path).body().replaceAll("\\d+", "#"));
        }
    }

    private static Map<String, Long> statements(RunningService s, IntFunction<String> path) throws SQLException {
        Http http = new Http(s);
        return Statements.ofTheRequests(Statements.during(() -> Targets.database(s), () -> IntStream.range(0, REQUESTS)
                .forEach(i -> assertThat(http.get(path.apply(i)).status()).isEqualTo(200))));
    }

    private static String countless(String body) {
        return body.replaceFirst("^\\{\"count\":\\s?\\d+", "{\"count\":#");
    }
}
