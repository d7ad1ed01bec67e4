package dev.fwbench.harness.results;

import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts about the machine and the checkout that a result depends on, recorded in
 * {@code run.json}: two runs compare only when these match (or their differences are the
 * point). A fact that cannot be read is recorded as null, never guessed.
 */
public final class EnvironmentFingerprint {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);

    private EnvironmentFingerprint() {
    }

    public static Map<String, Object> collect(Path checkout) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpuModel", cpuModel(Path.of("/proc/cpuinfo"), checkout));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("memTotal", procField(Path.of("/proc/meminfo"), "MemTotal"));
        env.put("arch", System.getProperty("os.arch"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("osRelease", osRelease());
        env.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("node", ChildProcess.output(List.of("node", "--version"), checkout, TOOL_TIMEOUT));
        env.put("python", ChildProcess.output(List.of("python3", "--version"), checkout, TOOL_TIMEOUT));
        env.put("gitSha", ChildProcess.output(List.of("git", "rev-parse", "HEAD"), checkout, TOOL_TIMEOUT));
        String status = ChildProcess.output(List.of("git", "status", "--porcelain", "--untracked-files=no"), checkout,
                TOOL_TIMEOUT);
        // uncommitted changes make the SHA an incomplete description of what ran
        env.put("gitDirty", status == null ? null : !status.isEmpty());
        return env;
    }

    /**
     * The CPU model: x86's /proc/cpuinfo "model name"; arm64 kernels print no model name, only
     * the implementer and part numbers, which lscpu (util-linux) names ("Neoverse-N2"); without
     * lscpu, the numbers themselves ("ARM implementer 0x41 part 0xd49"), still one string per
     * kind of core. The regression gate keys its baselines on it: it must not be null on ARM.
     */
    static String cpuModel(Path cpuinfo, Path checkout) {
        String model = procField(cpuinfo, "model name");
        if (model != null) {
            return model;
        }
        String implementer = procField(cpuinfo, "CPU implementer");
        if (implementer == null) {
            return null;
        }
        String lscpu = ChildProcess.output(List.of("lscpu"), checkout, TOOL_TIMEOUT);
        return armModel(lscpu, implementer, procField(cpuinfo, "CPU part"));
    }

    /** lscpu's "Model name:" where it knows the part, else "ARM implementer 0x41 part 0xd49". */
    static String armModel(String lscpu, String implementer, String part) {
        if (lscpu != null) {
            for (String line : lscpu.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("Model name")) {
                    String name = line.substring(colon + 1).trim();
                    if (!name.isEmpty() && !name.equals("-")) {
                        return name;
                    }
                }
            }
        }
        return "ARM implementer " + implementer + " part " + (part == null ? "unknown" : part);
    }

    /** The value of the first "key : value" line of a /proc file, or null. */
    static String procField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or not readable: unknown
        }
        return null;
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return null;
    }
}
