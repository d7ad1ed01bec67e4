package dev.fwbench.harness.latency;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

/**
 * The latencies of one request name of one simulation against one target, in nanoseconds.
 *
 * <p>Each request is recorded twice:
 * <ul>
 *   <li><b>corrected</b>: from the time the injection plan <i>intended</i> to send it to the
 *       time its response was complete. A load generator that waits for a slow response
 *       before sending the next request (one connection, a closed loop, a connection pool
 *       that is full) sends late, and timing from the late send hides the queueing the
 *       stall caused: Gil Tene's "coordinated omission". Example: 100 requests/s, 1 ms each,
 *       then the server freezes for 100 s. A tester that times from its actual send sees
 *       10,000 x 1 ms and one 100 s request: p99.99 = 1 ms. The 10,000 requests the plan
 *       wanted to send during the freeze really waited 100 s, 99.99 s, ... 10 ms: timed from
 *       their intended start, p99 = 98 s, which is what a user would have seen.</li>
 *   <li><b>uncorrected</b>: from the actual send. Kept beside the corrected value to show how
 *       much the correction changed the picture, and for drivers whose plan defines no
 *       intended start (a closed model), where both are the same.</li>
 * </ul>
 *
 * <p>Thread-safe writers ({@link Recorder}: Gatling records from several event-loop threads at
 * once), or, for the lean engine, whose one event loop thread records everything, one writer at
 * a time ({@link SingleWriterRecorder}: plain histograms, cheaper to write, and cheaper for
 * the one-second reader to take, add and encode than the concurrent ones, which take a lock
 * for every count they read: 0.26 ms instead of 1.5 ms per tick of one request name at
 * 25,000 values a second, measured here; that tick shares the injector's core). Either way a
 * wait-free writer with interval snapshots for the single reader (the interval log writer).
 */
public final class LatencyRecorder {
    /** 3 significant digits: values are exact to 0.1 %, e.g. 1 ms +- 1 us, 98 s +- 98 ms. */
    static final int SIGNIFICANT_DIGITS = 3;
    /**
     * The range every histogram covers from the start (60 s), so that the first long latency of
     * the measured phase does not resize a histogram there (HdrHistogram resizes by catching an
     * index out of bounds: a path the JIT compiles as never taken, and deoptimizes when taken).
     */
    static final long PRIMED_RANGE_NANOS = 60_000_000_000L;

    private final String requestName;
    private final boolean singleWriter;
    // each recorder twice: where values go, where intervals come from (the same object)
    private final ValueRecorder corrected;
    private final ValueRecorder uncorrected;
    /** The failed requests alone (corrected latency): their count per interval is the errors per second over time. */
    private final ValueRecorder failed;
    private final IntervalHistogramProvider<Histogram> correctedIntervals;
    private final IntervalHistogramProvider<Histogram> uncorrectedIntervals;
    private final IntervalHistogramProvider<Histogram> failedIntervals;
    private final LongAdder errors = new LongAdder();
    // the window the throughput is computed over: first intended start to last completion
    private final LongAccumulator firstStart = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastEnd = new LongAccumulator(Math::max, Long.MIN_VALUE);

    // the reader's running totals of every interval taken so far (reader thread only)
    private final Histogram correctedTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram uncorrectedTotal = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram correctedInterval;
    private Histogram uncorrectedInterval;
    private Histogram failedInterval;
    /** The warm-up's recorder of the same request, once asked for ({@link #warmUp()}). */
    private volatile LatencyRecorder warmUp;

    /** A recorder for several writer threads at once. */
    public LatencyRecorder(String requestName) {
        this(requestName, false);
    }

    /** @param singleWriter whether one thread at a time records (cheaper to write and to read); else any number */
    public LatencyRecorder(String requestName, boolean singleWriter) {
        this.requestName = requestName;
        this.singleWriter = singleWriter;
        if (singleWriter) {
            SingleWriterRecorder c = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
            SingleWriterRecorder u = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
            SingleWriterRecorder f = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
            corrected = c;
            correctedIntervals = c;
            uncorrected = u;
            uncorrectedIntervals = u;
            failed = f;
            failedIntervals = f;
        } else {
            Recorder c = new Recorder(SIGNIFICANT_DIGITS);
            Recorder u = new Recorder(SIGNIFICANT_DIGITS);
            Recorder f = new Recorder(SIGNIFICANT_DIGITS);
            corrected = c;
            correctedIntervals = c;
            uncorrected = u;
            uncorrectedIntervals = u;
            failed = f;
            failedIntervals = f;
        }
        correctedInterval = primed(corrected, correctedIntervals);
        uncorrectedInterval = primed(uncorrected, uncorrectedIntervals);
        failedInterval = primed(failed, failedIntervals);
        for (Histogram total : new Histogram[] {correctedTotal, uncorrectedTotal}) {
            total.recordValue(PRIMED_RANGE_NANOS); // the totals too: adding an interval then never resizes them
            total.reset();
        }
    }

