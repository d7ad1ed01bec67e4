package dev.fwbench.harness.backend.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.fwbench.harness.results.ResourceLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory of each running container, once a second (the engine's stats stream),
 * into the run directory's {@code resources/} ({@link ResourceLog}).
 *
 * <p>CPU is in percent of one core, as {@code docker stats} shows it: the container's CPU
 * time over the host's in the sample interval, times the online CPUs; a target pinned to 1
 * core can read slightly over 100 % when the engine's interval jitters. Memory is usage
 * minus inactive page cache (what {@code docker stats} shows on cgroup v1 and v2). The
 * first sample of each stream has no previous reading to diff against and is dropped.
 */
public final class ContainerStats implements Closeable {
    private final DockerClient client;
    private final ResourceLog log;
    private final List<Stream> streams = new ArrayList<>();

    public ContainerStats(DockerClient client, Path dir) {
        this.client = client;
        this.log = new ResourceLog(dir, "Docker engine stats of the container");
    }

    /** Starts sampling a container under {@code name} (the CSV file's name). */
    public synchronized void watch(String name, String containerId) {
        ResourceLog.Series series = log.open(name);
        if (series != null) {
            Stream s = new Stream(series);
            streams.add(s);
            client.statsCmd(containerId).exec(s);
        }
    }

    /** Samples so far per container: for checks and progress. */
    public Map<String, Integer> sampleCounts() {
        return log.sampleCounts();
    }

    @Override
    public synchronized void close() {
        for (Stream s : streams) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the engine closed it already
            }
        }
        streams.clear();
        log.close();
    }

    private static final class Stream extends ResultCallback.Adapter<Statistics> {
        private final ResourceLog.Series series;

        Stream(ResourceLog.Series series) {
            this.series = series;
        }

        @Override
        public void onNext(Statistics s) {
            CpuStatsConfig cpu = s.getCpuStats();
            CpuStatsConfig pre = s.getPreCpuStats();
            if (cpu == null || pre == null || cpu.getCpuUsage() == null || pre.getCpuUsage() == null
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
            series.add(pct, used, limit, pids);
        }
    }
}
