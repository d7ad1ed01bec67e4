package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Framework;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract §4a, parity: for the same route and N every app sends PostgreSQL the same number
 * and kind of statements, read from {@code pg_stat_statements} around a few requests, so that a
 * NestJS/Django ratio measures the frameworks, not two strategies.
 *
 * <p>Each statement is reduced to its kind and the contract tables it names ("SELECT world",
 * "UPDATE world", "SELECT article+author"; a row lock adds " FOR UPDATE"), and the requests'
 * statements must be exactly the table below, per request, on every app and profile. Two
 * things are not the route's: statements that set up a new connection (SET, set_config: once
 * per connection, not per request) are ignored, and Django's production health check
 * ({@code CONN_HEALTH_CHECKS}: {@code SELECT 1} before a request's first query) is allowed at
 * most once per request, and only where {@code /health} says {@code "dbHealthChecks": true}.
 *
 * <p>Worked example: TechEmpower's verifier counts every statement naming {@code world} and
 * containing "update" as an update; a Django that read its 20 rows {@code SELECT ... FOR UPDATE}
 * counted 40 rows updated per request for 20 really changed. Here that shows up as
 * "SELECT world FOR UPDATE" x20 where "SELECT world" x20 is required.
 */
@ExtendWith(Targets.class)
class StatementParityConformanceTest {
    /** Requests per route: totals must be exactly REQUESTS times the pattern, so nothing averages away. */
    private static final int REQUESTS = 4;

    private static final Pattern TABLE = Pattern.compile("\\b(world|fortune|article|author)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCK = Pattern.compile("\\bFOR\\s+(NO\\s+KEY\\s+)?(UPDATE|SHARE)\\b", Pattern.CASE_INSENSITIVE);

    /** CONTRACT.md §4a: statements per request, by route and N. */
    static Stream<Arguments> routes() {
        Map<String, Map<String, Integer>> expected = new java.util.LinkedHashMap<>();
        expected.put("/db", Map.of("SELECT world", 1));
        expected.put("/queries?queries=1", Map.of("SELECT world", 1));
        expected.put("/queries?queries=20", Map.of("SELECT world", 20));
        expected.put("/updates?queries=1", Map.of("SELECT world", 1, "UPDATE world", 1));
        expected.put("/updates?queries=20", Map.of("SELECT world", 20, "UPDATE world", 1));
        expected.put("/fortunes", Map.of("SELECT fortune", 1));
        expected.put("/cached-queries?count=20", Map.of());
        expected.put("/api/articles?limit=20", Map.of("SELECT article", 1, "SELECT article+author", 1));
        expected.put("/api/articles?limit=100&offset=50", Map.of("SELECT article", 1, "SELECT article+author", 1));
        expected.put("/api/articles/42", Map.of("SELECT article+author", 1));
        return Targets.all().flatMap(f -> expected.entrySet().stream()
                .map(e -> Arguments.of(f, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void everyAppSendsTheSameStatementsPerRequest(Framework f, String route, Map<String, Integer> perRequest)
            throws SQLException {
        Assumptions.assumeTrue(Targets.serves(f, route), "the bare baseline does not serve " + route);
        Http http = new Http(Targets.service(f));
        JsonNode health = http.get("/health").json();
        boolean probes = health.path("dbHealthChecks").asBoolean(false);
        // CONTRACT.md section 5a: with the article cache on, the article reads after the warm-up are hits
        // and send nothing (a miss sends the table's statements: CacheConformanceTest)
        boolean cachedRead = route.startsWith("/api/articles") && "redis".equals(health.path("cache").asText());
        // warm-up: connections opened, caches filled (the world cache of /cached-queries), on
        // every worker and thread the client's connection may land on
        for (int i = 0; i < 8; i++) {
            assertThat(http.get(route).status()).as("%s", route).isEqualTo(200);
        }

        Map<String, Long> before = snapshot(f);
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(http.get(route).status()).as("%s", route).isEqualTo(200);
        }
        Map<String, Long> after = snapshot(f);

        Map<String, Long> seen = new TreeMap<>();
        long probeCalls = 0;
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long calls = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (calls == 0) {
                continue;
            }
            String sql = e.getKey().strip();
            if (sql.equals(Statements.PROBE)) {
                probeCalls += calls;
            } else if (Statements.connectionSetUp(sql)) {
                ignored.add(calls + " x " + sql);
            } else {
                seen.merge(describe(sql), calls, Long::sum);
            }
        }
        Map<String, Long> wanted = new TreeMap<>();
        if (!cachedRead) {
            perRequest.forEach((k, v) -> wanted.put(k, (long) v * REQUESTS));
        }
        System.out.printf("%s %s: %s per %d requests (%d health-check probes%s%s)%n", f.id(), route, seen, REQUESTS,
                probeCalls, ignored.isEmpty() ? "" : "; connection set-up ignored: " + ignored,
                cachedRead ? "; cache hits" : "");
        assertThat(seen).as("statements of %d requests to %s (CONTRACT.md §4a)", REQUESTS, route).isEqualTo(wanted);
        assertThat(probeCalls).as("connection health-check probes (SELECT 1) for %d requests; /health says "
                + "dbHealthChecks=%s", REQUESTS, probes).isLessThanOrEqualTo(probes ? REQUESTS : 0);
    }

    /** "SELECT world", "UPDATE world", "SELECT article+author", "SELECT world FOR UPDATE", "BEGIN". */
    static String describe(String sql) {
        String text = sql.replace("\"", "");
        String kind = text.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        TreeSet<String> tables = new TreeSet<>();
        Matcher m = TABLE.matcher(text);
        while (m.find()) {
            tables.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        String d = tables.isEmpty() ? kind : kind + " " + String.join("+", tables);
        return LOCK.matcher(text).find() ? d + " FOR UPDATE" : d;
    }

    /** Normalised statement text -> calls, for this target's database. */
    private static Map<String, Long> snapshot(Framework f) throws SQLException {
        return Statements.snapshot(() -> Targets.database(f));
    }
}
