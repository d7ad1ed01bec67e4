package dev.fwbench.harness.latency;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one simulation measured against one target: per request name, count, errors,
 * throughput and percentiles, corrected and uncorrected; and whether the injector was
 * saturated. Written as {@code summary.json} (the numbers of record) and {@code summary.txt}.
 */
public record LatencySummary(String target, String simulation, String correction,
                             /* null where not sampled (JMH: one request in flight) */ InjectorCpu.Report injectorCpu,
                             List<Request> requests,
                             /* null where the plan defines no due times (closed model, JMH) */ ScheduleLag.Report lag,
                             /* request name -> the injector's own round trip against its in-process baseline,
                                same requests, same rate (corrected); null where not measured */
                             Map<String, Percentiles> clientFloorMs,
                             /* the engine and its connection pool, as they ran; null where not recorded */
                             Map<String, Object> injector) {

    public LatencySummary(String target, String simulation, String correction, InjectorCpu.Report injectorCpu,
                          List<Request> requests) {
        this(target, simulation, correction, injectorCpu, requests, null, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes {@code summary.json} (the numbers of record) and {@code summary.txt} into {@code dir}. */
    public void write(Path dir) {
        try {
            JSON.writeValue(dir.resolve("summary.json").toFile(), this);
            Files.writeString(dir.resolve("summary.txt"), toText());
        } catch (IOException e) {
            throw new BenchException("cannot write the summary in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A {@code summary.json} read back (fields this version does not know are skipped). */
    public static LatencySummary read(Path summaryJson) {
        try {
            return JSON.readValue(summaryJson.toFile(), LatencySummary.class);
        } catch (IOException e) {
            throw new BenchException("cannot read " + summaryJson + ": " + e.getMessage(), e);
        }
    }

    /** Whether the injector could not be trusted to keep its schedule (CPU or lag). */
    public boolean injectorSaturated() {
        return injectorCpu != null && injectorCpu.saturated() || lag != null && lag.saturated();
    }

    /**
     * @param throughputPerSecond completed requests per second of wall time between the first
     *                            intended start and the last completion of this request name
     */
    public record Request(String name, long count, long errors, double durationSeconds, double throughputPerSecond,
                          Percentiles correctedMs, Percentiles uncorrectedMs) {
    }

    /** Milliseconds rounded to the microsecond (3 decimals); HdrHistogram keeps 3 significant digits. */
    public record Percentiles(double p50, double p90, double p99, double p999, double p9999, double max) {
        public static Percentiles of(Histogram h) {
            return new Percentiles(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                    ms(h.getValueAtPercentile(99.99)), ms(h.getMaxValue()));
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1_000.0) / 1_000.0;
        }
    }

    public Request request(String name) {
        return requests.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no request named " + name));
    }

    /** The readable form: one table per kind of timing. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s on %s  (latency in ms, microsecond precision; %s)%n", simulation, target,
                correction));
        table(sb, "corrected: from the intended start", true);
        table(sb, "uncorrected: from the actual send", false);
        if (clientFloorMs != null && !clientFloorMs.isEmpty()) {
            sb.append(String.format("%nclient floor: the injector's own round trip against its in-process baseline, same "
                    + "requests and rate (corrected, ms)%n"));
            clientFloorMs.forEach((name, p) -> sb.append(String.format("%-28s %8s %6s %9s %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f%n",
                    name, "", "", "", p.p50(), p.p90(), p.p99(), p.p999(), p.p9999(), p.max())));
        }
        if (lag != null) {
            sb.append(String.format("%ninjector lag (taken off the schedule - due): p50 %.3f ms, p99 %.3f ms, max %.3f ms "
                    + "over %d requests%s%n", lag.p50Ms(), lag.p99Ms(), lag.maxMs(), lag.count(),
                    lag.saturated() ? "  ** INJECTOR SATURATED: p99 lag above " + lag.thresholdMs() + " ms **" : ""));
        }
        InjectorCpu.Report cpu = injectorCpu;
        if (cpu == null) {
            sb.append(String.format("injector CPU: not sampled%n"));
            return sb.toString();
        }
        sb.append(String.format("injector CPU: mean %.0f %%, p90 %.0f %%, max %.0f %% of its budget (%s) over %d s%s%n",
                cpu.mean() * 100, cpu.p90() * 100, cpu.max() * 100, cpu.budget(), cpu.samples(),
                cpu.saturated() ? "  ** INJECTOR SATURATED: latencies include the injector's own queueing **" : ""));
        return sb.toString();
    }

    private void table(StringBuilder sb, String title, boolean corrected) {
        sb.append(String.format("%n%s%n", title));
        sb.append(String.format("%-28s %8s %6s %9s %10s %10s %10s %10s %10s %10s%n", "request", "count", "errors",
                "req/s", "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        for (Request r : requests) {
            Percentiles p = corrected ? r.correctedMs() : r.uncorrectedMs();
            sb.append(String.format("%-28s %8d %6d %9.1f %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f%n", r.name(),
                    r.count(), r.errors(), r.throughputPerSecond(), p.p50(), p.p90(), p.p99(), p.p999(), p.p9999(),
                    p.max()));
        }
    }
}
