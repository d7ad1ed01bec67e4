package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks what the build's smoke run of each simulation (gatling-maven-plugin, phase
 * integration-test, a few seconds against both targets) left behind: a run directory with
 * run.json, for each target a summary with requests and no errors, interval logs that read
 * back to the same counts, Gatling's HTML report, and our own report.html.
 */
class SmokeRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUNS = Path.of(System.getProperty("smoke.runs", "target/smoke-runs"));

    @ParameterizedTest
    @ValueSource(strings = {"DbSimulation", "RestSimulation", "WebSocketSimulation", "MixedSimulation"})
    void eachSimulationLeftAWholeRunDirectory(String simulation) throws IOException {
        Path run = latestRun(simulation);
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(runJson.path("environment").path("cores").asInt()).isPositive();
        assertThat(runJson.path("finishedAt").asText()).isNotBlank();
        assertThat(runJson.path("injectorSaturated").isBoolean()).isTrue();

        for (String target : List.of("nestjs", "django")) {
            assertThat(runJson.path("targets").path(target).path("health").path("framework").asText())
                    .isEqualTo(target);
            Path hdr = run.resolve("hdr").resolve(simulation).resolve(target);
            JsonNode summary = JSON.readTree(hdr.resolve("summary.json").toFile());
            assertThat(summary.path("requests").size()).as(target + " request names").isPositive();
            for (JsonNode r : summary.path("requests")) {
                String name = r.path("name").asText();
                assertThat(r.path("count").asLong()).as(target + " " + name + " count").isPositive();
                assertThat(r.path("errors").asLong()).as(target + " " + name + " errors").isZero();
                assertThat(r.path("correctedMs").path("p99").asDouble())
                        .isGreaterThanOrEqualTo(r.path("uncorrectedMs").path("p50").asDouble());
                String file = name.replaceAll("[^A-Za-z0-9._-]+", "_");
                assertThat(readBack(hdr.resolve(file + ".corrected.hlog")).getTotalCount())
                        .isEqualTo(r.path("count").asLong());
                assertThat(readBack(hdr.resolve(file + ".uncorrected.hlog")).getTotalCount())
                        .isEqualTo(r.path("count").asLong());
            }
            assertThat(hdr.resolve("summary.txt")).content().contains(simulation + " on " + target);
        }
        try (Stream<Path> reports = Files.list(run.resolve("gatling"))) {
            assertThat(reports.map(p -> p.resolve("index.html")).filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        // our own report, written by the simulation's after(): both targets in its headline, Gatling's report linked
        assertThat(run.resolve("report.html")).content().contains("<span class=\"name\">nestjs</span>")
                .contains("<span class=\"name\">django</span>").contains("Gatling report");
    }

    private static Path latestRun(String simulation) throws IOException {
        try (Stream<Path> runs = Files.list(RUNS)) {
            return runs.filter(p -> p.getFileName().toString().endsWith("-" + simulation)
                            || p.getFileName().toString().matches(".*-" + simulation + "-\\d+"))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new AssertionError("no smoke run of " + simulation + " in " + RUNS));
        }
    }

    private static Histogram readBack(Path hlog) throws IOException {
        Histogram total = new Histogram(3);
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            while (reader.hasNext()) {
                total.add((Histogram) reader.nextIntervalHistogram());
            }
        }
        return total;
    }
}
