package dev.fwbench.harness.gatling;

import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.LoadProgress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One target of a simulation: where it answers, its latency capture and injector-CPU
 * samples, what was counted, and the schedule origin of its population (the start of its
 * first user), from which the open model's intended starts are reckoned.
 */
public final class BenchTarget implements LoadProgress.Tracked {
    private final ActiveTarget active;
    final int index;
    /** Null for the JIT warm-up population, which records nothing. */
    final LatencyCapture capture;
    private final InjectorCpu cpu;
    /** The schedule this population follows (the client floor's is shorter than the targets'). */
    final LoadShape shape;
    final long warmupNanos;
    /** How late each measured request's first action ran after its due time (open model; else null). */
    final ScheduleLag lag;
    private final AtomicLong nextUser = new AtomicLong();
    private volatile long originNanos;
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();

    BenchTarget(ActiveTarget active, int index, LatencyCapture capture, InjectorCpu cpu, LoadShape shape,
                double lagThresholdMs) {
        this.active = active;
        this.index = index;
        this.capture = capture;
        this.cpu = cpu;
        this.shape = shape;
        this.warmupNanos = shape.warmupSeconds() * 1_000_000_000L;
        this.lag = shape.definesIntendedStart() && capture != null ? new ScheduleLag(lagThresholdMs) : null;
    }

    /** "nestjs", "django", an external target's name: the Gatling group and results folder of this target. */
    @Override
    public String name() {
        return active.name();
    }

    public URI baseUrl() {
        return active.baseUrl();
    }

    public URI wsUrl() {
        return active.wsUrl();
    }

    /** A JWT for the seeded user, for simulations that write; null otherwise. */
    public String token() {
        return active.token();
    }

    @Override
    public long completed() {
        return completed.sum();
    }

    @Override
    public long failed() {
        return failed.sum();
    }

    @Override
    public InjectorCpu cpu() {
        return cpu;
    }

    @Override
    public LatencyCapture capture() {
        return capture;
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
    @Override
    public long originNanos() {
        return nextUser.get() == 0 ? 0 : originNanos;
    }
}
