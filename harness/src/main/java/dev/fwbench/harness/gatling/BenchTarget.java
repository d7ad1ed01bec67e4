package dev.fwbench.harness.gatling;

import dev.fwbench.harness.latency.LatencyCapture;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One target of a simulation run: its name, where it answers once started (set in the
 * simulation's {@code before()}), its latency capture, and the schedule origin of its
 * population (the start of its first user).
 */
public final class BenchTarget {
    private final String name;
    private final dev.fwbench.harness.targets.Framework framework; // null for an external service
    volatile URI baseUrl;
    volatile URI wsUrl;
    volatile String token;
    volatile LatencyCapture capture;
    volatile dev.fwbench.harness.latency.InjectorCpu cpu;

    private final AtomicLong nextUser = new AtomicLong();
    private volatile long originNanos;
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();

    BenchTarget(String name, dev.fwbench.harness.targets.Framework framework, URI baseUrl, URI wsUrl) {
        this.name = name;
        this.framework = framework;
        this.baseUrl = baseUrl;
        this.wsUrl = wsUrl;
    }

    /** "nestjs", "django" or "external": the Gatling group and folder name of this target. */
    public String name() {
        return name;
    }

    public dev.fwbench.harness.targets.Framework framework() {
        return framework;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public URI wsUrl() {
        return wsUrl;
    }

    /** A JWT for the seeded user, fetched once in {@code before()} for simulations that write. */
    public String token() {
        return token;
    }

    /** Numbers the arriving users 0, 1, 2...; user 0's start is the origin of the schedule. */
    synchronized long arrive(long nowNanos) {
        long k = nextUser.getAndIncrement();
        if (k == 0) {
            originNanos = nowNanos;
        }
        return k;
    }

    /** Start of this target's first user, or 0 while none has arrived. */
    long originNanos() {
        return nextUser.get() == 0 ? 0 : originNanos;
    }
}
