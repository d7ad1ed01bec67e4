package dev.fwbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
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
    void aShortRunAgainstTheBaselineProducesResultsAndSummaries(@TempDir Path runDir) throws Exception {
        Collection<RunResult> results = BenchmarksMain.run(new OptionsBuilder()
                .include("HttpRoundTripBenchmark|WebSocketEchoBenchmark")
                .param("target", "baseline")
                .param("endpoint", "json", "me")
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(500))
                .forks(1)
                .jvmArgsAppend("-Dfwbench.home=" + System.getProperty("fwbench.home"))
                .build(), runDir);

        // 2 endpoints x 2 modes + websocket x 2 modes
        assertThat(results).hasSize(6);
        JsonNode raw = new ObjectMapper().readTree(runDir.resolve("jmh/result.json").toFile());
        assertThat(raw.isArray()).isTrue();
        assertThat(raw.size()).isEqualTo(6);

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("jmh/summary.json").toFile());
        assertThat(summary.size()).as("one entry per target and request").isEqualTo(3);
        for (JsonNode e : summary) {
            assertThat(e.get("target").asText()).isEqualTo("baseline");
            assertThat(e.get("count").asLong()).as("samples in %s", e).isPositive();
            double p50 = e.get("latencyMs").get("p50").asDouble();
            double p99 = e.get("latencyMs").get("p99").asDouble();
            assertThat(p50).isPositive();
            assertThat(p99).isGreaterThanOrEqualTo(p50);
            assertThat(e.get("latencyMs").get("max").asDouble()).isGreaterThanOrEqualTo(p99);
            assertThat(e.get("throughputPerSecond").asDouble()).as("throughput in %s", e).isPositive();
        }
        assertThat(summary.findValuesAsText("request"))
                .containsExactlyInAnyOrder("HttpRoundTripBenchmark.roundTrip:json", "HttpRoundTripBenchmark.roundTrip:me",
                        "WebSocketEchoBenchmark.echo");
        assertThat(Files.readString(runDir.resolve("jmh/summary.txt"))).contains("p99 ms");
    }
}
