package dev.fwbench.harness.containers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
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
 * CPU and memory of each running container, once a second (the engine's stats stream),
 * written to {@code resources/<container>.csv} in the run directory and summarised in
 * {@code resources/summary.json} when sampling stops.
 *
 * <p>CPU is in percent of one core, as {@code docker stats} shows it: a target pinned to 2
 * cores that uses both fully reads 200 %. It is the container's CPU time over the host's
 * in the sample interval, times the online CPUs. Memory is usage minus inactive page cache
 * (what {@code docker stats} shows on cgroup v1 and v2). The first sample of each stream
 * has no previous reading to diff against and is dropped.
 */
public final class ContainerStats implements Closeable {
    private final DockerClient client;
    private final Path dir;
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    public ContainerStats(DockerClient client, Path dir) {
        this.client = client;
        this.dir = dir;
    }

    /** Starts sampling a container under {@code name} (the CSV file's name). */
    public synchronized void watch(String name, String containerId) {
        try {
            Files.createDirectories(dir);
            // several backends in one run directory (JMH starts one per trial): never overwrite
            String unique = name;
            for (int n = 2; Files.exists(dir.resolve(unique + ".csv")); n++) {
                unique = name + "-" + n;
            }
            Stream s = new Stream(unique, Files.newBufferedWriter(dir.resolve(unique + ".csv"), StandardCharsets.UTF_8));
            s.out.write("time_utc,cpu_percent_of_one_core,memory_bytes,memory_limit_bytes,pids\n");
            s.out.flush();
            streams.put(unique, s);
            client.statsCmd(containerId).exec(s);
        } catch (IOException e) {
            Console.warn("no resource samples for %s: %s", name, e.getMessage());
        }
    }

    /** Samples so far per container: for checks and summaries. */
    public synchronized Map<String, Integer> sampleCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        streams.forEach((k, s) -> m.put(k, s.samples));
        return m;
    }

    @Override
    public synchronized void close() {
        Map<String, Object> summary = new LinkedHashMap<>();
        Path file = dir.resolve("summary.json");
        if (Files.exists(file)) { // an earlier backend of the same run: add to its summary
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> earlier = new ObjectMapper().readValue(file.toFile(), Map.class);
                summary.putAll(earlier);
            } catch (IOException e) {
                Console.warn("cannot read %s, rewriting it: %s", file, e.getMessage());
            }
        }
        summary.put("unit", Map.of("cpu", "percent of one core (docker stats)", "memory", "bytes, usage minus inactive page cache"));
        summary.put("interval", "1 s (the Docker engine's stats stream)");
        for (Stream s : streams.values()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // stream already closed by the engine
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", s.samples);
            m.put("cpuPercentMean", s.samples == 0 ? 0 : round(s.cpuSum / s.samples));
            m.put("cpuPercentMax", round(s.cpuMax));
            m.put("memoryBytesMax", s.memMax);
            m.put("memoryLimitBytes", s.memLimit);
            summary.put(s.name, m);
        }
        if (!streams.isEmpty()) {
            try {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
            } catch (IOException e) {
                Console.warn("cannot write %s: %s", file, e.getMessage());
            }
        }
        streams.clear();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static final class Stream extends ResultCallback.Adapter<Statistics> {
        final String name;
        final BufferedWriter out;
        int samples;
        double cpuSum;
        double cpuMax;
        long memMax;
        long memLimit;
        private volatile boolean closed;

        Stream(String name, BufferedWriter out) {
            this.name = name;
            this.out = out;
        }

        @Override
        public void onNext(Statistics s) {
            CpuStatsConfig cpu = s.getCpuStats();
            CpuStatsConfig pre = s.getPreCpuStats();
            if (closed || cpu == null || pre == null || cpu.getCpuUsage() == null || pre.getCpuUsage() == null
                    || pre.getSystemCpuUsage() == null || pre.getCpuUsage().getTotalUsage() == null
                    || cpu.getSystemCpuUsage() == null) {
                return; // the first sample: nothing to diff against
            }
            long cpuDelta = cpu.getCpuUsage().getTotalUsage() - pre.getCpuUsage().getTotalUsage();
            long systemDelta = cpu.getSystemCpuUsage() - pre.getSystemCpuUsage();
            long online = cpu.getOnlineCpus() != null ? cpu.getOnlineCpus()
                    : cpu.getCpuUsage().getPercpuUsage() != null ? cpu.getCpuUsage().getPercpuUsage().size() : 1;
            double pct = systemDelta > 0 && cpuDelta >= 0 ? 100.0 * cpuDelta / systemDelta * online : 0;
            MemoryStatsConfig mem = s.getMemoryStats();
            long used = 0;
            long limit = 0;
            if (mem != null && mem.getUsage() != null) {
                long inactive = 0;
                if (mem.getStats() != null) {
                    Long v1 = mem.getStats().getTotalInactiveFile();
                    Long v2 = mem.getStats().getInactiveFile();
                    inactive = v1 != null ? v1 : v2 != null ? v2 : 0;
                }
                used = Math.max(0, mem.getUsage() - inactive);
                limit = mem.getLimit() == null ? 0 : mem.getLimit();
            }
            long pids = s.getPidsStats() != null && s.getPidsStats().getCurrent() != null ? s.getPidsStats().getCurrent() : 0;
            synchronized (this) {
                samples++;
                cpuSum += pct;
                cpuMax = Math.max(cpuMax, pct);
                memMax = Math.max(memMax, used);
                memLimit = limit;
                try {
                    out.write(String.format(Locale.ROOT, "%s,%.1f,%d,%d,%d%n", Instant.now(), pct, used, limit, pids));
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                }
            }
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            super.close();
            out.close();
        }
    }
}
