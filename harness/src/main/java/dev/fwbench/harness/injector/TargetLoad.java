package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load on one server: the load shape's schedule played on the injector's event loop,
 * through a bounded {@link ConnectionPool}, each answer recorded into its request's
 * {@link LatencyRecorder}.
 *
 * <p><b>Open model</b>: the {@link OpenSchedule}'s arrivals take the selected requests in
 * turn and go to the pool at their due time. Nothing waits for an answer, so a slow server
 * cannot slow the arrivals: its slowness shows in the latencies, timed from the due time.
 *
 * <p><b>Closed model</b>: {@code users} connections, each sending its next request as soon as
 * the previous answer is complete (as wrk does); the plan defines no due time, so corrected
 * and uncorrected are the same.
 *
 * <p>Both models: requests due in the first {@code warmup} seconds are sent, and recorded into
 * recorders of their own that nothing reads (so that the JIT compiles the recording before the
 * measured requests, see {@link Exchange}), not into the run's;
 * after the schedule the run waits up to {@code drainNanos} for outstanding answers, and
 * counts what is still unanswered then as failed.
 *
 * <p>A {@link Shard} plays its arrivals of the plan's schedule (open model: the plan's own due
 * times and request mix) or its users (closed model: {@code load} is then its part already).
 */
final class TargetLoad extends Injection implements Exchange.Sink {
    private final InjectorLoop injector;
    private final EventLoop loop;
    private final ConnectionPool pool;
    private final List<RequestShape> shapes;
    /** By phase ({@link Exchange#phase}), by shape: the warm-up's recorders (read by nobody), then the measured ones. */
    private final LatencyRecorder[][] recorders;
    private long next;
    private int users;
    private boolean scheduleOver;
    private java.util.concurrent.ScheduledFuture<?> ramping;

    /**
     * @param recorders one per shape (by {@link RequestShape#index}); a null entry is not recorded
     * @param lag       where the open model's dispatch lag goes (null: not recorded)
     */
    TargetLoad(InjectorLoop injector, InetSocketAddress address, int connections, List<RequestShape> shapes,
               LoadShape load, Shard shard, LatencyRecorder[] recorders, ScheduleLag lag, long drainNanos) {
        super(load, shard, lag, drainNanos);
        this.injector = injector;
        this.loop = injector.loop();
        this.shapes = shapes;
        LatencyRecorder[] warm = new LatencyRecorder[recorders.length];
        for (int i = 0; i < recorders.length; i++) {
            warm[i] = recorders[i] == null ? null : recorders[i].warmUp();
        }
        this.recorders = new LatencyRecorder[][] {warm, recorders};
        int size = load.model() == LoadShape.Model.OPEN ? connections
                : Math.max(load.users(), load.rampTo() == null ? 0 : load.rampTo().intValue());
        this.pool = new ConnectionPool(loop, injector.socketChannel(), address, size, this);
    }

    @Override
    CompletableFuture<Void> start(long originNanos) {
        loop.execute(() -> {
            pool.prewarm(load.model() == LoadShape.Model.OPEN ? Math.min(4, pool.max()) : load.users());
            origin = originNanos == NOW ? System.nanoTime() : originNanos;
            if (load.model() == LoadShape.Model.OPEN) {
                // k is the plan's arrival number: a shard's requests and variants are the plan's at those k
                schedule = new OpenSchedule(loop, load, shard, lag, () -> pool.outstanding() == 0, injector.answerPoll(),
                        (k, intended, now, phase) -> {
                            RequestShape s = shapes.get((int) (k % shapes.size()));
                            pool.submit(new Exchange(s, (int) ((k / shapes.size()) % s.variantCount()), intended, now, phase));
                        }, this::endSchedule);
                schedule.start(origin);
            } else {
                loop.schedule(this::startUsers, Math.max(0, origin - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        });
        return done;
    }

    private void startUsers() {
        addUsers(load.users());
        if (load.rampTo() != null) {
            ramping = loop.scheduleAtFixedRate(this::ramp, 100, 100, TimeUnit.MILLISECONDS);
        }
        loop.schedule(this::endSchedule, Math.max(0, origin + endOffsetNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    java.util.Map<String, Object> facts() {
        java.util.Map<String, Object> m = Injection.facts(injector);
        m.put("maxConnections", pool.max());
        m.put("connects", pool.connects);
        m.put("peakOpenConnections", pool.peakOpen);
        m.put("requestsThatWaitedForAConnection", pool.waited);
        m.put("peakWaiting", pool.peakWaiting);
        return m;
    }

    ConnectionPool pool() {
        return pool;
    }

    private void addUsers(int n) {
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            users++;
            sendNext(now);
        }
    }

    /** Closed-model ramp: users grow linearly from {@code users} to {@code ramp.to} over the measured phase. */
    private void ramp() {
        long t = System.nanoTime() - origin - warmupNanos;
        if (t <= 0 || scheduleOver) {
            return;
        }
        double f = Math.min(1, t / (double) TimeUnit.SECONDS.toNanos(load.durationSeconds()));
        int want = (int) Math.round(load.users() + (load.rampTo() - load.users()) * f);
        if (want > users) {
            addUsers(want - users);
        }
    }

    private void sendNext(long now) {
        RequestShape s = shapes.get((int) (next % shapes.size()));
        pool.submit(new Exchange(s, (int) ((next / shapes.size()) % s.variantCount()), now, now, phase(now)));
        next++;
    }

    @Override
    public void completed(Exchange e, long endNanos, boolean ok) {
        // the warm-up's exchanges take the same path into its own recorders and counters (see Exchange)
        LatencyRecorder r = recorders[e.phase][e.shape.index];
        if (r != null) {
            r.record(e.intended, e.sent != 0 ? e.sent : e.dispatched, endNanos, ok);
        }
        completedBy[e.phase].increment();
        if (!ok) {
            failedBy[e.phase].increment();
        }
        if (load.model() == LoadShape.Model.CLOSED && !scheduleOver) {
            sendNext(System.nanoTime());
        }
    }

    private void endSchedule() {
        if (scheduleOver) {
            return;
        }
        scheduleOver = true;
        if (ramping != null) {
            ramping.cancel(false);
        }
        long deadline = System.nanoTime() + drainNanos;
        drain(deadline, false);
    }

    /** Waits for the outstanding answers until {@code deadline}, then fails what is left and closes the pool. */
    private void drain(long deadline, boolean abandoned) {
        if (pool.outstanding() == 0) {
            pool.abandon(); // nothing outstanding: just closes the connections
            done.complete(null);
            return;
        }
        if (!abandoned && System.nanoTime() - deadline >= 0) {
            pool.abandon();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); // closes settle within this
            abandoned = true;
        } else if (abandoned && System.nanoTime() - deadline >= 0) {
            done.complete(null);
            return;
        }
        long d = deadline;
        boolean a = abandoned;
        loop.schedule(() -> drain(d, a), 5, TimeUnit.MILLISECONDS);
    }
}
