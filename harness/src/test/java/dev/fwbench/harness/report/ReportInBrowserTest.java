package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.testing.ReportInBrowser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's script in a real browser, offline, on the pages of a run the harness's writers
 * produced (spectra, over time, resources) and of a suite with a sweep (headline, verdicts,
 * sweep charts): no console error, no request, every chart drawn. The reports of real runs
 * of both apps are checked the same way by the scenarios module's SuiteRunIT.
 */
class ReportInBrowserTest {

    @Test
    void theChartsOfARunAreDrawnOffline(@TempDir Path tmp) throws Exception {
        Path run = RunFixture.leanRun(tmp, "json");
        HtmlReport.write(List.of(run), List.of());
        JsonNode page = ReportInBrowser.check(run.resolve("report.html"), "lean-run", "nestjs", "django");
        assertThat(page.path("charts")).extracting(c -> c.path("id").asText())
                .contains("spectrum-0", "timeline-0", "resources-0");
    }

    @Test
    void theHeadlineAndSweepOfASuiteAreDrawnOffline(@TempDir Path tmp) throws Exception {
        Path suite = SuiteFixture.write(tmp.resolve("suite"));
        HtmlReport.write(List.of(suite), List.of());
        JsonNode page = ReportInBrowser.check(suite.resolve("report.html"), "suite-sweep", "nestjs", "django");
        assertThat(page.path("charts")).extracting(c -> c.path("id").asText()).contains("sweep-A-0");
    }
}
