package dev.fwbench.harness.latency;

import dev.fwbench.harness.HostCpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPU the injector may really use: the cores of its affinity (all of the host's when
 * unpinned, one after {@code taskset -c 0}, its container's cpuset), and whether it shares
 * them with the targets it loads.
 *
 * <p>Not shared (the targets on other cores, or on another host), the injector's use is its
 * CPU time over {@code cores x wall time}: 1.0 = every one of its cores busy with it. Shared,
 * that under-states it: on 2 cores where the server takes 1.8, an injector using 0.2 has
 * nothing left, yet reads as 10 %. Then its use is counted against what it could have had:
 * its CPU time over (its CPU time + the idle time of its cores). 1.0 = its cores had no idle
 * left, so every request it sent waited for CPU with the server's own work.
 *
 * <p>Examples over a 1-s sample: pinned to core 0 alone, 0.95 s of injector CPU -> 0.95.
 * Unpinned on 2 cores shared with the server, 0.2 s of injector CPU and 0.1 s of idle left on
 * the two cores -> 0.2 / 0.3 = 0.67; the same with no idle -> 1.0.
 *
 * @param coreCount how many cores the budget is
 * @param cores     the injector's cores (empty when the budget was given as a count)
 * @param shared    whether the targets run on any of them
 * @param why       how that was decided, for the summary
 */
public record CpuBudget(double coreCount, List<Integer> cores, boolean shared, String why) {

    /**
     * @param targetCores the cores the targets may use; null where unknown (an external target
     *                    on this host: assume all), empty where they run on another host
     */
    public static CpuBudget detect(List<Integer> targetCores) {
        List<Integer> mine = HostCpus.affinity();
        List<Integer> theirs = targetCores == null ? HostCpus.online() : targetCores;
        Set<Integer> common = new HashSet<>(mine);
        common.retainAll(theirs);
        String where = "injector on cores " + list(mine) + ", targets on " + (theirs.isEmpty() ? "another host" : "cores "
                + list(theirs)) + (targetCores == null ? " (assumed: a service of this host whose cores are unknown)" : "");
        return new CpuBudget(mine.size(), mine, !common.isEmpty(), where + (common.isEmpty() ? ": not shared" : ": shared"));
    }

    /** A budget given in cores ({@code -Dinjector.cpu.budget}): counted as the injector's own. */
    public static CpuBudget given(double cores) {
        return new CpuBudget(cores, List.of(), false, "given: " + cores + " cores (-Dinjector.cpu.budget)");
    }

    /**
     * The injector's use of its budget over one sample.
     *
     * @param injectorCpuSeconds its process CPU time over the sample
     * @param wallSeconds        the sample's length
     * @param idleSeconds        idle time of its cores over the sample (summed over the cores)
     */
    public double fraction(double injectorCpuSeconds, double wallSeconds, double idleSeconds) {
        double own = injectorCpuSeconds / (wallSeconds * coreCount());
        if (!shared) {
            return own;
        }
        double available = injectorCpuSeconds + idleSeconds;
        return available <= 0 ? 1.0 : Math.max(own, Math.min(1.0, injectorCpuSeconds / available));
    }

    /** Idle seconds so far of the given cores, from {@code /proc/stat} (idle + iowait); -1 where unreadable. */
    static double idleSeconds(List<Integer> cores) {
        try {
            double ticks = 0;
            Set<String> wanted = new HashSet<>();
            cores.forEach(c -> wanted.add("cpu" + c));
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = line.split("\\s+");
                if (f.length > 5 && wanted.contains(f[0])) {
                    ticks += Long.parseLong(f[4]) + Long.parseLong(f[5]);
                }
            }
            return ticks / 100.0; // USER_HZ: 100 on every Linux this runs on
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String list(List<Integer> cores) {
        return String.join(",", cores.stream().map(String::valueOf).toList());
    }
}
