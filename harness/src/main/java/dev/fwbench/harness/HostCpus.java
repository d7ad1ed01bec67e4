package dev.fwbench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * This host's cores as Linux numbers them: those online, and those this JVM may run on (its
 * affinity: {@code taskset} or a container's cpuset). The JVM's own
 * {@code availableProcessors()} is the affinity's size, so a harness pinned with
 * {@code taskset -c 0} sees one core; where the targets go must be decided from the host's
 * cores, not from that.
 */
public final class HostCpus {
    private HostCpus() {
    }

    /** The online cores ({@code /sys/devices/system/cpu/online}), or 0..availableProcessors-1 where unreadable. */
    public static List<Integer> online() {
        return read(Path.of("/sys/devices/system/cpu/online"), null);
    }

    /** The cores this JVM may run on ({@code Cpus_allowed_list} of {@code /proc/self/status}). */
    public static List<Integer> affinity() {
        return read(Path.of("/proc/self/status"), "Cpus_allowed_list:");
    }

    private static List<Integer> read(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (field == null) {
                    return parseList(line);
                }
                if (line.startsWith(field)) {
                    return parseList(line.substring(field.length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format this does not know: fall back to the JVM's count below
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            all.add(i);
        }
        return all;
    }

    /** "0-2,5" -> [0, 1, 2, 5]: the kernel's cpu list format (also taskset's and Docker's cpuset). */
    public static List<Integer> parseList(String text) {
        TreeSet<Integer> cores = new TreeSet<>();
        for (String part : text.trim().split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("not a cpu list: '" + text + "'");
            }
            for (int i = from; i <= to; i++) {
                cores.add(i);
            }
        }
        return List.copyOf(cores);
    }
}
