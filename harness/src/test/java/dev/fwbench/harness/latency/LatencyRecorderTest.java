package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the recorders do before anything is measured: their histograms are sized from the start
 * (without the sizing value showing anywhere), each has a warm-up twin that nothing reports, and
 * the capture's JIT warm-up leaves nothing behind.
 */
class LatencyRecorderTest {
    @Test
    void histogramsAreSizedFromTheStartAndStartEmpty() {
        LatencyRecorder r = new LatencyRecorder("json");
        LatencyRecorder.Interval first = r.takeInterval();
        assertThat(first.corrected().getTotalCount()).isZero();
        assertThat(first.uncorrected().getTotalCount()).isZero();
        assertThat(first.failed().getTotalCount()).isZero();
        for (int i = 0; i < 4; i++) { // every histogram the recorder swaps between
            r.record(1_000, 1_500, 2_000 + i, true);
            LatencyRecorder.Interval in = r.takeInterval();
            assertThat(in.corrected().getTotalCount()).isEqualTo(1);
            assertThat(in.corrected().getMaxValue()).isLessThan(2_000);
            assertThat(in.corrected().getHighestTrackableValue()).isGreaterThanOrEqualTo(LatencyRecorder.PRIMED_RANGE_NANOS);
        }
        assertThat(r.correctedTotal().getTotalCount()).isEqualTo(4);
        assertThat(r.correctedTotal().getMaxValue()).isLessThan(2_000);
        assertThat(r.windowSeconds()).isPositive();
    }

    @Test
    void aSingleWriterRecorderRecordsTheSame(@TempDir Path dir) {
        LatencyCapture c = new LatencyCapture(dir, "t", "t", "none", NanoClock.SYSTEM,
                new InjectorCpu(CpuBudget.given(1), 0.9));
        LatencyRecorder one = c.singleWriterRecorder("json");
        LatencyRecorder any = new LatencyRecorder("json");
        assertThat(c.recorder("json")).as("the kind first asked for stays").isSameAs(one);
        for (int i = 1; i <= 1000; i++) {
            one.record(0, i * 500L, i * 1_000L, i % 100 != 0);
            any.record(0, i * 500L, i * 1_000L, i % 100 != 0);
        }
        one.takeInterval();
        any.takeInterval();
        assertThat(one.correctedTotal()).isEqualTo(any.correctedTotal());
        assertThat(one.uncorrectedTotal()).isEqualTo(any.uncorrectedTotal());
        assertThat(one.errors()).isEqualTo(any.errors()).isEqualTo(10);
        assertThat(one.warmUp()).isNotSameAs(any.warmUp());
        c.close();
        assertThat(c.summary().requests().get(0).count()).isEqualTo(1000);
    }

    @Test
    void theLagIsSizedFromTheStartToo() {
        ScheduleLag lag = new ScheduleLag(1.0);
        lag.record(20_000);
        ScheduleLag.Report rep = lag.report();
        assertThat(rep.count()).isEqualTo(1);
        assertThat(rep.maxMs()).isEqualTo(0.02);
    }

    @Test
    void theWarmUpTwinIsOneAndApart() {
        LatencyRecorder r = new LatencyRecorder("json");
        assertThat(r.warmUpIfAny()).isNull();
        LatencyRecorder w = r.warmUp();
        assertThat(r.warmUp()).isSameAs(w);
        w.record(0, 0, 5_000, false);
        r.takeInterval();
        assertThat(r.correctedTotal().getTotalCount()).isZero();
        assertThat(r.errors()).isZero();
        assertThat(w.errors()).isEqualTo(1);
    }

    @Test
    void theCapturesJitWarmUpLeavesNoFolderBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countWarmUpFolders(tmp);
        double seconds = LatencyCapture.warmUpJit(new InjectorCpu(CpuBudget.given(1), 0.9), 5);
        assertThat(seconds).isPositive();
        assertThat(countWarmUpFolders(tmp)).isEqualTo(before);
    }

    private static long countWarmUpFolders(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("fwbench-capture-warm-up")).count();
        }
    }
}
