package dev.fwbench.harness.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What every report.html of a real run must do in a real browser, offline
 * ({@link HeadlessChromium}): no console error, no request but the page itself, every chart
 * container drawn (a canvas with painted pixels), the headline table holding the targets.
 * Screenshots go next to the report ({@code report.png}, {@code report-dark.png}, and the page
 * as printed, {@code report.pdf} and {@code report-print.png}) and are copied into the module's {@code target/report-screenshots/} so they outlive the test's folder.
 * Shared with the scenarios module through the harness test-jar.
 */
public final class ReportInBrowser {
    private ReportInBrowser() {
    }

    /** @param name the screenshots' name under target/report-screenshots/ */
    public static JsonNode check(Path report, String name, String... targets) throws Exception {
        assertThat(report).isRegularFile();
        assertThat(Files.size(report)).as("one self-contained file of modest size").isLessThan(3_000_000);
        Path light = report.resolveSibling("report.png");
        Path dark = report.resolveSibling("report-dark.png");
        Path pdf = report.resolveSibling("report.pdf");
        HeadlessChromium.PageVisit v = HeadlessChromium.visit(report, HeadlessChromium.REPORT_INSPECTION, light, dark, pdf);
        assertThat(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).as("printed").startsWith("%PDF");
        assertThat(v.consoleErrors()).as("console errors, exceptions, refused loads").isEmpty();
        String self = report.toUri().toString();
        assertThat(v.requests()).as("every request the page made: itself only").allMatch(u -> u.equals(self));
        JsonNode charts = v.page().path("charts");
        assertThat(charts.size()).as("chart containers").isPositive();
        for (JsonNode c : charts) {
            assertThat(c.path("canvases").asInt() + c.path("svgs").asInt()).as("a canvas in %s", c).isPositive();
            assertThat(c.path("painted").asBoolean()).as("pixels drawn in %s", c).isTrue();
        }
        assertThat(v.page().path("headlineTargets")).extracting(JsonNode::asText).contains(targets);
        Path kept = Path.of(System.getProperty("user.dir"), "target", "report-screenshots");
        Files.createDirectories(kept);
        Files.copy(light, kept.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dark, kept.resolve(name + "-dark.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pdf, kept.resolve(name + ".pdf"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(report.resolveSibling("report-print.png"), kept.resolve(name + "-print.png"),
                StandardCopyOption.REPLACE_EXISTING);
        return v.page();
    }
}
