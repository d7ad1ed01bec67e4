package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.stats.NumberText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headline table holds suite.json's numbers as they are: every median, ratio, interval and verdict word. */
class HeadlineTest {

    @Test
    void everyFigureIsItsCellsMedianAndEveryRatioTheRunnersComparison(@TempDir Path tmp) throws Exception {
        JsonNode suite = new ObjectMapper().readTree(SuiteFixture.write(tmp).resolve("suite.json").toFile());
        Headline h = Headline.ofSuite(suite);
        int figures = 0;
        int ratios = 0;
        for (JsonNode cell : suite.path("cells")) {
            String group = cell.path("workload").asText() + ReportSource.pointText(cell.path("point"));
            Headline.Group g = h.groups().stream().filter(x -> x.title().equals(group)).findFirst().orElseThrow();
            for (Headline.RequestBlock b : g.requests()) {
                Headline.TargetRow row = b.targets().stream().filter(r -> r.target().equals(cell.path("target").asText()))
                        .findFirst().orElseThrow();
                for (int i = 0; i < h.columns().size(); i++) {
                    Headline.Column col = h.columns().get(i);
                    JsonNode stats = col.metric().equals("floor") ? null : col.perRequest()
                            ? cell.path("requests").path(b.request()).path(col.metric())
                            : cell.path("requests").path("*").path(col.metric());
                    String text = row.figures().get(i).text();
                    if (col.metric().equals("errors") && !stats.has("median")) {
                        assertThat(text).as("no error in any trial: no entry in suite.json").isEqualTo("0");
                    } else if (stats == null) {
                        JsonNode m = cell.path("requests").path(b.request());
                        assertThat(text).isEqualTo(NumberText.value(m.path("floorP50").path("median").asDouble()) + " / "
                                + NumberText.value(m.path("floorP99").path("median").asDouble()));
                    } else {
                        assertThat(text).as("%s %s %s", cell.path("id").asText(), b.request(), col.metric())
                                .isEqualTo(NumberText.value(stats.path("median").asDouble()));
                    }
                    figures++;
                }
                for (Headline.RatioRow q : b.ratios()) {
                    for (int i = 0; i < h.columns().size(); i++) {
                        Headline.Column col = h.columns().get(i);
                        JsonNode cmp = comparison(suite, cell.path("id").asText(), q, b.request(), col);
                        if (cmp == null) {
                            continue;
                        }
                        JsonNode c = cmp.path("comparison");
                        Figure f = q.figures().get(i);
                        assertThat(f.text()).isEqualTo(NumberText.ratio(c.path("ratio").asDouble()) + " ["
                                + NumberText.ratio(c.path("ciLow").asDouble()) + ", "
                                + NumberText.ratio(c.path("ciHigh").asDouble()) + "]");
                        assertThat(f.note()).isEqualTo(c.path("verdictWord").asText());
                        assertThat(q.trustworthy()).isEqualTo(cmp.path("trustworthy").asBoolean());
                        ratios++;
                    }
                }
            }
        }
        assertThat(figures).as("2 targets x (json + 3 sweep points) x 8 columns").isEqualTo(64);
        assertThat(ratios).as("django against nestjs at 4 points, 6 compared metrics").isEqualTo(24);
    }

    @Test
    void theVerdictsReadAsSentencesAndASaturatedInjectorIsSaid(@TempDir Path tmp) throws Exception {
        JsonNode suite = new ObjectMapper().readTree(SuiteFixture.write(tmp).resolve("suite.json").toFile());
        List<Headline.Answer> answers = Headline.ofSuite(suite).answers();
        Headline.Answer p99 = answers.stream().filter(a -> a.subject().equals("json, p99")).findFirst().orElseThrow();
        assertThat(p99.verdict()).isEqualTo("django is slower than nestjs");
        assertThat(p99.estimate()).startsWith("django / nestjs = 3.0").contains("confidence interval");
        assertThat(p99.look()).isEqualTo("worse");
        assertThat(p99.trustworthy()).isTrue();
        assertThat(answers.stream().filter(a -> a.subject().startsWith("capacity"))).isNotEmpty()
                .allMatch(a -> !a.trustworthy());
    }

    private static JsonNode comparison(JsonNode suite, String cellB, Headline.RatioRow q, String request,
                                       Headline.Column col) {
        for (JsonNode cmp : suite.path("comparisons")) {
            if (cmp.path("kind").asText().equals("targets") && cmp.path("cellB").asText().equals(cellB)
                    && cmp.path("metric").asText().equals(col.metric())
                    && cmp.path("request").asText().equals(col.perRequest() ? request : "*")) {
                return cmp;
            }
        }
        return null;
    }
}
