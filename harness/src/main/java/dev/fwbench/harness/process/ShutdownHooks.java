package dev.fwbench.harness.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Closes what the harness started when the JVM exits for any reason short of SIGKILL
 * (normal exit, Ctrl-C, SIGTERM), newest first (apps before the database they use), then
 * stops whatever {@link ProcessRegistry} still lists (a child whose owner never got to close
 * it, e.g. an install interrupted half-way).
 *
 * <p>{@link #forceOnSecondSignal()}: the first Ctrl-C (or SIGTERM) exits cleanly through the
 * hook; a second one while that runs kills every listed process at once and halts. (A JVM
 * started with SIGINT ignored, as a background job of a non-interactive shell is, cannot see
 * Ctrl-C at all: SIGTERM works there.)
 */
public final class ShutdownHooks {
    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static final AtomicInteger SIGNALS = new AtomicInteger();
    private static boolean installed;
    private static boolean signalsInstalled;

    private ShutdownHooks() {
    }

    public static synchronized void register(AutoCloseable resource) {
        install();
        OPEN.push(resource);
    }

    public static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static synchronized void install() {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::closeAll, "fwbench-shutdown"));
            installed = true;
        }
    }

    /** Installs the Ctrl-C / SIGTERM handlers: once exits cleanly, twice kills at once. Idempotent. */
    public static synchronized void forceOnSecondSignal() {
        install();
        if (signalsInstalled) {
            return;
        }
        signalsInstalled = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    int n = SIGNALS.incrementAndGet();
                    int code = 128 + s.getNumber();
                    if (n == 1) {
                        System.err.println("[fwbench] stopping (" + "SIG" + s.getName() + "); again to kill at once");
                        new Thread(() -> System.exit(code), "fwbench-exit").start();
                    } else {
                        System.err.println("[fwbench] killing everything now");
                        ProcessRegistry.stopAll(Duration.ZERO);
                        Runtime.getRuntime().halt(code);
                    }
                });
            } catch (IllegalArgumentException e) {
                // the VM keeps this signal (e.g. -Xrs): its default handling applies
            }
        }
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
        ProcessRegistry.stopAll(Duration.ofSeconds(2));
    }

    private static synchronized AutoCloseable poll() {
        return OPEN.poll();
    }
}
