package dev.fwbench.harness.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.stats.CellStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suite in github-action-benchmark's custom format, for projects that already chart their
 * benchmarks with that action: two files, because the action takes one direction per file
 * ({@code tool: customBiggerIsBetter} / {@code customSmallerIsBetter}):
 * <pre>
 *   benchmark-bigger-is-better.json    throughput (req/s)
 *   benchmark-smaller-is-better.json   p50, p99, p999 (ms), CPU-s per 1,000 requests, peak memory (MiB)
 * </pre>
 * each an array of {@code {"name", "unit", "value", "range", "extra"}}: the name is the cell,
 * the request and the metric ({@code "nestjs/json json p99"}), stable from night to night;
 * the value is the median across the night's trials; the range "± sd" the trials' sample
 * standard deviation; extra says the trials, their min and max and the machine. The metrics
 * are those suite.json compares (the runner's numbers of record), nothing recomputed.
 */
public final class ActionBenchmarkJson {

    public static final String BIGGER = "benchmark-bigger-is-better.json";
    public static final String SMALLER = "benchmark-smaller-is-better.json";

    /** One data point as the action reads it ({@code range} left out with a single trial). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String unit, double value, String range, String extra) {
    }

    private ActionBenchmarkJson() {
    }

    /** Writes both files for the suite in {@code suiteDir} into {@code dir}; returns their paths. */
    public static List<Path> write(Path suiteDir, Path dir) {
        Night night = Night.of(suiteDir);
        List<Entry> bigger = new ArrayList<>();
        List<Entry> smaller = new ArrayList<>();
        night.cells().forEach((cell, c) -> c.requests().forEach((request, metrics) -> metrics.forEach((key, v) -> {
            SuiteStatistics.MetricDef d = SuiteStatistics.METRICS.get(key);
            if (d == null || !d.compared()) {
                return;
            }
            CellStats s = CellStats.of(v.values().stream().mapToDouble(Double::doubleValue).toArray());
            String name = cell + (request.equals("*") ? "" : " " + request) + " " + key;
            String extra = s.trials() + (s.trials() == 1 ? " trial" : " trials") + ", min " + number(s.min()) + ", max "
                    + number(s.max()) + "; " + night.machine() + "; suite " + night.suite();
            Entry e = new Entry(name, d.unit(), v.median(), s.stdDev() == null ? null : "± " + number(s.stdDev()), extra);
            (d.biggerIsBetter() ? bigger : smaller).add(e);
        })));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<Entry>> f : Map.of(BIGGER, bigger, SMALLER, smaller).entrySet()) {
                Path file = dir.resolve(f.getKey());
                AtomicWrite.with(file, tmp -> SuiteRunner.JSON.writeValue(tmp.toFile(), f.getValue()));
                written.add(file);
            }
        } catch (IOException e) {
            throw new BenchException("cannot write github-action-benchmark's files into " + dir + ": " + e.getMessage());
        }
        return written.stream().sorted().toList();
    }

    /** Four significant digits, plain: the action shows the string as it is. */
    private static String number(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
