package dev.fwbench.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.Console;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code resources/} folder of a run directory: one CSV per sampled service, a line a
 * second ({@code time_utc, cpu_percent_of_one_core, memory_bytes, memory_limit_bytes, pids}),
 * and {@code summary.json} (samples, mean and max CPU %, max memory) written on close. The
 * same format whichever backend sampled: containers (Docker's stats) or processes
 * ({@code /proc}). Several backends in one run directory (JMH starts one per trial) get
 * their own files ({@code postgres-2.csv}) and share one summary.
 */
public final class ResourceLog implements Closeable {
    private final Path dir;
    private final String source;
    private final Map<String, Series> series = new LinkedHashMap<>();

    /** @param source how the samples were taken, in words: written into the summary */
    public ResourceLog(Path dir, String source) {
        this.dir = dir;
        this.source = source;
    }

    /** A new series under {@code name}, or null when its file cannot be written (said once). */
    public synchronized Series open(String name) {
        try {
            Files.createDirectories(dir);
            String unique = name;
            for (int n = 2; Files.exists(dir.resolve(unique + ".csv")) || series.containsKey(unique); n++) {
                unique = name + "-" + n;
            }
            BufferedWriter out = Files.newBufferedWriter(dir.resolve(unique + ".csv"), StandardCharsets.UTF_8);
            out.write("time_utc,cpu_percent_of_one_core,memory_bytes,memory_limit_bytes,pids\n");
            out.flush();
            Series s = new Series(unique, out);
            series.put(unique, s);
            return s;
        } catch (IOException e) {
            Console.warn("no resource samples for %s: %s", name, e.getMessage());
            return null;
        }
    }

    public synchronized Map<String, Integer> sampleCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        series.forEach((k, s) -> m.put(k, s.samples()));
        return m;
    }

    @Override
    public synchronized void close() {
        if (series.isEmpty()) {
            return;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        Path file = dir.resolve("summary.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (Files.exists(file)) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> earlier = json.readValue(file.toFile(), Map.class);
                summary.putAll(earlier);
            } catch (IOException e) {
                Console.warn("cannot read %s, rewriting it: %s", file, e.getMessage());
            }
        }
        summary.put("unit", Map.of("cpu", "percent of one core (200 = two cores busy)",
                "memory", "bytes: resident memory (processes) or usage minus inactive page cache (containers)"));
        summary.put("interval", "1 s");
        for (Series s : series.values()) {
            s.close();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("samples", s.samples);
            m.put("cpuPercentMean", s.samples == 0 ? 0 : round(s.cpuSum / s.samples));
            m.put("cpuPercentMax", round(s.cpuMax));
            m.put("memoryBytesMax", s.memMax);
            m.put("memoryLimitBytes", s.memLimit);
            summary.put(s.name, m);
        }
        series.clear();
        try {
            json.writeValue(file.toFile(), summary);
        } catch (IOException e) {
            Console.warn("cannot write %s: %s", file, e.getMessage());
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** One sampled service: a CSV file and its running summary. */
    public static final class Series {
        private final String name;
        private final BufferedWriter out;
        private int samples;
        private double cpuSum;
        private double cpuMax;
        private long memMax;
        private long memLimit;
        private boolean closed;

        Series(String name, BufferedWriter out) {
            this.name = name;
            this.out = out;
        }

        public String name() {
            return name;
        }

        public synchronized int samples() {
            return samples;
        }

        /** One sample: CPU in % of one core, memory in bytes (limit 0 for none). */
        public synchronized void add(double cpuPercent, long memoryBytes, long memoryLimitBytes, long pids) {
            if (closed) {
                return;
            }
            samples++;
            cpuSum += cpuPercent;
            cpuMax = Math.max(cpuMax, cpuPercent);
            memMax = Math.max(memMax, memoryBytes);
            memLimit = memoryLimitBytes;
            try {
                out.write(String.format(Locale.ROOT, "%s,%.1f,%d,%d,%d%n", Instant.now(), cpuPercent, memoryBytes,
                        memoryLimitBytes, pids));
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }

        synchronized void close() {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
        }
    }
}
