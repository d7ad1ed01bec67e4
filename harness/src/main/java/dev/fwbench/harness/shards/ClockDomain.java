package dev.fwbench.harness.shards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which clock a process reads: processes of one Linux kernel (containers, pods of one node,
 * network namespaces) read the same clock, and share its boot id
 * ({@code /proc/sys/kernel/random/boot_id}); two boot ids are two machines whose clocks
 * agree only as well as their synchronisation. Shards of one clock domain need no clock check.
 *
 * @param bootId   the kernel's boot id, "unknown" where unreadable (not Linux)
 * @param hostname for a reader (a pod's name in a cluster)
 */
public record ClockDomain(String bootId, String hostname) {

    public static ClockDomain current() {
        return new ClockDomain(read("/proc/sys/kernel/random/boot_id", "unknown"),
                read("/proc/sys/kernel/hostname", System.getenv().getOrDefault("HOSTNAME", "unknown")));
    }

    private static String read(String file, String otherwise) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }
}
