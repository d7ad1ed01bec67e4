package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a runtime the apps need is on PATH and new enough, before anything is installed. */
public final class Toolchain {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private Toolchain() {
    }

    /**
     * Returns the version of {@code command} (e.g. "20.20.2") or fails with what to install.
     *
     * @param minimum {major, minor}
     */
    public static String require(String command, String versionFlag, int[] minimum, String installHint) {
        String output = ChildProcess.output(List.of(command, versionFlag), Path.of("."), Duration.ofSeconds(30));
        if (output == null) {
            throw new BenchException(command + " " + versionFlag + " did not run (not on PATH, or failed): " + installHint);
        }
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            throw new BenchException("cannot read the version of " + command + " from '" + output + "': " + installHint);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < minimum[0] || (major == minimum[0] && minor < minimum[1])) {
            throw new BenchException(command + " " + m.group() + " is too old (need " + minimum[0] + "." + minimum[1]
                    + "+): " + installHint);
        }
        return m.group();
    }
}
