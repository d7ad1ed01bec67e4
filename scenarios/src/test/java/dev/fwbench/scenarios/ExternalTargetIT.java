package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.process.ProcessBackend;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation against a service that is already running (NestJS, started here by the process
 * backend), as a user points Gatling at their own deployment with {@code -Dbase.url}: a real
 * Gatling run in its own JVM, which starts nothing, and whose run.json records the target as
 * external with every setting; and a non-loopback URL refused with one line before any load.
 */
class ExternalTargetIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void gatlingDrivesAnExternalTargetThroughTheRunContext(@TempDir Path tmp) throws Exception {
        try (ProcessBackend backend = new ProcessBackend(BenchHome.locate(), null, tmp.resolve("svc"), Duration.ofSeconds(240),
                null)) {
            RunningService nest = backend.start(Target.managed(new TargetSpec(Framework.NESTJS, null, 1, 0, 0)));
            Path runs = tmp.resolve("runs");
            Process gatling = gatling(tmp, "RestSimulation", "-Dbase.url=" + nest.baseUrl(), "-Dtarget=nestjs",
                    "-Drequests=json,article detail", "-Drate=20", "-Dwarmup=1", "-Dduration=2", "-Dfwbench.runs=" + runs);
            assertThat(gatling.waitFor(180, TimeUnit.SECONDS)).as("Gatling finished").isTrue();
            assertThat(gatling.exitValue()).as(Files.readString(tmp.resolve("gatling.out"))).isZero();
            Path run;
            try (Stream<Path> dirs = Files.list(runs)) {
                run = dirs.filter(p -> p.getFileName().toString().endsWith("-RestSimulation")).findFirst().orElseThrow();
            }
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.path("targets").path("nestjs").path("backend").asText()).isEqualTo("external");
            assertThat(runJson.path("targets").path("nestjs").path("health").path("framework").asText()).isEqualTo("nestjs");
            assertThat(runJson.path("settings").path("base.url").path("source").asText()).isEqualTo("-Dbase.url");
            assertThat(runJson.path("settings").path("rate").path("value").asDouble()).isEqualTo(20.0);
            JsonNode summary = JSON.readTree(run.resolve("hdr/RestSimulation/nestjs/summary.json").toFile());
            assertThat(summary.path("requests").findValuesAsText("name")).containsExactlyInAnyOrder("json", "article detail");
            assertThat(summary.path("requests").get(0).path("errors").asLong()).isZero();
            assertThat(nest.pids()).as("the external service is not stopped by the run")
                    .allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aUrlOffThisMachineIsRefusedWithOneLine(@TempDir Path tmp) throws Exception {
        Process gatling = gatling(tmp, "DbSimulation", "-Dbase.url=http://192.0.2.9:8080", "-Dfwbench.runs=" + tmp);
        assertThat(gatling.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("gatling.out"));
        assertThat(gatling.exitValue()).isEqualTo(1);
        assertThat(out).contains("[fwbench] error: -Dbase.url http://192.0.2.9:8080 is not on this machine")
                .doesNotContain("at dev.fwbench");
    }

    /** Gatling's own main in a JVM of its own, on this test's class path (what the Maven plugin forks). */
    private static Process gatling(Path tmp, String simulation, String... properties) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the opening Gatling's Maven plugin adds for its log writer
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dfwbench.home=" + BenchHome.locate().root()));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("io.gatling.app.Gatling", "-s", "dev.fwbench.scenarios." + simulation,
                "-rf", tmp.resolve("gatling").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("gatling.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
