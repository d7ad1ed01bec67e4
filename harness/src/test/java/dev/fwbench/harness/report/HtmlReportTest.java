package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.results.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a single run the harness's own writers produced ({@link RunFixture}): one file,
 * nothing fetched, uPlot inlined, the data embedded as JSON that reads back whole, every
 * value escaped for where it lands, a request name with {@code </script>} in it included.
 */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A request name that would end the data's script element if it went in unescaped. */
    private static final String HOSTILE = "json</script><script>alert(\"x\")</script>";

    @Test
    void theReportOfARunIsOneFileWithItsDataChartsAndNoExternalReference(@TempDir Path tmp) throws Exception {
        Path run = RunFixture.leanRun(tmp, "json");
        Path file = HtmlReport.write(List.of(run), List.of());
        assertThat(file).isEqualTo(run.resolve("report.html"));
        String html = Files.readString(file);

        assertThat(html).contains("uPlot").contains(ChartLibrary.load().script().substring(0, 200))
                .contains("Content-Security-Policy");
        assertThat(html).as("no src or href leaves the page").doesNotContainPattern("(src|href)=\"(https?:)?//")
                .doesNotContain("@import").doesNotContainPattern("url\\((?!data:)");
        assertThat(Files.size(file)).as("uPlot (~50 KB) and a few KB of data").isLessThan(200_000);

        JsonNode data = embedded(html);
        assertThat(data.path("targets")).extracting(JsonNode::asText).containsExactly("nestjs", "django");
        JsonNode spectrum = data.path("spectra").get(0);
        assertThat(spectrum.path("request").asText()).isEqualTo("json");
        assertThat(spectrum.path("lines")).hasSize(3); // nestjs, django and the client floor
        JsonNode nest = line(spectrum, "nestjs", false);
        assertThat(nest.path("corrected").get(0).asDouble()).as("the fastest nestjs request: 1 ms").isBetween(0.99, 1.01);
        assertThat(line(spectrum, "django", false).path("corrected").get(0).asDouble()).isBetween(2.99, 3.01);
        assertThat(line(spectrum, "nestjs", true).path("corrected").get(0).asDouble()).as("floor").isBetween(0.19, 0.21);
        assertThat(spectrum.path("x")).as("100 requests: up to x = 100 (p99), and the median").hasSize(18);

        JsonNode timeline = data.path("timelines").get(0).path("runs");
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("series").path("rate")).extracting(JsonNode::asDouble)
                .containsExactly(20.0, 20.0, 20.0, 20.0, 20.0);
        assertThat(data.path("resources").get(0).path("runs").get(0).path("services")).hasSize(2);

        // the tables are HTML, readable without the script: both targets in the headline
        assertThat(html).contains("<span class=\"name\">nestjs</span>").contains("<span class=\"name\">django</span>");
    }

    @Test
    void aNameWithAClosingScriptTagStaysDataInTheScriptAndTextInTheTable(@TempDir Path tmp) throws Exception {
        Path run = RunFixture.leanRun(tmp, HOSTILE);
        String html = Files.readString(HtmlReport.write(List.of(run), List.of()));
        // only the page's three scripts end: inside the data's string literal it reads <\/script>
        assertThat(html.split("(?i)</script", -1)).hasSize(4);
        assertThat(html).doesNotContain("</script><script>alert").contains("json<\\/script><script>alert(");
        assertThat(html).as("in a table cell: HTML-escaped").contains("json&lt;/script&gt;&lt;script&gt;alert(");
        assertThat(embedded(html).path("spectra").get(0).path("request").asText()).as("the JSON reads back whole")
                .isEqualTo(HOSTILE);
    }

    @Test
    void aJmhRunWithoutIntervalLogsGetsItsSpectraFromTheSummaryPercentiles(@TempDir Path tmp) throws Exception {
        RunDirectory run = RunDirectory.create(tmp, tmp, "jmh", Map.of("driver", "jmh"));
        Files.createDirectories(run.root().resolve("jmh"));
        List<LatencySummary> summaries = List.of(jmh("nestjs", 0.3), jmh("django", 0.9));
        JSON.writeValue(run.root().resolve("jmh/summary.json").toFile(), summaries);
        String html = Files.readString(HtmlReport.write(List.of(run.root()), List.of()));
        JsonNode spectrum = embedded(html).path("spectra").get(0);
        assertThat(spectrum.path("group").asText()).isEqualTo("jmh");
        JsonNode django = line(spectrum, "django", false).path("corrected");
        List<Double> known = new java.util.ArrayList<>();
        django.forEach(v -> {
            if (!v.isNull()) {
                known.add(v.asDouble());
            }
        });
        assertThat(known).containsExactly(0.9, 1.8, 2.7, 3.6); // p50, p90, p99, p99.9 of 5,000 samples
        assertThat(embedded(html).path("timelines")).as("no interval logs, no series over time").isEmpty();
        assertThat(html).contains("<span class=\"name\">django</span>");
    }

    /** A JMH latency summary: 5,000 samples, p50 = base, p90 = 2 base, p99 = 3 base... */
    private static LatencySummary jmh(String target, double base) {
        var p = new LatencySummary.Percentiles(base, 2 * base, 3 * base, 4 * base, 5 * base, 6 * base);
        return new LatencySummary(target, "HttpRoundTrip", "none: one request in flight", null,
                List.of(new LatencySummary.Request("json", 5_000, 0, 2, 2_500, p, p)));
    }

    private static JsonNode line(JsonNode spectrum, String target, boolean floor) {
        for (JsonNode l : spectrum.path("lines")) {
            if (l.path("floor").asBoolean() == floor && (floor || l.path("target").asText().equals(target))) {
                return l;
            }
        }
        throw new AssertionError("no line for " + target + (floor ? " floor" : ""));
    }

    /**
     * The JSON of {@code window.FWBENCH_REPORT = JSON.parse("...")}: the string literal
     * undone as JavaScript would (JTE escapes \ ' " ` $ / - and control characters in a script).
     */
    static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("window\\.FWBENCH_REPORT = JSON\\.parse\\(\"(.*?)\"\\);</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("the data script").isTrue();
        String literal = m.group(1);
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                json.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            json.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'f' -> '\f';
                case 'b' -> '\b';
                default -> e;
            });
        }
        return JSON.readTree(json.toString());
    }
}
