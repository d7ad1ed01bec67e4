package dev.fwbench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.baseline.BaselineServer;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.shards.ClockOffset;
import dev.fwbench.harness.shards.ClockServer;
import dev.fwbench.harness.shards.ShardMerge;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatling as two shards of one run ({@code -Dshard=i/2 -Dstart.at=...}, each a JVM of its own as
 * {@code mvn gatling:test} forks), against a loopback server that answers every request
 * {@value #DELAY_MS} ms late, with the shards' reference clock beside it; their runs merged by
 * {@code bench merge}'s code and compared with one Gatling JVM playing the whole plan: the same
 * count (every arrival of the plan, each played once), medians within 2 ms (Gatling's pauses
 * have 1 ms resolution, and two JVMs share 2 cores), and each shard tagged in its run.json and
 * interval logs. Then a shard without a start
 * instant is refused with one line.
 */
class GatlingShardsIT {
    private static final double DELAY_MS = 5;
    private static final int RATE = 200;
    private static final int DURATION = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoGatlingShardsMergeIntoTheWholePlansRun(@TempDir Path tmp) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (BaselineServer target = new BaselineServer(new InetSocketAddress(loopback, 0), (long) (DELAY_MS * 1e6), "nestjs");
             ClockServer clock = new ClockServer(new InetSocketAddress(loopback, 0))) {
            List<String> plan = List.of("-Dbase.url=" + target.baseUrl(), "-Drequests=json", "-Drate=" + RATE, "-Dwarmup=2",
                    "-Dduration=" + DURATION, "-Dclient.floor.seconds=1");
            // far enough ahead for two JVMs starting at once on two busy cores (the lead check needs 5 s of it left)
            Instant startAt = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
            List<Process> shards = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                List<String> p = new ArrayList<>(plan);
                p.addAll(List.of("-Dshard=" + i + "/2", "-Dstart.at=" + startAt, "-Dclock.url=" + clock.url(),
                        "-Dfwbench.runs=" + tmp.resolve("shard" + i)));
                shards.add(gatling(tmp, "shard" + i, p));
            }
            for (int i = 0; i < 2; i++) {
                assertThat(shards.get(i).waitFor(3, TimeUnit.MINUTES)).as("shard %d finished", i + 1).isTrue();
                assertThat(shards.get(i).exitValue()).as(Files.readString(tmp.resolve("shard" + (i + 1) + ".out"))).isZero();
            }
            List<String> whole = new ArrayList<>(plan);
            whole.add("-Dfwbench.runs=" + tmp.resolve("whole"));
            Process one = gatling(tmp, "whole", whole);
            assertThat(one.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(one.exitValue()).as(Files.readString(tmp.resolve("whole.out"))).isZero();

            List<Path> runs = List.of(run(tmp.resolve("shard1")), run(tmp.resolve("shard2")));
            ShardMerge.Result merged = ShardMerge.merge(runs, tmp.resolve("merged"), ClockOffset.DEFAULT_BOUND_MS);
            LatencySummary.Request all = request(tmp.resolve("merged"));
            LatencySummary.Request alone = request(run(tmp.resolve("whole")));
            LatencySummary.Request first = request(runs.get(0));
            LatencySummary.Request second = request(runs.get(1));
            System.out.printf("%nGatling, 2 shards merged vs one injector, %d req/s for %d s against a %.0f ms server:%n"
                            + "  %-10s %6s %8s %8s %8s%n  %-10s %6d %8.3f %8.3f %8.3f%n  %-10s %6d %8.3f %8.3f %8.3f%n"
                            + "  shards: %d + %d, lag p99 %s / %s ms; merged: %s%n", RATE, DURATION, DELAY_MS, "", "count",
                    "p50", "p90", "p99", "one", alone.count(), alone.correctedMs().p50(), alone.correctedMs().p90(),
                    alone.correctedMs().p99(), "merged", all.count(), all.correctedMs().p50(), all.correctedMs().p90(),
                    all.correctedMs().p99(), first.count(), second.count(), lagP99(runs.get(0)), lagP99(runs.get(1)),
                    merged.valid() ? "valid" : "INVALID " + merged.invalidReasons());

            assertThat(alone.count()).as("one injector: every measured arrival").isEqualTo((long) RATE * DURATION);
            assertThat(first.count()).as("shard 1: the even arrivals").isEqualTo((long) RATE * DURATION / 2);
            assertThat(second.count()).as("shard 2: the odd arrivals").isEqualTo((long) RATE * DURATION / 2);
            assertThat(all.count()).as("2 shards merged: the same arrivals").isEqualTo(alone.count());
            assertThat(all.errors() + alone.errors()).isZero();
            // a shard's user that Gatling starts early waits for its due time, rounded up to Gatling's whole
            // milliseconds, and the two shards' JVMs share 2 cores with the server: seen merged p50 6.16 ms vs 5.65
            // alone (and 6.7 vs 5.4 before the due time moved with the rounding). A schedule off by Gatling's start
            // (0.6 s) or a lost interval is far outside this
            assertThat(all.correctedMs().p50()).isGreaterThanOrEqualTo(DELAY_MS).isCloseTo(alone.correctedMs().p50(),
                    Offset.offset(0.4 * DELAY_MS));
            // (p90s differ by the machine's jitter: seen 6.4 merged vs 8.3 alone on 2 busy cores)
            assertThat(all.correctedMs().p90()).isGreaterThanOrEqualTo(all.correctedMs().p50());
            // Gatling's lag may pass the 1 ms rule here, sharded or not (its timers wake late on 2 busy cores: seen
            // p99 1.5 and 2.4 ms for the shards, 3.7 ms for one Gatling alone at 100 req/s): judged, not asserted
            assertThat(merged.invalidReasons()).as("no shard fell behind, started late or ran off the clock")
                    .noneMatch(r -> r.contains("fell behind") || r.contains("started") || r.contains("clock"));

            JsonNode shard2 = JSON.readTree(runs.get(1).resolve("run.json").toFile());
            assertThat(shard2.path("parameters").path("driver").asText()).isEqualTo("gatling");
            assertThat(shard2.path("shard").path("part").asText()).contains("k mod 2 = 1");
            assertThat(shard2.path("shard").path("startAt").asText()).isEqualTo(startAt.toString());
            assertThat(shard2.path("shard").path("clock").path("errorMs").asDouble()).as("half a loopback round trip")
                    .isLessThan(2.0);
            assertThat(Files.readAllLines(runs.get(1).resolve("hdr/RestSimulation/external/json.corrected.hlog")).get(0))
                    .contains("shard 2/2");
            assertThat(shard2.path("clientFloorMs").path("json").path("p50").asDouble()).as("its floor, after the load")
                    .isPositive();
            JsonNode mergedRun = JSON.readTree(tmp.resolve("merged/run.json").toFile());
            assertThat(mergedRun.path("shards")).hasSize(2);
            assertThat(mergedRun.path("merge").path("startAt").asText()).isEqualTo(startAt.toString());

            List<String> refused = new ArrayList<>(plan);
            refused.addAll(List.of("-Dshard=2/2", "-Dfwbench.runs=" + tmp.resolve("refused")));
            Process bad = gatling(tmp, "refused", refused);
            assertThat(bad.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(tmp.resolve("refused.out"));
            assertThat(bad.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("[fwbench] error: -Dshard=2/2 needs -Dstart.at=<UTC instant>")
                    .doesNotContain("at dev.fwbench");
        }
    }

    private static String lagP99(Path run) {
        LatencySummary s = LatencySummary.read(run.resolve("hdr/RestSimulation/external/summary.json"));
        return s.lag() == null ? "-" : String.format("%.3f", s.lag().p99Ms());
    }

    private static LatencySummary.Request request(Path run) {
        return LatencySummary.read(run.resolve("hdr/RestSimulation/external/summary.json")).requests().get(0);
    }

    private static Path run(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(p -> p.getFileName().toString().endsWith("-RestSimulation")).findFirst().orElseThrow();
        }
    }

    /** Gatling's own main in a JVM of its own, on this test's class path (what the Maven plugin forks). */
    private static Process gatling(Path tmp, String name, List<String> properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dfwbench.home=" + BenchHome.locate().root()));
        cmd.addAll(properties);
        cmd.addAll(List.of("io.gatling.app.Gatling", "-s", "dev.fwbench.scenarios.RestSimulation",
                "-rf", tmp.resolve("gatling-" + name).toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
