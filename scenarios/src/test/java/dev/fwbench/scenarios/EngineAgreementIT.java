package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.testing.LoopbackHttp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two engines measure the same thing: the same request (/json answered 2 ms late by a
 * loopback server this test starts) at a low rate, once through Gatling (RestSimulation) and
 * once through the lean engine (bench load), each in a JVM of its own as a user runs them.
 * Their corrected p50s must agree within {@value #TOLERANCE_MS} ms, and both must see the
 * server's 2 ms: at least the server's sleep, and well under the 50 ms between arrivals that an
 * engine timing the schedule instead of the answer would read (Gatling's p50 read 4.2 ms in a
 * clean-clone run on the busy cores; the agreement, not the level, is what this test is for).
 * (The tighter goal, 0.1 ms on a quiet machine against a trivial server, is measured by
 * benchmarks/scripts/instrument.sh; here the test command shares 2 noisy cores with everything else: seen there, Gatling 0.62 ms above the lean engine while both floors read
 * 0.5 ms, and 0.2 ms below it on another run.)
 */
class EngineAgreementIT {
    private static final double TOLERANCE_MS = 1.0;
    /** Above the server's 2 ms: what the engine, the JDK server and the test command's busy cores may add. */
    private static final double CEILING_MS = 10.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void gatlingAndTheLeanEngineAgreeOnTheSameRequestsAtLowLoad(@TempDir Path tmp) throws Exception {
        HttpServer server = LoopbackHttp.contractServer("{\"status\":\"ok\",\"framework\":\"nestjs\",\"server\":\"jdk\"}");
        server.createContext("/json", x -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackHttp.answer(x, "{\"message\":\"Hello, World!\"}");
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> load = List.of("-Dbase.url=" + url, "-Drequests=json", "-Drate=20", "-Dwarmup=2", "-Dduration=15",
                    "-Dclient.floor.seconds=2", "-Dfwbench.runs=" + tmp.resolve("runs"));
            Process lean = run(tmp, "lean", load, "dev.fwbench.harness.cli.BenchCommand", "load");
            assertThat(lean.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(lean.exitValue()).as(Files.readString(tmp.resolve("lean.out"))).isZero();
            Process gatling = run(tmp, "gatling", load, "io.gatling.app.Gatling", "-s",
                    "dev.fwbench.scenarios.RestSimulation", "-rf", tmp.resolve("gatling").toString());
            assertThat(gatling.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(gatling.exitValue()).as(Files.readString(tmp.resolve("gatling.out"))).isZero();

            JsonNode l = summary(tmp.resolve("runs"), "LeanLoad");
            JsonNode g = summary(tmp.resolve("runs"), "RestSimulation");
            double leanP50 = l.path("requests").get(0).path("correctedMs").path("p50").asDouble();
            double gatlingP50 = g.path("requests").get(0).path("correctedMs").path("p50").asDouble();
            System.out.printf("EngineAgreementIT: /json (2 ms server) at 20 req/s: lean p50 %.3f ms (floor %.3f), "
                    + "Gatling p50 %.3f ms (floor %.3f)%n", leanP50, l.path("clientFloorMs").path("json").path("p50").asDouble(),
                    gatlingP50, g.path("clientFloorMs").path("json").path("p50").asDouble());
            assertThat(leanP50).as("the lean engine sees the server's 2 ms").isBetween(2.0, CEILING_MS);
            assertThat(gatlingP50).as("Gatling sees the server's 2 ms").isBetween(2.0, CEILING_MS);
            assertThat(Math.abs(gatlingP50 - leanP50)).as("the engines agree").isLessThanOrEqualTo(TOLERANCE_MS);
            assertThat(l.path("requests").get(0).path("count").asLong()).isEqualTo(300);
            assertThat(g.path("requests").get(0).path("count").asLong()).isEqualTo(300);
            assertThat(l.path("clientFloorMs").path("json").path("p50").asDouble()).isPositive();
            assertThat(g.path("clientFloorMs").path("json").path("p50").asDouble()).isPositive();
        } finally {
            server.stop(0);
        }
    }

    private static JsonNode summary(Path runs, String scenario) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            Path run = dirs.filter(p -> p.getFileName().toString().endsWith("-" + scenario)).findFirst().orElseThrow();
            return JSON.readTree(run.resolve("hdr").resolve(scenario).resolve("external").resolve("summary.json").toFile());
        }
    }

    /** A driver in a JVM of its own, on this test's class path. */
    private static Process run(Path tmp, String name, List<String> properties, String... mainAndArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dfwbench.home=" + BenchHome.locate().root()));
        cmd.addAll(properties);
        cmd.addAll(List.of(mainAndArgs));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
