package dev.fwbench.harness.latency;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * An interval log as {@link LatencyCapture} wrote it ({@code <request>.corrected.hlog},
 * {@code .uncorrected.hlog}, {@code .errors.hlog}), read back with HdrHistogram's own
 * {@link HistogramLogReader}: one histogram per 1-s tick, values in nanoseconds, each with
 * its start and end as epoch milliseconds. The readers of results (the suite's trial reader,
 * the report) take it from here rather than each parsing the format.
 *
 * @param intervals every interval in the order written, empty ones included (a capture ticks
 *                  from its start, so the seconds before the first measured request are empty)
 */
public record IntervalLog(Path file, List<Interval> intervals) {

    /** One tick's histogram; {@code startMs} and {@code endMs} are epoch milliseconds. */
    public record Interval(long startMs, long endMs, Histogram histogram) {
        public long count() {
            return histogram.getTotalCount();
        }

        public double seconds() {
            return Math.max(1, endMs - startMs) / 1000.0;
        }
    }

    /** Reads the whole log; a missing or unreadable file is a {@link BenchException} naming it. */
    public static IntervalLog read(Path file) {
        List<Interval> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (h instanceof Histogram histogram) {
                    intervals.add(new Interval(histogram.getStartTimeStamp(), histogram.getEndTimeStamp(), histogram));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BenchException("cannot read the interval log " + file + ": " + e.getMessage(), e);
        }
        return new IntervalLog(file, List.copyOf(intervals));
    }

    /** Every interval added up: the whole measured distribution, as summary.json's percentiles were taken from. */
    public Histogram total() {
        Histogram total = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        intervals.forEach(i -> total.add(i.histogram()));
        return total;
    }

    /** The intervals from the first non-empty one to the last non-empty one (the measured span); empty when none is. */
    public List<Interval> measured() {
        int first = -1;
        int last = -1;
        for (int i = 0; i < intervals.size(); i++) {
            if (intervals.get(i).count() > 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? List.of() : intervals.subList(first, last + 1);
    }

    /** Epoch milliseconds from the start of the first measured interval to the end of the last. */
    public record Span(long fromMs, long toMs) {
    }

    /**
     * The measured span of several logs together (a target's requests, a trial's targets): from
     * the earliest first non-empty interval to the latest last one; null when no log has a request.
     */
    public static Span measuredSpan(List<Path> logs) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Path log : logs) {
            List<Interval> m = read(log).measured();
            if (!m.isEmpty()) {
                from = Math.min(from, m.get(0).startMs());
                to = Math.max(to, m.get(m.size() - 1).endMs());
            }
        }
        return from < to ? new Span(from, to) : null;
    }
}
