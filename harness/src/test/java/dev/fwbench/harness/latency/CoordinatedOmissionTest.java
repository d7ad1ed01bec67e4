package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HdrHistogram's canonical coordinated-omission case, on a fake clock: a plan of 100
 * requests/s (one every 10 ms) against a server answering in 1 ms, which freezes for 100 s
 * after 10,000 requests. The tester has one connection, so it sends request 10,001 only
 * when the frozen one returns, then works off its backlog of 9,999 requests at 1 ms each.
 *
 * <p>Timed from the actual send, the run looks fine: 19,999 x 1 ms and one 100 s, so
 * p99.99 = 1 ms. Timed from the intended start, the 10,000 requests the plan wanted to send
 * during the freeze waited about 100 s, 99.99 s, ... : p99 (the 200th worst of 20,000) is
 * about 100 s - 199 x 9 ms = 98.2 s (each backlog request is 10 ms later in the plan but
 * only 1 ms later in the catch-up).
 */
class CoordinatedOmissionTest {
    private static final long MS = 1_000_000L;
    private static final long PERIOD = 10 * MS; // 100 requests/s
    private static final long SERVICE = MS;     // 1 ms per request
    private static final long STALL = 100_000 * MS;
    private static final int BEFORE_STALL = 10_000;
    private static final int SCHEDULED = 20_000; // 200 s of plan

    /** Fake time, advanced by the test. */
    private long now;

    @Test
    void correctedTailShowsTheStallAndTheRawOneHidesIt(@TempDir Path dir) throws IOException {
        InjectorCpu cpu = new InjectorCpu(CpuBudget.given(1), 0.9);
        LatencyCapture capture = new LatencyCapture(dir, "fake", "canonical", "open model", () -> now, cpu);
        LatencyRecorder recorder = capture.recorder("req");

        long[] corrected = new long[SCHEDULED];
        long[] raw = new long[SCHEDULED];
        long free = 0; // when the single connection is free again
        long nextTick = 1_000 * MS;
        for (int k = 0; k < SCHEDULED; k++) {
            long intended = k * PERIOD;
            long start = Math.max(intended, free);
            long end = start + SERVICE + (k == BEFORE_STALL ? STALL : 0);
            free = end;
            // one-second ticks at the fake times, as the real ticker would
            while (nextTick <= start) {
                now = nextTick;
                capture.tick();
                nextTick += 1_000 * MS;
            }
            now = end;
            recorder.record(intended, start, end, true);
            corrected[k] = end - intended;
            raw[k] = end - start;
        }
        now = free + MS;
        capture.close();

        Arrays.sort(corrected);
        long exactP99 = corrected[(int) Math.ceil(0.99 * SCHEDULED) - 1];
        Histogram c = recorder.correctedTotal();
        Histogram u = recorder.uncorrectedTotal();

        assertThat(c.getTotalCount()).as("every scheduled request recorded once").isEqualTo(SCHEDULED);
        assertThat(u.getTotalCount()).isEqualTo(SCHEDULED);
        // the exact order statistic, within HdrHistogram's 3 significant digits (0.1 %)
        assertThat((double) c.getValueAtPercentile(99)).isCloseTo(exactP99, within(exactP99 * 0.001));
        assertThat(c.getValueAtPercentile(99) / 1e9).as("corrected p99 in s").isCloseTo(98.0, within(0.5));
        assertThat(u.getValueAtPercentile(99.99) / 1e6).as("raw p99.99 in ms").isCloseTo(1.0, within(0.001));
        assertThat(u.getMaxValue() / 1e9).as("raw max in s").isCloseTo(100.0, within(0.1));

        LatencySummary.Request summary = capture.summary().request("req");
        assertThat(summary.count()).isEqualTo(SCHEDULED);
        assertThat(summary.errors()).isZero();
        assertThat(summary.correctedMs().p99()).isCloseTo(exactP99 / 1e6, within(exactP99 / 1e6 * 0.001));
        assertThat(summary.uncorrectedMs().p9999()).isCloseTo(1.0, within(0.001));
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"p9999\"");
        assertThat(Files.readString(dir.resolve("summary.txt"))).contains("canonical on fake");

        // the interval logs add up to the same histogram
        assertThat(readBack(dir.resolve("req.corrected.hlog")).getTotalCount()).isEqualTo(SCHEDULED);
        Histogram rawFromLog = readBack(dir.resolve("req.uncorrected.hlog"));
        assertThat(rawFromLog.getValueAtPercentile(99.99)).isEqualTo(u.getValueAtPercentile(99.99));
    }

    @Test
    void errorsAreCountedAndStillTimed(@TempDir Path dir) {
        LatencyCapture capture = new LatencyCapture(dir, "fake", "errors", "open model", () -> now,
                new InjectorCpu(CpuBudget.given(1), 0.9));
        capture.recorder("x").record(0, 0, 5 * MS, true);
        capture.recorder("x").record(10 * MS, 12 * MS, 13 * MS, false);
        now = 20 * MS;
        capture.close();
        LatencySummary.Request r = capture.summary().request("x");
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.correctedMs().max()).isCloseTo(5.0, within(0.005));
        assertThat(r.uncorrectedMs().p50()).isCloseTo(1.0, within(0.001));
        assertThat(r.throughputPerSecond()).as("2 requests over 13 ms").isCloseTo(2 / 0.013, within(0.1));
    }

    static Histogram readBack(Path hlog) throws IOException {
        Histogram total = new Histogram(3);
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            while (reader.hasNext()) {
                total.add((Histogram) reader.nextIntervalHistogram());
            }
        }
        return total;
    }
}
