package dev.fwbench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.latency.LatencySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's results into the {@link LatencySummary} the Gatling runs write, so one report
 * reads both: per target, one request entry per benchmark (and endpoint) with the sample-time
 * count and p50/p90/p99/p99.9/p99.99/max in milliseconds, and the throughput-mode rate in
 * requests/s. JMH's loop has one request in flight and no schedule, so there is nothing to
 * correct: "corrected" and "uncorrected" carry the same numbers.
 */
final class JmhSummaries {
    static final String CORRECTION = "none: JMH closed loop, one request in flight, no intended schedule"
            + " (corrected = uncorrected)";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JmhSummaries() {
    }

    /** Writes {@code jmh/summary.json} (a list of summaries, one per target), per-target files and a table. */
    static List<LatencySummary> write(Collection<RunResult> results, Path jmhDir) throws IOException {
        Map<String, Map<String, Entry>> byTarget = new TreeMap<>();
        for (RunResult run : results) {
            BenchmarkParams p = run.getParams();
            String benchmark = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
            String request = benchmark + (p.getParam("endpoint") != null ? ":" + p.getParam("endpoint") : "");
            Entry e = byTarget.computeIfAbsent(p.getParam("target"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(request, k -> new Entry());
            double msPerUnit = p.getTimeUnit().toNanos(1) / 1_000_000.0;
            switch (p.getMode()) {
                case SampleTime -> {
                    e.samples = run.getPrimaryResult().getStatistics();
                    e.msPerUnit = msPerUnit;
                    e.seconds = p.getMeasurement().getCount() * p.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
                }
                case Throughput -> e.perSecond = run.getPrimaryResult().getScore() * 1000.0 / msPerUnit;
                default -> { }
            }
        }
        List<LatencySummary> summaries = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%n%-10s %-44s %9s %9s %9s %9s %10s%n",
                "target", "request", "count", "p50 ms", "p99 ms", "max ms", "req/s"));
        for (Map.Entry<String, Map<String, Entry>> t : byTarget.entrySet()) {
            List<LatencySummary.Request> requests = new ArrayList<>();
            for (Map.Entry<String, Entry> r : t.getValue().entrySet()) {
                LatencySummary.Request req = r.getValue().toRequest(r.getKey());
                requests.add(req);
                table.append(String.format("%-10s %-44s %9d %9.3f %9.3f %9.3f %10.1f%n", t.getKey(), r.getKey(),
                        req.count(), req.correctedMs().p50(), req.correctedMs().p99(), req.correctedMs().max(),
                        req.throughputPerSecond()));
            }
            LatencySummary s = new LatencySummary(t.getKey(), "jmh", CORRECTION, null, requests);
            summaries.add(s);
            Path dir = Files.createDirectories(jmhDir.resolve(t.getKey()));
            JSON.writeValue(dir.resolve("summary.json").toFile(), s);
            Files.writeString(dir.resolve("summary.txt"), s.toText());
        }
        table.append("latency: JMH sample-time mode, one request in flight; req/s: JMH throughput mode, same loop\n");
        JSON.writeValue(jmhDir.resolve("summary.json").toFile(), summaries);
        Files.writeString(jmhDir.resolve("summary.txt"), table.toString());
        System.out.print(table);
        return summaries;
    }

    /** One benchmark's two modes, joined. */
    private static final class Entry {
        Statistics samples;
        double msPerUnit = 1;
        double seconds;
        double perSecond;

        LatencySummary.Request toRequest(String name) {
            LatencySummary.Percentiles p = samples == null ? new LatencySummary.Percentiles(0, 0, 0, 0, 0, 0)
                    : new LatencySummary.Percentiles(ms(samples.getPercentile(50)), ms(samples.getPercentile(90)),
                            ms(samples.getPercentile(99)), ms(samples.getPercentile(99.9)),
                            ms(samples.getPercentile(99.99)), ms(samples.getMax()));
            return new LatencySummary.Request(name, samples == null ? 0 : samples.getN(), 0, seconds,
                    Math.round(perSecond * 10) / 10.0, p, p);
        }

        /** Microsecond precision, like the Gatling summaries. */
        private double ms(double value) {
            return Math.round(value * msPerUnit * 1000) / 1000.0;
        }
    }
}
