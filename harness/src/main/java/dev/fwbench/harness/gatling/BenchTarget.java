package dev.fwbench.harness.gatling;

import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.LoadProgress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One target of a simulation: where it answers, its latency capture and injector-CPU
 * samples, what was counted, and the schedule origin of its population (the start of its
 * first user, or a sharded run's shared start instant), from which the open model's intended
 * starts are reckoned.
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
    /** This population's part of a sharded run ({@link #startAt}); the whole plan otherwise. */
    private volatile Shard shard = Shard.WHOLE;
    private volatile boolean originFixed;
    /** A sharded run's end of the measured phase after the origin; none otherwise (the population ends the run). */
    volatile long endNanos = Long.MAX_VALUE;
    /** A sharded open model's number of arrivals in the plan: a user Gatling injects beyond them has none to play. */
    private volatile long planArrivals = Long.MAX_VALUE;
    private volatile Long firstLateNanos;
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

    /** The schedule this population follows: the run's, or the client floor's (shorter, its own warm-up). */
    public LoadShape shape() {
        return shape;
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

    /**
     * Makes this population shard {@code shard} of a run (before the simulation is set up): its
     * j-th user plays the plan's arrival {@link Shard#arrival(long) j * N + i - 1}, due at the
     * plan's time for it from the shared start ({@link #startAt}); the measured phase ends with
     * the plan's.
     */
    void shard(Shard shard) {
        this.shard = shard;
        this.originFixed = true;
        this.endNanos = (shape.warmupSeconds() + (long) shape.durationSeconds()) * 1_000_000_000L;
        if (shape.definesIntendedStart()) {
            this.planArrivals = shape.arrivalsBefore(endNanos);
        }
    }

    /** A shard's start instant on this JVM's monotonic clock: the origin of its schedule (before its first user). */
    void startAt(long originNanos) {
        this.originNanos = originNanos;
    }

    boolean sharded() {
        return originFixed;
    }

    /**
     * Numbers the arriving users 0, 1, 2... and returns the plan's arrival each plays (the same
     * number, alone; {@link Shard#arrival} of it, as a shard); alone, user 0's start is the
     * origin of the schedule.
     */
    synchronized long arrive(long nowNanos) {
        long j = nextUser.getAndIncrement();
        if (j == 0 && !originFixed) {
            originNanos = nowNanos;
        }
        long k = shard.arrival(j);
        if (j == 0 && originFixed) {
            firstLateNanos = nowNanos - originNanos - (shape.definesIntendedStart() ? shape.intendedOffsetNanos(k) : 0);
        }
        return k;
    }

    /** A shard's first user: how long after its due time Gatling started it (negative: early); null before it. */
    Long firstLateNanos() {
        return firstLateNanos;
    }

    /** Whether the plan has arrival {@code k} (a shard's injection runs a little past its last to miss none). */
    boolean inPlan(long k) {
        return k < planArrivals;
    }

    /** Start of this target's first user (a shard: the shared start instant), or 0 while none has arrived. */
    @Override
    public long originNanos() {
        return originFixed || nextUser.get() > 0 ? originNanos : 0;
    }
}
