package dev.fwbench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's results into the summary the Gatling runs write, so one report reads both:
 * one entry per (target, request) with count and p50/p90/p99/p99.9/p99.99/max in
 * milliseconds (sample-time mode), and throughput in requests/s (throughput mode).
 */
final class JmhSummaries {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private JmhSummaries() {
    }

    static void write(Collection<RunResult> results, Path jmhDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, ObjectNode> byRequest = new TreeMap<>();
        for (RunResult run : results) {
            BenchmarkParams p = run.getParams();
            String target = p.getParam("target");
            String request = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1)
                    + (p.getParam("endpoint") != null ? ":" + p.getParam("endpoint") : "");
            ObjectNode entry = byRequest.computeIfAbsent(target + " " + request, k -> json.createObjectNode()
                    .put("target", target).put("request", request).put("source", "jmh"));
            Result<?> primary = run.getPrimaryResult();
            double toMs = toMillis(p.getTimeUnit());
            switch (p.getMode()) {
                case SampleTime -> {
                    Statistics s = primary.getStatistics();
                    entry.put("count", s.getN());
                    ObjectNode ms = entry.putObject("latencyMs");
                    for (double q : PERCENTILES) {
                        ms.put("p" + (q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q)), round(s.getPercentile(q) * toMs));
                    }
                    ms.put("max", round(s.getMax() * toMs));
                    ms.put("mean", round(s.getMean() * toMs));
                }
                case Throughput -> {
                    // ops per OutputTimeUnit -> ops per second
                    double perSecond = primary.getScore() / (toMs / 1000.0);
                    entry.put("throughputPerSecond", Math.round(perSecond * 10) / 10.0);
                    entry.put("throughputError", Math.round(primary.getScoreError() / (toMs / 1000.0) * 10) / 10.0);
                }
                default -> { }
            }
        }
        ArrayNode all = json.createArrayNode();
        byRequest.values().forEach(all::add);
        json.writerWithDefaultPrettyPrinter().writeValue(jmhDir.resolve("summary.json").toFile(), all);
        Files.writeString(jmhDir.resolve("summary.txt"), table(byRequest.values()));
        System.out.print(table(byRequest.values()));
    }

    private static String table(Collection<ObjectNode> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%-10s %-44s %10s %10s %10s %10s %12s%n", "target", "request", "count",
                "p50 ms", "p99 ms", "max ms", "req/s"));
        for (ObjectNode e : entries) {
            sb.append(String.format("%-10s %-44s %10s %10s %10s %10s %12s%n", e.path("target").asText(),
                    e.path("request").asText(), e.path("count").asText("-"),
                    e.path("latencyMs").path("p50").asText("-"), e.path("latencyMs").path("p99").asText("-"),
                    e.path("latencyMs").path("max").asText("-"), e.path("throughputPerSecond").asText("-")));
        }
        sb.append("latencies: JMH sample-time mode, one request in flight; req/s: JMH throughput mode, same loop\n");
        return sb.toString();
    }

    /** How many milliseconds one unit of {@code unit} is. */
    private static double toMillis(TimeUnit unit) {
        return unit.toNanos(1) / 1_000_000.0;
    }

    /** Microsecond precision, the resolution of the summaries. */
    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