    /**
     * Sizes both histograms a recorder swaps between (its active one, and the one the reader
     * hands back at each interval) to {@link #PRIMED_RANGE_NANOS}, empty; returns the reader's,
     * to be handed back at the first interval.
     */
    static Histogram primed(ValueRecorder in, IntervalHistogramProvider<Histogram> out) {
        in.recordValue(PRIMED_RANGE_NANOS);
        Histogram first = out.getIntervalHistogram();
        in.recordValue(PRIMED_RANGE_NANOS);
        return out.getIntervalHistogram(first); // first is reset and active again; the one returned is reset when handed back
    }

    /**
     * The recorder of this request's warm-up: the same code and the same one-second interval
     * ticks ({@link LatencyCapture} takes its intervals and writes them nowhere), so that the JIT
     * has compiled and profiled the recording before the measured phase records anything here;
     * nothing it holds is reported. Created on first use.
     */
    public synchronized LatencyRecorder warmUp() {
        if (warmUp == null) {
            warmUp = new LatencyRecorder(requestName + " (warm-up)", singleWriter);
        }
        return warmUp;
    }

    /** The warm-up's recorder if {@link #warmUp()} was called, else null. */
    LatencyRecorder warmUpIfAny() {
        return warmUp;
    }

    public String requestName() {
        return requestName;
    }

    /**
     * Records one request; timestamps are {@link System#nanoTime()} readings (or a fake
     * clock's), compared by difference so that wrap-around cannot matter.
     *
     * @param intendedStartNanos when the plan wanted the request sent, or {@code actualStartNanos}
     *                           where the plan defines no such time
     * @param actualStartNanos   when it was really sent
     * @param endNanos           when the response was complete (or the request failed)
     * @param ok                 false for a failed request (error status, failed check, timeout):
     *                           it is counted as an error and its latency is still recorded, since
     *                           a fast error is part of what a user saw
     */
    public void record(long intendedStartNanos, long actualStartNanos, long endNanos, boolean ok) {
        long raw = Math.max(0, endNanos - actualStartNanos);
        // a request sent before its intended time (a plan running ahead) is not "negative" late
        long fromIntended = Math.max(raw, endNanos - intendedStartNanos);
        corrected.recordValue(fromIntended);
        uncorrected.recordValue(raw);
        firstStart.accumulate(Math.min(intendedStartNanos, actualStartNanos));
        lastEnd.accumulate(endNanos);
        if (!ok) {
            errors.increment();
            failed.recordValue(fromIntended);
        }
    }

    /** Seconds from the first (intended) start to the last completion; 0 before any request. */
    public double windowSeconds() {
        long from = firstStart.get();
        long to = lastEnd.get();
        return from == Long.MAX_VALUE || to <= from ? 0 : (to - from) / 1e9;
    }

    public long errors() {
        return errors.sum();
    }

    /**
     * Takes the values recorded since the last call (reader thread only) and adds them to the
     * totals. The returned histograms stay valid until the next call.
     */
    public Interval takeInterval() {
        correctedInterval = correctedIntervals.getIntervalHistogram(correctedInterval);
        uncorrectedInterval = uncorrectedIntervals.getIntervalHistogram(uncorrectedInterval);
        failedInterval = failedIntervals.getIntervalHistogram(failedInterval);
        correctedTotal.add(correctedInterval);
        uncorrectedTotal.add(uncorrectedInterval);
        return new Interval(correctedInterval, uncorrectedInterval, failedInterval);
    }

    /** Everything taken so far with {@link #takeInterval()}, corrected. */
    public Histogram correctedTotal() {
        return correctedTotal;
    }

    /** Everything taken so far with {@link #takeInterval()}, timed from the actual send. */
    public Histogram uncorrectedTotal() {
        return uncorrectedTotal;
    }

    /**
     * One interval's values; the histograms are reused by the next {@link #takeInterval()}.
     * {@code failed}: the failed requests of the interval alone (also in {@code corrected}).
     */
    public record Interval(Histogram corrected, Histogram uncorrected, Histogram failed) {
    }
}
