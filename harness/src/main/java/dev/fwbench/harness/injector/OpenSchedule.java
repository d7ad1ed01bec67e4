package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The open model's schedule, played on the injector's event loop: arrival {@code k} is due at
 * {@code origin + shape.intendedOffsetNanos(k)}. The dispatcher wakes at the next due time (a
 * timer of the event loop), hands every arrival that is due to the load ({@link Arrival}),
 * records how late it took each measured one ({@link ScheduleLag}: the injector's own lag),
 * then sleeps until the next. Nothing here waits for an answer, so a slow server cannot slow
 * the arrivals. The clock is read for each arrival, so one taken from a backlog after others
 * were sent counts the time their sends took in its lag.
 *
 * <p>The warm-up's arrivals take exactly the measured ones' path: their lag goes to a
 * {@link ScheduleLag} of their own, chosen by the phase as an index (see {@link Exchange}),
 * so the JIT has compiled that path, with nothing pruned as never taken, when the measured
 * arrivals start.
 *
 * <p>Two details keep the lag honest at both ends of the rate range: a backlog is taken
 * {@value #BATCH} arrivals at a time, so answers are read between batches; and where arrivals
 * are sparse (1 ms apart or more) the dispatcher wakes {@link #SPIN_NANOS} early and, if
 * nothing is in flight then, spins to the due time: an epoll timer wakes 100 to 200 us late
 * on a shared VM (seen here: p50 192 us), which would otherwise be every low-rate request's
 * lag. No answer can be waiting during the spin, so none is delayed by it; it costs at most a
 * quarter of the injector's time (a 250 us spin per 1 ms gap), counted in its CPU samples.
 * After such an arrival is sent, the loop reads for its answer without sleeping for a while
 * ({@link AnswerPoll}), for the same reason on the answer's side.
 *
 * <p>A {@link Shard} plays every N-th arrival of the plan (its j-th is the plan's
 * {@code j * N + i - 1}), each at the plan's own due time and under the plan's own number, so
 * the request mix and every due time of N shards together are the plan's. Alone (1/1) the
 * arithmetic is {@code j * 1 + 0}: the unsharded path costs one multiply-add more per arrival.
 * Whether arrivals are sparse enough to spin for is judged on the shard's own arrivals (N times
 * further apart than the plan's): the spin costs this injector's time, not the plan's.
 */
final class OpenSchedule {
    /** Arrivals taken per wake-up at most, so that a backlog never starves the reading of answers. */
    private static final int BATCH = 256;
    private static final long SPIN_NANOS = 250_000;

    /** What the load does with a due arrival. */
    interface Arrival {
        /**
         * @param k        the arrival's number in the plan (0, 1, 2...; a shard's are every N-th)
         * @param intended its due time
         * @param now      when the dispatcher took it
         * @param phase    {@link Exchange#WARM_UP} or {@link Exchange#MEASURED} (past the warm-up)
         */
        void due(long k, long intended, long now, int phase);
    }

    private final EventLoop loop;
    private final LoadShape load;
    /** By phase: the warm-up's lag (read by nobody: it warms the recording), then the measured one. */
    private final ScheduleLag[] lags;
    private final BooleanSupplier idle;
    private final BooleanSupplier awaiting;
    private final AnswerPoll answerPoll;
    private final Arrival arrival;
    private final Runnable end;
    private final long warmupNanos;
    private final long endOffsetNanos;
    private final long stride;
    private final long first;
    private long origin;
    /** The due time the dispatcher sleeps until (System.nanoTime); in the past while it sends. Read by other threads. */
    private volatile long sleepsUntil;
    /** This shard's next arrival, 0-based: the plan's arrival {@code first + next * stride}. */
    private long next;

    /** The offset of arrival {@code next}, computed by the arrival before it (for its gap), or {@link #NONE}. */
    private long nextOffset = NONE;

    /** The offset of the arrival before {@code next} (the gap a sparse arrival may spin in), or {@link #NONE}. */
    private long previousOffset = NONE;

    private static final long NONE = Long.MIN_VALUE;

    /**
     * @param lag  where measured arrivals' lateness goes (null: nowhere)
     * @param idle       whether nothing is in flight (the dispatcher may then spin to a due time)
     * @param answerPoll the event loop's: after a sparse arrival, it reads for the answer rather than sleeping
     * @param end        run once, after the last arrival of the schedule
     */
    OpenSchedule(EventLoop loop, LoadShape load, Shard shard, ScheduleLag lag, BooleanSupplier idle, AnswerPoll answerPoll,
                 Arrival arrival, Runnable end) {
        this.loop = loop;
        this.load = load;
        this.lags = new ScheduleLag[] {new ScheduleLag(Double.MAX_VALUE), lag != null ? lag : new ScheduleLag(Double.MAX_VALUE)};
        this.idle = idle;
        this.awaiting = () -> !idle.getAsBoolean();
        this.answerPoll = answerPoll;
        this.arrival = arrival;
        this.end = end;
        this.warmupNanos = TimeUnit.SECONDS.toNanos(load.warmupSeconds());
        this.endOffsetNanos = TimeUnit.SECONDS.toNanos((long) load.warmupSeconds() + load.durationSeconds());
        this.stride = shard.count();
        this.first = shard.arrival(0);
    }

    /**
     * Starts the schedule with arrival 0 due at {@code originNanos} (System.nanoTime; on the
     * event loop): now, or the shared start instant of the shards, which may be ahead.
     */
    void start(long originNanos) {
        origin = originNanos;
        dispatch();
    }

    /**
     * Whether the injector will be idle for the next {@code nanos} at least: nothing in flight
     * and the next arrival that far away (any thread; advisory: the answer may be stale by a
     * wake-up). The once-a-second work of the capture and the CPU sampler waits for such a
     * moment ({@code LatencyCapture.quietWhen}): on the injector's core it would otherwise delay
     * the request due at the same instant, and at round rates one arrival falls on every
     * whole second (at 50 req/s, 2 % of the requests: the p99).
     */
    boolean quiet(long nanos) {
        return sleepsUntil - System.nanoTime() >= nanos && idle.getAsBoolean();
    }

    private void dispatch() {
        for (int batch = 0; batch < BATCH; batch++) {
            // read for each arrival: one taken after others of a backlog was taken later (their sends came first)
            long now = System.nanoTime();
            long k = first + next * stride;
            // each offset computed once: the arrival before this one computed it for its own gap
            long offset = nextOffset != NONE ? nextOffset : load.intendedOffsetNanos(k);
            if (offset >= endOffsetNanos) {
                end.run();
                return;
            }
            long intended = origin + offset;
            long wait = intended - now;
            if (wait > 0) {
                // sparse arrivals (a gap of 4 spins or more between this shard's own) may spin: at most a
                // quarter of the gap spent
                long gap = previousOffset == NONE ? Long.MAX_VALUE : offset - previousOffset;
                boolean sparse = gap >= 4 * SPIN_NANOS;
                sleepsUntil = intended;
                if (wait > SPIN_NANOS) {
                    loop.schedule(this::dispatch, wait - (sparse ? SPIN_NANOS : 0), TimeUnit.NANOSECONDS);
                    return;
                }
                if (!sparse || !idle.getAsBoolean()) {
                    // dense arrivals: a timer (a late wake-up takes the few that fell due together); answers
                    // may come while in flight: no spinning
                    loop.schedule(this::dispatch, wait, TimeUnit.NANOSECONDS);
                    return;
                }
                while (intended - (now = System.nanoTime()) > 0) {
                    Thread.onSpinWait();
                }
            }
            int phase = Exchange.phase(offset, warmupNanos);
            lags[phase].record(now - intended);
            arrival.due(k, intended, now, phase);
            long following = load.intendedOffsetNanos(k + stride);
            long gapToNext = following - offset;
            if (gapToNext >= 4 * SPIN_NANOS) {
                // sparse: read for the answer rather than sleep (a halted core wakes late), a quarter of the gap at most
                answerPoll.until(now + Math.min(AnswerPoll.MAX_NANOS, gapToNext / 4), awaiting);
            }
            previousOffset = offset;
            nextOffset = following;
            next++;
        }
        loop.execute(this::dispatch); // more are due: answers first, then the rest of the backlog
    }
}
