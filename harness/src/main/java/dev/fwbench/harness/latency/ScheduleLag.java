package dev.fwbench.harness.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How late the injector itself was: for each measured request of an open-model schedule, the
 * time from when it was due to when the injector took it off its schedule (for Gatling: to
 * when the request's first action ran). A healthy injector takes each request within
 * microseconds of its due time; one that cannot keep up (out of CPU, a GC pause, a schedule
 * faster than its event loop) falls behind, and every latency it then reports includes its
 * own queueing. CPU samples ({@link InjectorCpu}) see a busy injector; the lag sees the
 * consequence directly, even when the CPU is taken by something else on shared cores.
 *
 * <p><b>Rule</b>: the run is "injector saturated" when the p99 of the lag exceeds
 * {@code thresholdMs} ({@code -Dinjector.lag.p99.ms}, default 1 ms). Example: at 25,000 req/s
 * a request is due every 40 us; a lag p99 of 0.05 ms is one request's worth of jitter, while
 * a p99 of 12 ms means one request in a hundred was sent 300 requests late.
 *
 * <p>Thread-safe writers (a wait-free {@link Recorder}); one reader at the end.
 */
public final class ScheduleLag {
    private final Recorder recorder = new Recorder(3);
    private final double thresholdMs;

    public ScheduleLag(double thresholdMs) {
        this.thresholdMs = thresholdMs;
        // sized from the start, as LatencyRecorder's: no resize when the measured phase's first value comes
        recorder.recordValue(LatencyRecorder.PRIMED_RANGE_NANOS);
        recorder.reset();
    }

    /** One request's lag in nanoseconds (negative values, a clock read before the due time, count as 0). */
    public void record(long lagNanos) {
        recorder.recordValue(Math.max(0, lagNanos));
    }

    /** Everything recorded so far (call once, at the end). */
    public Report report() {
        Histogram h = recorder.getIntervalHistogram();
        if (h.getTotalCount() == 0) {
            return new Report(0, 0, 0, 0, thresholdMs, false);
        }
        double p50 = ms(h.getValueAtPercentile(50));
        double p99 = ms(h.getValueAtPercentile(99));
        return new Report(h.getTotalCount(), p50, p99, ms(h.getMaxValue()), thresholdMs, p99 > thresholdMs);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** Lag in milliseconds (microsecond precision) of {@code count} measured requests. */
    public record Report(long count, double p50Ms, double p99Ms, double maxMs, double thresholdMs, boolean saturated) {
        @JsonProperty
        public String rule() {
            return "saturated when the p99 of (taken off the schedule - due) > " + thresholdMs + " ms";
        }
    }
}
