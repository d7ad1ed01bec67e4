package dev.fwbench.harness.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what the harness started when the JVM exits for any reason short of SIGKILL
 * (normal exit, Ctrl-C, SIGTERM), newest first: apps before the database they use.
 */
public final class ShutdownHooks {
    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean installed;

    private ShutdownHooks() {
    }

    public static synchronized void register(AutoCloseable resource) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::closeAll, "fwbench-shutdown"));
            installed = true;
        }
        OPEN.push(resource);
    }

    public static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        AutoCloseable next;
        while ((next = poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("[fwbench] cleanup failed: " + e);
            }
        }
    }

    private static synchronized AutoCloseable poll() {
        return OPEN.poll();
    }
}
