package dev.fwbench.harness.latency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where the injector's once-a-second work (the interval logs' cut and write, the CPU sample)
 * waits for a moment the injector is idle, so that it does not delay a request.
 *
 * <p>Why: with the injector on one core, that work (1 to 7 ms here, most of it compressing
 * the interval histograms) takes the core from the event loop; at round rates one arrival
 * falls on every whole second, so at 50 req/s one request in 50 (2 %: the p99) was due at the
 * instant the ticker woke. Seen on this machine (2026-12-05, the trivial nginx at 50 req/s):
 * the arrival at each whole second answered in 1.5 to 6 ms against 0.2 ms for the others.
 *
 * <p>The rule: at each tick, wait until the load says it will be idle for {@link #IDLE_NANOS}
 * (nothing in flight, the next arrival that far away), polling every {@link #POLL_NANOS}, for
 * {@link #MAX_WAIT_NANOS} at most, then do the work anyway (a load that is never idle that long
 * gains nothing by waiting). The interval logs stay exact: each interval is stamped with the
 * time it was really cut, at most {@code MAX_WAIT_NANOS} after the whole second (shard merges
 * assign intervals by the second their start falls in).
 */
public final class QuietMoment {
    /** How far ahead the injector must be idle: the once-a-second work fits in it. */
    public static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    public static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    /** For run.json: the rule above in one line. */
    public static final String RULE = "the once-a-second interval cut and CPU sample wait for the injector to be idle "
            + TimeUnit.NANOSECONDS.toMillis(IDLE_NANOS) + " ms ahead (nothing in flight, no arrival due), "
            + TimeUnit.NANOSECONDS.toMillis(MAX_WAIT_NANOS) + " ms at most";

    private QuietMoment() {
    }

    /** Waits until {@code quiet} holds or {@link #MAX_WAIT_NANOS} pass; returns how long it waited (ns). */
    public static long await(BooleanSupplier quiet) {
        long t0 = System.nanoTime();
        long waited = 0;
        while (!quiet.getAsBoolean() && (waited = System.nanoTime() - t0) < MAX_WAIT_NANOS) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        return waited;
    }
}
