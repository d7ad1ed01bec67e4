package dev.fwbench.harness.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.latency.CpuBudget;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.IntervalLog;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge on synthetic latencies: arrival k of a 300 req/s plan takes a latency that is a
 * fixed function of k (0.2 to 20 ms, a long tail), timed by one injector playing the whole
 * schedule and by three shards playing their arrivals, each shard's ticks late by another few
 * ms (as a scheduled executor's are) and one shard's clock 4 ms behind the reference (its stamps
 * 4 ms early, its offset recorded). The merged run must be the single
 * injector's: the same counts, the same percentiles exactly (the same values in the same
 * buckets: nothing estimated, nothing averaged), the same count in every 1-s interval; one
 * arrival in 97 fails, and the errors per second merge alike.
 */
class ShardMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoadShape PLAN = new LoadShape(LoadShape.Model.OPEN, 300, null, 1, 0, 3);

    @TempDir
    Path tmp;

    /** Arrival k's latency in ns: mostly 0.2-2 ms, one in 50 about 10-20 ms. */
    private static long latency(long k) {
        long base = 200_000 + (k * 7_919 % 1_800) * 1_000;
        return k % 50 == 7 ? 10_000_000 + (k * 104_729 % 10_000) * 1_000 : base;
    }

    /**
     * A run directory of one injector that played {@code shard}'s arrivals, its clock
     * {@code behindMs} behind the reference, its interval ticks {@code tickLateMs} after each whole second.
     */
    private Path injector(String name, Shard shard, Instant start, double behindMs, long tickLateMs, ClockOffset clock)
            throws Exception {
        Path run = tmp.resolve(name);
        Path dir = run.resolve("hdr/LeanLoad/nestjs");
        long[] fake = {0};
        LatencyCapture capture = new LatencyCapture(dir, "nestjs", "LeanLoad", PLAN.correction(), () -> fake[0],
                new InjectorCpu(CpuBudget.given(1), 0.9));
        long opened = System.currentTimeMillis(); // the capture's epoch, within a ms of this
        // on this injector's monotonic clock: when the start instant is, as its own (late) wall clock reads it
        long startNanos = (start.toEpochMilli() - opened) * 1_000_000L - (long) (behindMs * 1e6);
        long late = tickLateMs * 1_000_000L;
        LatencyRecorder r = capture.recorder("json");
        for (long n = -2; n <= 0; n++) { // before the start: a part-second, then whole seconds, empty
            fake[0] = startNanos + n * 1_000_000_000L + late;
            capture.tick();
        }
        long[] measured = PLAN.measuredArrivals();
        for (int second = 0; second < PLAN.durationSeconds(); second++) {
            for (long k = shard.firstAtOrAfter(measured[0]); k < measured[1]; k += shard.count()) {
                long due = PLAN.intendedOffsetNanos(k);
                if (due / 1_000_000_000L == second) {
                    r.record(startNanos + due, startNanos + due + 50_000, startNanos + due + latency(k), k % 97 != 3);
                }
            }
            fake[0] = startNanos + (second + 1) * 1_000_000_000L + late;
            capture.tick();
        }
        fake[0] += 1_000_000;
        capture.close();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("index", shard.index());
        facts.put("count", shard.count());
        facts.put("startAt", start.toString());
        facts.put("plan", PLAN.toMap());
        if (clock != null) {
            facts.put("clock", clock);
        }
        facts.put("clockDomain", Map.of("bootId", "one-kernel", "hostname", name));
        facts.put("lateStartMs", 0.0);
        Map<String, Object> runJson = new LinkedHashMap<>();
        runJson.put("runId", name);
        runJson.put("parameters", Map.of("simulation", "LeanLoad", "requests", List.of("json")));
        runJson.put("shard", facts);
        runJson.put("outcome", "completed");
        JSON.writeValue(run.resolve("run.json").toFile(), runJson);
        return run;
    }

    private static ClockOffset offset(double ms) {
        return new ClockOffset("http://clock:7070", 32, ms, 0.05, 0.1, Instant.now().toString());
    }

    private List<Path> threeShards(Instant start, double shard3BehindMs) throws Exception {
        List<Path> shards = new ArrayList<>();
        shards.add(injector("shard-1", new Shard(1, 3), start, 0, 2, offset(0)));
        shards.add(injector("shard-2", new Shard(2, 3), start, 0, 7, offset(0)));
        shards.add(injector("shard-3", new Shard(3, 3), start, shard3BehindMs, 1, offset(shard3BehindMs)));
        return shards;
    }

    /** Counts per 1-s interval, keyed by seconds from the start instant. */
    private static Map<Long, Long> perSecond(Path hlog, Instant start) {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (Histogram h : IntervalLog.read(hlog).intervals().stream().map(IntervalLog.Interval::histogram).toList()) {
            if (h.getTotalCount() > 0) {
                m.merge(Math.round((h.getStartTimeStamp() - start.toEpochMilli()) / 1000.0), h.getTotalCount(), Long::sum);
            }
        }
        return m;
    }

    @Test
    void threeShardsMergedAreTheSingleInjectorExactly() throws Exception {
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000 + 5_000);
        Path single = injector("single", Shard.WHOLE, start, 0, 3, offset(0));
        List<Path> shards = threeShards(start, 4.0);
        ShardMerge.Result merged = ShardMerge.merge(shards, tmp.resolve("merged"), ClockOffset.DEFAULT_BOUND_MS);

        assertThat(merged.valid()).as("reasons: %s", merged.invalidReasons()).isTrue();
        LatencySummary.Request one = LatencySummary.read(single.resolve("hdr/LeanLoad/nestjs/summary.json")).request("json");
        LatencySummary.Request all = LatencySummary.read(tmp.resolve("merged/hdr/LeanLoad/nestjs/summary.json"))
                .request("json");
        assertThat(all.count()).isEqualTo(one.count()).isEqualTo(900);
        long sum = 0;
        for (Path s : shards) {
            sum += LatencySummary.read(s.resolve("hdr/LeanLoad/nestjs/summary.json")).request("json").count();
        }
        assertThat(all.count()).as("the sum of the shards'").isEqualTo(sum);
        assertThat(all.errors()).as("one in 97 failed").isEqualTo(one.errors()).isEqualTo(10);
        assertThat(perSecond(tmp.resolve("merged/hdr/LeanLoad/nestjs/json.errors.hlog"), start))
                .as("errors per second, from the merged error logs")
                .isEqualTo(perSecond(single.resolve("hdr/LeanLoad/nestjs/json.errors.hlog"), start));
        assertThat(all.correctedMs()).isEqualTo(one.correctedMs());
        assertThat(all.uncorrectedMs()).isEqualTo(one.uncorrectedMs());
        assertThat(all.correctedMs().p99()).as("the tail is in it").isGreaterThan(10.0);
        // the window: the first arrival to the last completion, as one injector's
        assertThat(all.durationSeconds()).isCloseTo(one.durationSeconds(), org.assertj.core.data.Offset.offset(0.002));
        assertThat(perSecond(tmp.resolve("merged/hdr/LeanLoad/nestjs/json.corrected.hlog"), start))
                .as("every second holds the requests due in it, shard 3's moved by its clock offset")
                .isEqualTo(perSecond(single.resolve("hdr/LeanLoad/nestjs/json.corrected.hlog"), start))
                .containsEntry(0L, 300L).containsEntry(1L, 300L).containsEntry(2L, 300L);
        JsonNode run = JSON.readTree(tmp.resolve("merged/run.json").toFile());
        assertThat(run.path("valid").asBoolean()).isTrue();
        assertThat(run.path("shards")).hasSize(3);
        assertThat(run.path("measuredRequests").path("nestjs").path("completed").asLong()).isEqualTo(900);
        assertThat(run.has("shard")).as("the merged run is no shard").isFalse();
    }

    @Test
    void percentilesComeFromMergedHistogramsNeverFromAveragingTheShards() throws Exception {
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000 + 5_000);
        List<Path> shards = threeShards(start, 0);
        ShardMerge.merge(shards, tmp.resolve("merged"), ClockOffset.DEFAULT_BOUND_MS);
        double mergedP99 = LatencySummary.read(tmp.resolve("merged/hdr/LeanLoad/nestjs/summary.json")).request("json")
                .correctedMs().p99();
        Histogram union = new Histogram(3);
        double averaged = 0;
        for (Path s : shards) {
            Histogram h = new Histogram(3);
            h.add(IntervalLog.read(s.resolve("hdr/LeanLoad/nestjs/json.corrected.hlog")).total());
            union.add(h);
            averaged += LatencySummary.Percentiles.of(h).p99() / 3;
        }
        assertThat(mergedP99).isEqualTo(LatencySummary.Percentiles.of(union).p99());
        assertThat(mergedP99).as("an average of the shards' p99s is another number").isNotEqualTo(averaged);
    }

    @Test
    void aClockBeyondTheBoundMakesTheMergedRunInvalidWithTheReason() throws Exception {
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000 + 5_000);
        ShardMerge.Result merged = ShardMerge.merge(threeShards(start, 40.0), tmp.resolve("merged"),
                ClockOffset.DEFAULT_BOUND_MS);
        assertThat(merged.valid()).isFalse();
        assertThat(merged.invalidReasons()).singleElement().asString()
                .contains("shard 3/3", "clock offset 40.000 ms", "beyond the 10.0 ms bound");
        JsonNode run = JSON.readTree(tmp.resolve("merged/run.json").toFile());
        assertThat(run.path("valid").asBoolean(true)).isFalse();
        assertThat(run.path("trustworthy").asBoolean(true)).isFalse();
        assertThat(run.path("invalidReasons").get(0).asText()).contains("shard 3/3");
        // the merged run reads as any run, and its report says at the top why it is invalid (not "saturated")
        String page = Files.readString(HtmlReport.write(List.of(tmp.resolve("merged")), List.of()));
        assertThat(page).contains("merged from 3 shards, INVALID: shard 3/3").doesNotContain("injector was saturated");
    }

    @Test
    void aMissingShardOrAShardOfAnotherRunIsRefusedNamingIt() throws Exception {
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000 + 5_000);
        List<Path> shards = threeShards(start, 0);
        assertThatThrownBy(() -> ShardMerge.merge(shards.subList(0, 2), tmp.resolve("m1"), 10))
                .isInstanceOf(BenchException.class).hasMessageContaining("missing: 3/3");
        Path other = injector("other", new Shard(3, 3), start.plusSeconds(60), 0, 1, offset(0));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(shards.get(0), shards.get(1), other), tmp.resolve("m2"), 10))
                .isInstanceOf(BenchException.class).hasMessageContaining("not one run");
        assertThat(Files.exists(tmp.resolve("m1"))).as("nothing written").isFalse();
    }

    @Test
    void aShardThatSentTooFewOrLateIsNamedWithItsNumbers() {
        LatencySummary.Percentiles p = new LatencySummary.Percentiles(1, 1, 1, 1, 1, 1);
        LatencySummary few = new LatencySummary("nestjs", "LeanLoad", "", null,
                List.of(new LatencySummary.Request("json", 250, 0, 3, 83, p, p)), null, null, null);
        assertThat(ShardVerdict.reasons(new Shard(2, 3), PLAN, few, null, false, 0.0, 10)).singleElement().asString()
                .contains("shard 2/3 on nestjs fell behind", "83.3 req/s achieved of its share 100.0 req/s", "250 of its 300");
        LatencySummary late = new LatencySummary("nestjs", "LeanLoad", "", null,
                List.of(new LatencySummary.Request("json", 300, 0, 3, 100, p, p)),
                new dev.fwbench.harness.latency.ScheduleLag.Report(300, 0.1, 4.5, 9, 1.0, true), null, null);
        assertThat(ShardVerdict.reasons(new Shard(2, 3), PLAN, late, null, true, 25.0, 10))
                .anyMatch(r -> r.contains("lag p99 4.500 ms above 1.000 ms"))
                .anyMatch(r -> r.contains("clock was not checked"))
                .anyMatch(r -> r.contains("started 25.0 ms after the start instant"));
    }
}
