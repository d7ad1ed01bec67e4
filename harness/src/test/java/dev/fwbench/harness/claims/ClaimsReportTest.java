package dev.fwbench.harness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.report.ClaimsPage;
import dev.fwbench.harness.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claims run's report.html: the claims table comes first, every estimate of a verdict and beside it is
 * listed with its interval and links to its trials, the experiments link their suites' own reports when
 * there are any, and the registry's words are escaped (a quote is text, never markup).
 */
class ClaimsReportTest {

    @Test
    void claimsFirstThenTheEvidenceThenTheSuites(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("suites/concurrency"));
        Files.writeString(dir.resolve("suites/concurrency/report.html"), "<html></html>");
        ClaimVerdict.Estimate e = new ClaimVerdict.Estimate("capacity NestJS/Django, json", "concurrency",
                "django/json", "nestjs/json", "capacity", null, "req/s", "ratio", 3.2, 2.9, 3.6, 0.971, 4, 4, 800.0,
                2560.0, "supported", null, List.of("suites/concurrency/trials/001-django-json-t1"));
        ClaimVerdict.Estimate lowerBound = new ClaimVerdict.Estimate("capacity NestJS/Django, db", "concurrency",
                "django/db", "nestjs/db", "capacity", null, "req/s", "ratio", null, null, null, null, 4, 4, null, null,
                null, "a capacity is only a lower bound (the injector saturated)", List.of());
        ClaimVerdict v = new ClaimVerdict(1, "Node <script>excels</script>", "nestjs-vs-django", "h", "concurrency", "m",
                "rule", "ratio", "inconclusive", "1 of 3 workloads", "production", e, "4+4",
                List.of(new ClaimVerdict.ProfileVerdict("production", "inconclusive", "why",
                        List.of(new ClaimVerdict.PartVerdict("all", "inconclusive", "why", List.of(e, lowerBound))))),
                List.of(), new ClaimVerdict.Evidence(List.of("suites/concurrency"), List.of(), List.of()));
        ClaimRegistry.Registry registry = new ClaimRegistry.Registry(50, 0.1, List.of());
        ClaimsPage page = ClaimsReport.page("quick", "completed", 600, registry, List.of(v),
                List.of(new ClaimsRun.Experiment("concurrency", null, "claims/plans/concurrency-quick.yaml", List.of(1)),
                        new ClaimsRun.Experiment("realtime", null, "claims/plans/realtime-quick.yaml", List.of(1, 8))),
                List.of("concurrency"), dir, null);
        String html = Files.readString(HtmlReport.writeClaims(dir, page));

        assertThat(html).doesNotContain("<script>excels").contains("Node &lt;script&gt;excels&lt;/script&gt;");
        assertThat(html.indexOf("id=\"claims\"")).isLessThan(html.indexOf("id=\"details\""))
                .isLessThan(html.indexOf("id=\"experiments\""));
        assertThat(html).contains("capacity NestJS/Django, json 3.2 [2.9, 3.6]", "4+4", "[2.9, 3.6] at 97.1 %",
                "href=\"suites/concurrency/trials/001-django-json-t1\"",
                "inconclusive: a capacity is only a lower bound (the injector saturated)",
                "href=\"suites/concurrency/report.html\"", "1,8", "not run");
    }
}
