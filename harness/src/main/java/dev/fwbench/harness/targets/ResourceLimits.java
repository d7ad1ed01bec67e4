package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU and memory given to each target, the same for both frameworks, recorded with every
 * result.
 *
 * <p>CPUs are a count turned into a cpuset: the last {@code cpus} cores of the host
 * ({@code --server-cpus 1} on a 2-core host is core 1). A cpuset rather than a CFS quota
 * because the frameworks size themselves from it: Node's {@code availableParallelism()} and
 * Python's {@code sched_getaffinity} see a cpuset, not a quota, so each framework's own
 * "one worker per core" default stays true. The process backend applies the same cpuset
 * with {@code taskset}; memory it cannot enforce, and says so.
 *
 * @param cpus        cores each target may use
 * @param cpuset      those cores, in {@code taskset -c} / {@code --cpuset-cpus} form
 * @param memoryBytes memory limit of each target's container (swap included), 0 for none
 * @param explicit    whether the user chose the CPU count (else: every core of the host)
 */
public record ResourceLimits(int cpus, String cpuset, long memoryBytes, boolean explicit) {
    /** The default memory limit of a target's container. */
    public static final String DEFAULT_MEMORY = "2g";
    private static final long MIB = 1024L * 1024;
    /** 1 TiB: far above any host this runs on; a larger number is a typo. */
    private static final double MAX_BYTES = 1024.0 * 1024 * MIB;

    /** Every core of the host, the default memory limit. */
    public static ResourceLimits defaults() {
        return of(null, null);
    }

    /**
     * @param cpus   null for every core of the host
     * @param memory "512m", "2g", "1.5g" or bytes; null for {@link #DEFAULT_MEMORY}; "none" for no limit
     */
    public static ResourceLimits of(Integer cpus, String memory) {
        // the host's cores, not this JVM's affinity: a harness pinned to core 0 still puts targets on the last cores
        java.util.List<Integer> online = dev.fwbench.harness.HostCpus.online();
        int host = online.size();
        if (cpus != null && (cpus < 1 || cpus > host)) {
            throw new BenchException("--server-cpus must be between 1 and " + host + " (the cores of this host), got " + cpus);
        }
        int n = cpus == null ? host : cpus;
        java.util.List<Integer> last = online.subList(host - n, host);
        String cpuset = String.join(",", last.stream().map(String::valueOf).toList());
        if (n > 1 && last.get(n - 1) - last.get(0) == n - 1) {
            cpuset = last.get(0) + "-" + last.get(n - 1);
        }
        return new ResourceLimits(n, cpuset, parseMemory(memory == null ? DEFAULT_MEMORY : memory), cpus != null);
    }

    static long parseMemory(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("0")) {
            return 0;
        }
        String hint = "--server-memory must be a size like 512m, 2g or 1.5g (or none), got '" + text + "'";
        double factor = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("k")) {
            factor = 1024;
        } else if (t.endsWith("m")) {
            factor = MIB;
        } else if (t.endsWith("g")) {
            factor = 1024 * MIB;
        }
        if (factor != 1) {
            t = t.substring(0, t.length() - 1);
        }
        double value;
        try {
            value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BenchException(hint);
        }
        if (!Double.isFinite(value) || value <= 0 || t.contains("e") || t.contains("x")) {
            throw new BenchException(hint); // NaN, Infinity, 1e400: not a size anyone means
        }
        if (value * factor > MAX_BYTES) {
            throw new BenchException("--server-memory must be at most 1024g, got '" + text + "'");
        }
        long bytes = (long) (value * factor);
        if (bytes < 64 * MIB) {
            throw new BenchException("--server-memory must be at least 64m (a Django or NestJS app with its workers needs more), got '" + text + "'");
        }
        return bytes;
    }

    /** What is recorded in run.json. */
    public Map<String, Object> describe(String enforcedBy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", cpus);
        m.put("cpuset", cpuset);
        m.put("cpusChosenBy", explicit ? "--server-cpus" : "default: every core of the host");
        m.put("memoryBytes", memoryBytes);
        m.put("memory", memoryBytes == 0 ? "none" : String.format(Locale.ROOT, "%.0f MiB", memoryBytes / (double) MIB));
        m.put("enforcedBy", enforcedBy);
        return m;
    }
}
