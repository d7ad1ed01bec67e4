package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Framework;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract §3 and §4: the TechEmpower Framework Benchmarks test types, checked as its verifier does. */
@ExtendWith(Targets.class)
class TechEmpowerConformanceTest {

    private static Http http(Framework f) {
        return new Http(Targets.service(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void jsonIsTheHelloWorldObject(Framework f) {
        Http.Reply r = http(f).get("/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json()).isEqualTo(Http.JSON.createObjectNode().put("message", "Hello, World!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void plaintextIsHelloWorld(Framework f) {
        Http.Reply r = http(f).get("/plaintext");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).isEqualTo("Hello, World!");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void everyResponseCarriesTheRequiredHeaders(Framework f) {
        Http http = http(f);
        for (String path : List.of("/json", "/plaintext", "/db", "/queries?queries=2", "/fortunes",
                "/updates?queries=2", "/cached-queries?count=2", "/api/articles?limit=1", "/health",
                "/no-such-route", "/api/articles/999999", "/api/me")) {
            Http.Reply r = http.get(path);
            assertThat(r.header("Server")).as("Server on %s", r).hasValueSatisfying(v -> assertThat(v).isNotBlank());
            assertThat(r.header("Date")).as("Date on %s", r).isPresent();
            assertThat(r.contentType()).as("Content-Type on %s", r).isNotBlank();
            boolean sized = r.header("Content-Length").isPresent()
                    || r.header("Transfer-Encoding").map(v -> v.contains("chunked")).orElse(false);
            assertThat(sized).as("Content-Length or chunked on %s", r).isTrue();
        }
        assertThat(http.get("/fortunes").contentType().toLowerCase().replace(" ", ""))
                .isEqualTo("text/html;charset=utf-8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void dateHeaderIsCurrentNotCached(Framework f) throws InterruptedException {
        // the TechEmpower verifier fetches twice, 3 s apart, and fails a Date that did not change
        Http http = http(f);
        String first = http.get("/plaintext").header("Date").orElseThrow();
        Thread.sleep(3_000);
        String second = http.get("/plaintext").header("Date").orElseThrow();
        assertThat(second).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void dbReturnsOneRandomWorldRowAsStored(Framework f) throws SQLException {
        Http http = http(f);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Http.Reply r = http.get("/db");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/json");
            JsonNode row = r.json();
            assertWorldRow(row);
            assertThat(row.size()).as("exactly id and randomNumber: %s", row).isEqualTo(2);
            ids.add(row.get("id").asInt());
            if (i == 0) {
                assertThat(row.get("randomNumber").asInt()).isEqualTo(storedRandomNumber(f, row.get("id").asInt()));
            }
        }
        assertThat(ids).as("20 random ids out of 10,000 are not all equal").hasSizeGreaterThan(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void queriesClampsNAsTheVerifierDoes(Framework f) {
        assertClamping(http(f), "/queries?queries=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void updatesClampsNAsTheVerifierDoes(Framework f) {
        Targets.assumeFullContract(f);
        assertClamping(http(f), "/updates?queries=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void cachedQueriesClampsCount(Framework f) {
        Targets.assumeFullContract(f);
        assertClamping(http(f), "/cached-queries?count=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void cachedQueriesPicksANewRandomSetPerRequest(Framework f) {
        Targets.assumeFullContract(f);
        Http http = http(f);
        String a = http.get("/cached-queries?count=20").body();
        String b = http.get("/cached-queries?count=20").body();
        assertThat(a).as("two random draws of 20 rows out of 10,000").isNotEqualTo(b);
    }

    private static void assertClamping(Http http, String prefix) {
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("2", 2);
        cases.put("0", 1);
        cases.put("foo", 1);
        cases.put("", 1);
        cases.put("501", 500);
        cases.put("-7", 1);
        cases.put("20", 20);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            Http.Reply r = http.get(prefix + c.getKey());
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            JsonNode rows = r.json();
            assertThat(rows.isArray()).as("%s is an array", r).isTrue();
            assertThat(rows.size()).as("%s%s", prefix, c.getKey()).isEqualTo(c.getValue());
            rows.forEach(TechEmpowerConformanceTest::assertWorldRow);
        }
        String bare = prefix.substring(0, prefix.indexOf('?'));
        assertThat(http.get(bare).json().size()).as("%s without a parameter", bare).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void updatesPersistTheNumbersTheyReturn(Framework f) throws SQLException {
        Targets.assumeFullContract(f);
        JsonNode rows = http(f).get("/updates?queries=20").json();
        assertThat(rows.size()).isEqualTo(20);
        Map<Integer, Integer> returned = new HashMap<>();
        Set<Integer> repeated = new HashSet<>();
        for (JsonNode row : rows) {
            if (returned.put(row.get("id").asInt(), row.get("randomNumber").asInt()) != null) {
                repeated.add(row.get("id").asInt());
            }
        }
        repeated.forEach(returned::remove); // an id drawn twice: either write may win
        for (Map.Entry<Integer, Integer> e : returned.entrySet()) {
            assertThat(storedRandomNumber(f, e.getKey())).as("world %d in the database", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void updatesReallyChangeRows(Framework f) throws SQLException {
        Targets.assumeFullContract(f);
        // the verifier wants >= 95 % of the rows touched really changed; a new random value
        // in 1..10000 equals the old one with probability 1/10,000
        Map<Integer, Integer> before = worldTable(f);
        Set<Integer> touched = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            http(f).get("/updates?queries=20").json().forEach(r -> touched.add(r.get("id").asInt()));
        }
        Map<Integer, Integer> after = worldTable(f);
        long changed = touched.stream().filter(id -> !before.get(id).equals(after.get(id))).count();
        assertThat(changed).as("rows changed out of %d touched", touched.size())
                .isGreaterThanOrEqualTo((long) Math.ceil(touched.size() * 0.95));
    }

    private static Map<Integer, Integer> worldTable(Framework f) throws SQLException {
        Map<Integer, Integer> rows = new HashMap<>();
        try (Connection c = Targets.database(f);
             PreparedStatement ps = c.prepareStatement("SELECT id, randomnumber FROM world");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getInt(2));
            }
        }
        return rows;
    }

    private static final List<Object[]> FORTUNES = List.of(
            new Object[] {11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"},
            new Object[] {4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"},
            new Object[] {5, "A computer program does what you tell it to do, not what you want it to do."},
            new Object[] {2, "A computer scientist is someone who fixes things that aren't broken."},
            new Object[] {8, "A list is only as strong as its weakest link. — Donald Knuth"},
            new Object[] {0, "Additional fortune added at request time."},
            new Object[] {3, "After enough decimal places, nobody gives a damn."},
            new Object[] {7, "Any program that runs right is obsolete."},
            new Object[] {10, "Computers make very fast, very accurate mistakes."},
            new Object[] {6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"},
            new Object[] {9, "Feature: A bug with seniority."},
            new Object[] {1, "fortune: No such file or directory"},
            new Object[] {12, "フレームワークのベンチマーク"});

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void fortunesRendersTheExactEscapedSortedTable(Framework f) {
        Http.Reply r = http(f).get("/fortunes");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType().toLowerCase().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(r.body()).as("the <script> fortune must be escaped").doesNotContain("<script>");

        String html = FortunesHtml.normalize(r.body());
        assertThat(html).startsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                + "<tr><th>id</th><th>message</th></tr>");
        assertThat(html).endsWith("</table></body></html>");

        Matcher m = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td></tr>").matcher(html);
        List<String> actual = new ArrayList<>();
        while (m.find()) {
            actual.add(m.group(1) + "|" + FortunesHtml.unescape(m.group(2)));
        }
        List<String> expected = FORTUNES.stream().map(o -> o[0] + "|" + o[1]).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        // nothing but those rows between the header row and </table>
        String expectedHtml = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                + "<tr><th>id</th><th>message</th></tr>"
                + FORTUNES.stream().map(o -> "<tr><td>" + o[0] + "</td><td>" + FortunesHtml.escape((String) o[1])
                        + "</td></tr>").reduce("", String::concat)
                + "</table></body></html>";
        assertThat(html).isEqualTo(expectedHtml);
    }

    static void assertWorldRow(JsonNode row) {
        assertThat(row.isObject()).as("row %s", row).isTrue();
        assertThat(row.get("id")).as("id in %s", row).isNotNull();
        assertThat(row.get("randomNumber")).as("randomNumber in %s", row).isNotNull();
        assertThat(row.get("id").isInt()).as("id is an integer in %s", row).isTrue();
        assertThat(row.get("randomNumber").isInt()).as("randomNumber is an integer in %s", row).isTrue();
        assertThat(row.get("id").asInt()).isBetween(1, 10_000);
        assertThat(row.get("randomNumber").asInt()).isBetween(1, 10_000);
    }

    private static int storedRandomNumber(Framework f, int id) throws SQLException {
        try (Connection c = Targets.database(f);
             PreparedStatement ps = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
