package dev.fwbench.harness.report;

import dev.fwbench.harness.latency.IntervalLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One request of one run over time, a point per 1-s interval of its corrected interval log,
 * from the first interval with a measured request to the last (the warm-up is not recorded,
 * so its seconds are empty and left out): p50, p99 and max of the interval in ms, completed
 * requests per second (the interval's count over its length) and errors per second (the
 * interval's count in {@code <request>.errors.hlog}; null for runs written before that log
 * existed). {@code t}: seconds from the start of the first measured interval. A stall shows
 * as a spike of p99 and max with a dip of throughput; a warm-up effect as a falling p50.
 */
record Timeline(List<Double> t, List<Double> p50, List<Double> p99, List<Double> max, List<Double> rate,
                List<Double> errors) {

    static Timeline of(Path correctedLog, Path errorsLog) {
        List<IntervalLog.Interval> measured = IntervalLog.read(correctedLog).measured();
        Map<Long, Long> errorsByStart = null;
        if (errorsLog != null && Files.isRegularFile(errorsLog)) {
            errorsByStart = new HashMap<>();
            // written in the same tick as the corrected interval: the same start timestamp
            for (IntervalLog.Interval i : IntervalLog.read(errorsLog).intervals()) {
                errorsByStart.put(i.startMs(), i.count());
            }
        }
        List<Double> t = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> errors = errorsByStart == null ? null : new ArrayList<>();
        long origin = measured.isEmpty() ? 0 : measured.get(0).startMs();
        for (IntervalLog.Interval i : measured) {
            Histogram h = i.histogram();
            boolean any = h.getTotalCount() > 0;
            t.add(Spectrum.round((i.startMs() - origin) / 1000.0, 3));
            p50.add(any ? Spectrum.ms(h.getValueAtPercentile(50)) : null);
            p99.add(any ? Spectrum.ms(h.getValueAtPercentile(99)) : null);
            max.add(any ? Spectrum.ms(h.getMaxValue()) : null);
            rate.add(Spectrum.round(i.count() / i.seconds(), 1));
            if (errors != null) {
                errors.add(Spectrum.round(errorsByStart.getOrDefault(i.startMs(), 0L) / i.seconds(), 1));
            }
        }
        return new Timeline(t, p50, p99, max, rate, errors);
    }
}
