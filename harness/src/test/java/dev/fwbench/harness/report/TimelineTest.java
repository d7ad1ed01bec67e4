package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.latency.CpuBudget;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-second series from interval logs the capture wrote on a fake clock: an empty
 * second (the warm-up) left out, then a second of 10 requests at 2 ms, a stalled second of 5
 * at 50 ms of which 2 failed.
 */
class TimelineTest {
    private static final long MS = 1_000_000L;
    private static final java.util.Comparator<Double> CLOSE = (a, b) -> Math.abs(a - b) <= 0.05 ? 0 : Double.compare(a, b);
    private long now;

    @Test
    void eachMeasuredSecondGivesItsPercentilesRateAndErrors(@TempDir Path dir) {
        LatencyCapture capture = new LatencyCapture(dir, "t", "sim", "open model", () -> now,
                new InjectorCpu(CpuBudget.given(1), 0.9));
        LatencyRecorder r = capture.recorder("get");
        tick(capture, 1_000);                     // second 1: warm-up, nothing recorded
        for (int i = 0; i < 10; i++) {
            long start = 1_000 * MS + i * 10 * MS;
            r.record(start, start, start + 2 * MS, true);
        }
        tick(capture, 2_000);
        for (int i = 0; i < 5; i++) {
            long start = 2_000 * MS + i * 10 * MS;
            r.record(start, start, start + 50 * MS, i >= 2);
        }
        tick(capture, 3_000);
        tick(capture, 4_000);                     // an empty second after the load: left out too
        capture.close();

        Timeline t = Timeline.of(dir.resolve("get.corrected.hlog"), dir.resolve("get.errors.hlog"));
        assertThat(t.t()).containsExactly(0.0, 1.0);
        // HdrHistogram keeps 3 significant digits: 2 ms reads back as 2.001, 50 ms as 50.004
        assertThat(t.p50()).usingElementComparator(CLOSE).containsExactly(2.0, 50.0);
        assertThat(t.p99()).usingElementComparator(CLOSE).containsExactly(2.0, 50.0);
        assertThat(t.max()).usingElementComparator(CLOSE).containsExactly(2.0, 50.0);
        assertThat(t.rate()).containsExactly(10.0, 5.0);
        assertThat(t.errors()).containsExactly(0.0, 2.0);
    }

    @Test
    void aRunWrittenBeforeTheErrorsLogHasNoErrorSeries(@TempDir Path dir) {
        LatencyCapture capture = new LatencyCapture(dir, "t", "sim", "open model", () -> now,
                new InjectorCpu(CpuBudget.given(1), 0.9));
        capture.recorder("get").record(0, 0, MS, true);
        tick(capture, 1_000);
        capture.close();
        Timeline t = Timeline.of(dir.resolve("get.corrected.hlog"), dir.resolve("missing.errors.hlog"));
        assertThat(t.rate()).containsExactly(1.0);
        assertThat(t.errors()).isNull();
    }

    private void tick(LatencyCapture capture, long atMs) {
        now = atMs * MS;
        capture.tick();
    }
}
