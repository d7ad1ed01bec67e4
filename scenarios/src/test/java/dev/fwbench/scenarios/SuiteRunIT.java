package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fwbench.harness.testing.Interruptible;
import dev.fwbench.harness.testing.LoopbackHttp;
import dev.fwbench.harness.testing.ReportInBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench run} for real, as a user runs it (the CLI in its own JVM, every trial a Gatling
 * JVM of its own): the smoke plan against both apps; a difference of 5 ms that {@code bench
 * compare} must find, between two suites of one plan against two loopback servers this test
 * starts (one answering 5 ms later than the other), and must not find between a suite and
 * itself; Ctrl-C keeping what ran, and {@code --resume} finishing it. Each suite's report.html,
 * and the before / after report of two, is opened in headless Chromium ({@link ReportInBrowser}).
 */
class SuiteRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSmokePlanRunsBothTargetsAndWritesTheSuite(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run.out");
        Process p = BenchCli.start(tmp, out, "run", "smoke");
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        Path suite = BenchCli.onlySuite(tmp.resolve("runs"));
        assertThat(suite.resolve("plan.yaml")).content().containsPattern("name: \"?smoke").contains("seed: 7");
        assertThat(suite.resolve("summary.txt")).content().contains("nestjs/json").contains("django/json");
        JsonNode s = JSON.readTree(suite.resolve("suite.json").toFile());
        assertThat(s.path("schema").asText()).isEqualTo("fwbench-suite/1");
        assertThat(s.path("outcome").asText()).isEqualTo("completed");
        assertThat(s.path("trials").size()).isEqualTo(4);
        for (JsonNode t : s.path("trials")) {
            assertThat(t.path("outcome").asText()).as(t.toString()).isEqualTo("ok");
            assertThat(t.path("requests").path("json").path("count").asLong()).isPositive();
            assertThat(t.path("requests").path("json").path("p99").asDouble()).isPositive();
            assertThat(suite.resolve(t.path("folder").asText()).resolve("run.json")).isRegularFile();
        }
        // interleaved: the two targets alternate within each block of the seeded order
        List<String> order = new ArrayList<>();
        s.path("order").forEach(o -> order.add(o.path("cell").asText()));
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("nestjs/json", "django/json");
        assertThat(s.path("cells").size()).isEqualTo(2);
        assertThat(s.path("cells").get(0).path("requests").path("json").path("throughput").path("median").asDouble())
                .isPositive();
        JsonNode cmp = s.path("comparisons").get(0);
        assertThat(cmp.path("cellA").asText()).isEqualTo("nestjs/json");
        assertThat(cmp.path("cellB").asText()).isEqualTo("django/json");
        assertThat(cmp.path("comparison").path("verdict").asText()).as("2 + 2 trials cannot decide").isEqualTo("TOO_FEW_TRIALS");
        // the suite's report, written by bench run itself, in a real browser with no network
        ReportInBrowser.check(suite.resolve("report.html"), "smoke-suite", "nestjs", "django");
        for (JsonNode t : s.path("trials")) {
            assertThat(suite.resolve(t.path("folder").asText()).resolve("report.html")).as("each lean run's own report")
                    .isRegularFile();
        }
    }

    @Test
    void compareFindsAFiveMillisecondDifferenceAndNoneBetweenASuiteAndItself(@TempDir Path tmp) throws Exception {
        HttpServer fast = LoopbackHttp.jsonServer(0);
        HttpServer slow = LoopbackHttp.jsonServer(5);
        try {
            Path a = suite(tmp, "fast", fast);
            Path b = suite(tmp, "slow", slow);
            Path out = tmp.resolve("compare.out");
            Process c = BenchCli.start(tmp, out, "compare", a.toString(), b.toString(), "--fail-on", "10%");
            assertThat(c.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String text = Files.readString(out);
            assertThat(c.exitValue()).as("a gated metric (p50) got slower by far more than 10 %%:%n%s", text).isEqualTo(1);
            // p50 only: a tail percentile of 6 short trials on a shared 2-core machine is too noisy
            // for a 5 ms step to be significant every time (seen: p99 CV 55 %, p = 0.078 after Holm)
            assertThat(text).containsPattern("json p50 \\(ms\\).*slower").contains("fail: significantly worse");
            // the CI of the p50 ratio excludes 1: B is at least 5 ms slower on a sub-millisecond p50
            Path same = tmp.resolve("same.out");
            Process s = BenchCli.start(tmp, same, "compare", a.toString(), a.toString(), "--fail-on", "10%");
            assertThat(s.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String sameText = Files.readString(same);
            assertThat(s.exitValue()).as(sameText).isZero();
            assertThat(sameText).doesNotContain("slower").doesNotContain("faster").contains("pass:");
            JsonNode slowSuite = JSON.readTree(b.resolve("suite.json").toFile());
            JsonNode fastSuite = JSON.readTree(a.resolve("suite.json").toFile());
            double p50Fast = fastSuite.path("cells").get(0).path("requests").path("json").path("p50").path("median").asDouble();
            double p50Slow = slowSuite.path("cells").get(0).path("requests").path("json").path("p50").path("median").asDouble();
            assertThat(p50Slow - p50Fast).as("the 5 ms the slow server adds, seen in the medians").isBetween(4.0, 8.0);

            // two suites: the before / after report (into A), its charts overlaid, in a real browser
            Process r = BenchCli.start(tmp, tmp.resolve("report.out"), "report", a.toString(), b.toString());
            assertThat(r.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(r.exitValue()).as(Files.readString(tmp.resolve("report.out"))).isZero();
            String page = Files.readString(a.resolve("report.html"));
            assertThat(page).contains("Before / after").containsPattern("json.*p50");
            ReportInBrowser.check(a.resolve("report.html"), "before-after", "ext");
        } finally {
            fast.stop(0);
            slow.stop(0);
        }
    }

    @Test
    void ctrlCKeepsWhatRanAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        HttpServer fast = LoopbackHttp.jsonServer(0);
        try {
            Path plan = plan(tmp, "resume", fast, 3, 8);
            Path out = tmp.resolve("run.out");
            Process p = BenchCli.start(tmp, out, "run", plan.toString());
            // Ctrl-C once the last trial has started (two have finished): it runs 9 s, so the signal finds
            // it running (on the second trial's "ok" line, a clean-clone run once saw the third finish first)
            Interruptible.awaitLine(out, p, "trial 3/3 [", 300);
            Interruptible.ctrlC(p);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Path suite = BenchCli.onlySuite(tmp.resolve("runs"));
            JsonNode s = JSON.readTree(suite.resolve("suite.json").toFile());
            assertThat(s.path("outcome").asText()).isEqualTo("interrupted");
            long ok = 0;
            for (JsonNode t : s.path("trials")) {
                ok += t.path("outcome").asText().equals("ok") ? 1 : 0;
            }
            assertThat(ok).as("the finished trials are kept").isGreaterThanOrEqualTo(2);

            Path resumed = tmp.resolve("resume.out");
            Process r = BenchCli.start(tmp, resumed, "run", "--resume", suite.toString());
            assertThat(r.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(r.exitValue()).as(Files.readString(resumed)).isZero();
            JsonNode done = JSON.readTree(suite.resolve("suite.json").toFile());
            assertThat(done.path("outcome").asText()).isEqualTo("completed");
            assertThat(done.path("trials").size()).isEqualTo(3);
            for (JsonNode t : done.path("trials")) {
                assertThat(t.path("outcome").asText()).isEqualTo("ok");
            }
        } finally {
            fast.stop(0);
        }
    }

    @Test
    void aSweepOfTwoTargetsGetsItsChartsDrawn(@TempDir Path tmp) throws Exception {
        HttpServer fast = LoopbackHttp.jsonServer(0);
        HttpServer slow = LoopbackHttp.jsonServer(2);
        try {
            Path plan = tmp.resolve("sweep.yaml");
            Files.writeString(plan, """
                    name: sweep
                    trials: 1
                    seed: 5
                    targets:
                      - {name: fast, url: "http://127.0.0.1:%d"}
                      - {name: slow, url: "http://127.0.0.1:%d"}
                    workloads:
                      - {name: json, engine: lean, requests: json, rate: [40, 80], warmup: 1, duration: 2,
                         client.floor.seconds: 1, slo.p99.ms: 50}
                    """.formatted(fast.getAddress().getPort(), slow.getAddress().getPort()));
            Path out = tmp.resolve("sweep.out");
            Process p = BenchCli.start(tmp, out, "run", plan.toString());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(out)).isZero();
            Path suite = BenchCli.onlySuite(tmp.resolve("runs"));
            JsonNode page = ReportInBrowser.check(suite.resolve("report.html"), "sweep", "fast", "slow");
            List<String> ids = new ArrayList<>();
            page.path("charts").forEach(c -> ids.add(c.path("id").asText()));
            assertThat(ids).as("a sweep chart beside the spectra, timelines").anyMatch(id -> id.startsWith("sweep-"))
                    .anyMatch(id -> id.startsWith("spectrum-")).anyMatch(id -> id.startsWith("timeline-"));
        } finally {
            fast.stop(0);
            slow.stop(0);
        }
    }

    /** A suite of 6 trials of /json against one loopback server; returns its directory. */
    private static Path suite(Path tmp, String name, HttpServer server) throws Exception {
        Path plan = plan(tmp, name, server, 6, 3);
        Path out = tmp.resolve(name + ".out");
        Process p = BenchCli.start(tmp.resolve(name), out, "run", plan.toString());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        return BenchCli.onlySuite(tmp.resolve(name).resolve("runs"));
    }

    private static Path plan(Path tmp, String name, HttpServer server, int trials, int seconds) throws Exception {
        Path plan = tmp.resolve(name + ".yaml");
        Files.writeString(plan, """
                name: ext
                trials: %d
                seed: 3
                targets:
                  - {name: ext, url: "http://127.0.0.1:%d"}
                workloads:
                  - {name: json, simulation: RestSimulation, requests: json, rate: 100, warmup: 1, duration: %d}
                gate: {metrics: [p50, p99]}
                """.formatted(trials, server.getAddress().getPort(), seconds));
        return plan;
    }
}
