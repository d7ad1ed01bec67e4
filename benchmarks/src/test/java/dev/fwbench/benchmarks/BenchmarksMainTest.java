package dev.fwbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.process.ProcessBackend;
import dev.fwbench.harness.results.RunDirectory;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.time.Duration;
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

    /**
     * A service already running (NestJS, started here by the process backend) driven as an
     * external target through -Dbase.url: the fork starts nothing, logs in, and run.json
     * records the target as external with its /health and every setting.
     */
    @Test
    void anExternalServiceIsDrivenThroughTheSameRunContext(@TempDir Path runs) throws Exception {
        try (ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, runs.resolve("svc"), Duration.ofSeconds(240),
                null)) {
            RunningService nest = backend.start(Target.managed(new TargetSpec(Framework.NESTJS, null, 1, 0, 0)));
            RunDirectory run = RunDirectory.create(runs, BenchHome.locate().root(), "jmh-external", Map.of("driver", "jmh"));
            Collection<RunResult> results = BenchmarksMain.run(new OptionsBuilder()
                    .include("HttpRoundTripBenchmark")
                    .param("target", "nestjs")
                    .param("endpoint", "me")
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300))
                    .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
                    .forks(1)
                    .jvmArgsAppend("-Dfwbench.home=" + System.getProperty("fwbench.home"), "-Dbase.url=" + nest.baseUrl())
                    .build(), run);
            assertThat(results).hasSize(1);
            JsonNode runJson = new ObjectMapper().readTree(run.root().resolve("run.json").toFile());
            JsonNode target = runJson.path("targets").path("external");
            assertThat(target.path("backend").asText()).isEqualTo("external");
            assertThat(target.path("baseUrl").asText()).isEqualTo(nest.baseUrl().toString());
            assertThat(target.path("health").path("framework").asText()).isEqualTo("nestjs");
            assertThat(runJson.path("settings").path("base.url").path("value").asText()).isEqualTo(nest.baseUrl().toString());
            assertThat(runJson.path("outcome").asText()).isEqualTo("completed");
            assertThat(nest.pids()).allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
