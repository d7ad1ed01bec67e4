package dev.fwbench.harness;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress output for long work (installs, start-up, runs). Goes to stderr so that stdout
 * stays clean for what a user may pipe (URLs, JSON).
 */
public final class Console {
    private static volatile PrintStream out = System.err;
    private static volatile boolean quiet = Boolean.getBoolean("fwbench.quiet");

    private Console() {
    }

    public static void info(String format, Object... args) {
        if (!quiet) {
            out.println("[fwbench] " + String.format(format, args));
        }
    }

    public static void warn(String format, Object... args) {
        out.println("[fwbench] WARNING: " + String.format(format, args));
    }

    /** "1.2 s" / "340 ms": durations users read in progress lines. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        return s < 3600 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%d h %02d min", s / 3600, s % 3600 / 60);
    }

    public static void setQuiet(boolean q) {
        quiet = q;
    }
}
