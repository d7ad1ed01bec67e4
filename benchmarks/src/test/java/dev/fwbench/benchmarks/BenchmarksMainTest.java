package dev.fwbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.results.RunDirectory;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One real JMH run (Runner API, forked JVM) of the HTTP and WebSocket benchmarks against the
 * baseline in-JVM servers, one short iteration each: the run directory gets JMH's JSON and
 * summaries of the expected shape.
 */
class BenchmarksMainTest {

    @Test
    void aShortRunAgainstTheBaselineProducesResultsAndSummaries(@TempDir Path runs) throws Exception {
        RunDirectory run = RunDirectory.create(runs, BenchHome.locate().root(), "jmh-test", Map.of("driver", "jmh"));
        Path runDir = run.root();
        Collection<RunResult> results = BenchmarksMain.run(new OptionsBuilder()
                .include("HttpRoundTripBenchmark|WebSocketEchoBenchmark")
                .param("target", "baseline")
                .param("endpoint", "json", "me")
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(500))
                .forks(1)
                .jvmArgsAppend("-Dfwbench.home=" + System.getProperty("fwbench.home"))
                .build(), run);

        // 2 endpoints x 2 modes + websocket x 2 modes
        assertThat(results).hasSize(6);
        JsonNode raw = new ObjectMapper().readTree(runDir.resolve("jmh/result.json").toFile());
        assertThat(raw.isArray()).isTrue();
        assertThat(raw.size()).isEqualTo(6);

        // the Gatling runs' summary format: one LatencySummary per target
        JsonNode summaries = new ObjectMapper().readTree(runDir.resolve("jmh/summary.json").toFile());
        assertThat(summaries.size()).as("one summary per target").isEqualTo(1);
        JsonNode summary = summaries.get(0);
        assertThat(summary.get("target").asText()).isEqualTo("baseline");
        assertThat(summary.get("simulation").asText()).isEqualTo("jmh");
        JsonNode requests = summary.get("requests");
        assertThat(requests.findValuesAsText("name")).containsExactlyInAnyOrder("HttpRoundTripBenchmark.roundTrip:json",
                "HttpRoundTripBenchmark.roundTrip:me", "WebSocketEchoBenchmark.echo");
        for (JsonNode r : requests) {
            assertThat(r.get("count").asLong()).as("samples in %s", r).isPositive();
            JsonNode ms = r.get("correctedMs");
            assertThat(ms.get("p50").asDouble()).isPositive();
            assertThat(ms.get("p99").asDouble()).isGreaterThanOrEqualTo(ms.get("p50").asDouble());
            assertThat(ms.get("max").asDouble()).isGreaterThanOrEqualTo(ms.get("p99").asDouble());
            assertThat(r.get("throughputPerSecond").asDouble()).as("throughput in %s", r).isPositive();
        }
        assertThat(runDir.resolve("jmh/baseline/summary.txt")).exists();
        JsonNode runJson = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertThat(runJson.get("outcome").asText()).isEqualTo("completed");
        assertThat(runJson.get("environment").get("cores").asInt()).isPositive();
        assertThat(Files.readString(runDir.resolve("jmh/summary.txt"))).contains("p99 ms").contains("baseline");
    }
}
