package dev.fwbench.harness.shards;

import dev.fwbench.harness.latency.IntervalLog;
import dev.fwbench.harness.latency.LatencyCapture;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The interval logs of one request name from every shard, made into one log, losslessly. Each
 * shard's log ({@link IntervalLog}) holds 1-s interval histograms stamped in its own host's epoch milliseconds
 * ({@code StartTime}/{@code BaseTime} plus each interval's offset); stamps are moved onto the
 * reference clock (plus the shard's measured offset), then every interval goes to the 1-s slot
 * of a grid anchored at the shards' start instant that holds its start, and the intervals of
 * one slot are added ({@link Histogram#add}). A value is never re-estimated: the merged log
 * holds exactly the shards' counts in exactly their buckets, so its percentiles are those of
 * every request the shards timed, as if one injector had timed them all, and never an average
 * of the shards' percentiles (the p99 of three p99s is nobody's p99).
 *
 * <p>The slot of an interval is the whole second of the grid its start falls in, allowing
 * {@value #JITTER_MILLIS} ms early: shards tick on whole seconds from the start instant
 * ({@code LatencyCapture.startTickingAlignedTo}), a few ms late at most, or early by their
 * clock's offset (bounded far below that). Logs of unaligned injectors merge all the same,
 * their seconds assigned to the slot their start falls in.
 */
final class IntervalMerge {
    static final long JITTER_MILLIS = 100;

    private final long anchorMillis;
    /** slot (seconds from the anchor) -> the sum of the intervals in it; end stamp kept beside */
    private final TreeMap<Long, Histogram> slots = new TreeMap<>();
    private final TreeMap<Long, Long> ends = new TreeMap<>();
    private final Histogram total = new Histogram(3);

    /** @param anchorMillis the grid's origin, epoch ms on the reference clock (the shards' start instant) */
    IntervalMerge(long anchorMillis) {
        this.anchorMillis = anchorMillis;
    }

    /** Adds every interval of one shard's log, its stamps moved by {@code shiftMillis} (its clock's offset). */
    long add(Path hlog, long shiftMillis) {
        long count = 0;
        for (IntervalLog.Interval interval : IntervalLog.read(hlog).intervals()) {
            Histogram h = interval.histogram();
            long start = h.getStartTimeStamp() + shiftMillis;
            long end = h.getEndTimeStamp() + shiftMillis;
            long slot = Math.floorDiv(start - anchorMillis + JITTER_MILLIS, 1_000L);
            slots.computeIfAbsent(slot, s -> new Histogram(3)).add(h);
            ends.merge(slot, end, Math::max);
            total.add(h);
            count += h.getTotalCount();
        }
        return count;
    }

    /** Everything added: the histogram the merged percentiles come from. */
    Histogram total() {
        return total;
    }

    /** Writes the merged log: one interval per slot, stamped on the grid (its end: the latest end added to it). */
    void write(Path out, String comment) {
        try (PrintStream stream = LatencyCapture.printStream(out)) {
            long first = slots.isEmpty() ? anchorMillis : Math.min(anchorMillis, anchorMillis + slots.firstKey() * 1_000);
            HistogramLogWriter w = LatencyCapture.logWriter(stream, comment, first);
            for (Map.Entry<Long, Histogram> e : slots.entrySet()) {
                Histogram h = e.getValue();
                long start = anchorMillis + e.getKey() * 1_000;
                h.setStartTimeStamp(start);
                h.setEndTimeStamp(Math.max(start + 1, Math.min(ends.get(e.getKey()), start + 1_000)));
                w.outputIntervalHistogram(h);
            }
        }
    }
}
