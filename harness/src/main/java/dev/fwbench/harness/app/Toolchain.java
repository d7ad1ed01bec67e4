package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String output;
        try {
            Process p = new ProcessBuilder(List.of(command, versionFlag)).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchException(command + " " + versionFlag + " failed (" + output + "): " + installHint);
            }
        } catch (IOException e) {
            throw new BenchException(command + " not found on PATH: " + installHint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while checking " + command);
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
