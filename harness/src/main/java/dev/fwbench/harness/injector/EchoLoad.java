package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket echo on the lean engine (request name {@code echo}): a schedule of frames over
 * open {@link EchoConnections} to {@code /ws/echo}. Frame k of the open model is due at
 * {@code k / rate} and goes on connection {@code k mod connections} at its due time, whatever
 * that connection still waits for (frames are not held back behind an unanswered one: the
 * schedule is the plan's, as for HTTP). Each echo is matched to its frame byte for byte and
 * timed from the due time (corrected) and from the write (uncorrected), next to the wire, as
 * {@link TargetLoad} does for HTTP. The closed model is one frame in flight per connection.
 *
 * <p>Alone ({@link #EchoLoad(InjectorLoop, URI, int, LoadShape, LatencyRecorder, ScheduleLag, long)})
 * it opens its connections before the schedule and closes them after; in a connection ramp
 * ({@link CapacityRun}) it plays one step's schedule on connections that stay open for the next.
 *
 * <p>A {@link Shard} sends its frames of the plan's schedule (each at the plan's due time) on
 * its own part of the connections, in turn: the shard's j-th frame on connection
 * {@code j mod connections} (the plan's number k would leave connections idle whenever k's
 * stride shares a factor with their count).
 */
final class EchoLoad extends Injection {
    private final EchoConnections connections;
    private final int opening;
    private final boolean closeAtEnd;
    /** By phase ({@link Exchange#phase}): the warm-up's recorder (read by nobody), then the measured one. */
    private final LatencyRecorder[] recorders;
    private boolean scheduleOver;
    private long framesDue;

    /**
     * Opens {@code connections} connections to {@code uri} (the echo endpoint), plays the schedule
     * ({@code shard}'s arrivals of {@code load}), closes them.
     */
    EchoLoad(InjectorLoop injector, URI uri, int connections, LoadShape load, Shard shard, LatencyRecorder recorder,
             ScheduleLag lag, long drainNanos) {
        this(new EchoConnections(injector, uri), load.model() == LoadShape.Model.OPEN ? connections : load.users(), true,
                load, shard, recorder, lag, drainNanos);
    }

    /** Plays the whole schedule on the connections open now, and leaves them open. */
    EchoLoad(EchoConnections open, LoadShape load, LatencyRecorder recorder, ScheduleLag lag, long drainNanos) {
        this(open, 0, false, load, Shard.WHOLE, recorder, lag, drainNanos);
    }

    private EchoLoad(EchoConnections connections, int opening, boolean closeAtEnd, LoadShape load, Shard shard,
                     LatencyRecorder recorder, ScheduleLag lag, long drainNanos) {
        super(load, shard, lag, drainNanos);
        this.connections = connections;
        this.opening = opening;
        this.closeAtEnd = closeAtEnd;
        this.recorders = new LatencyRecorder[] {recorder == null ? null : recorder.warmUp(), recorder};
    }

    /** Opens the connections it was asked for (every handshake done), then plays the schedule; completes once every echo is in or failed. */
    @Override
    CompletableFuture<Void> start(long originNanos) {
        connections.open(opening).whenComplete((failedHandshakes, error) -> connections.loop().execute(() -> {
            if (error != null || failedHandshakes > 0) {
                String why = error != null ? error.getMessage() : failedHandshakes + " of " + opening + " handshakes failed";
                finish().whenComplete((v, e) -> done.completeExceptionally(new IllegalStateException(
                        "WebSocket handshake with " + connections.uri() + " failed: " + why, error)));
                return;
            }
            connections.sink(this::record);
            origin = originNanos == NOW ? System.nanoTime() : originNanos;
            if (load.model() == LoadShape.Model.OPEN) {
                schedule = new OpenSchedule(connections.loop(), load, shard, lag, connections::idle,
                        connections.injector().answerPoll(), (k, intended, now, phase) -> {
                            if (connections.size() > 0) {
                                connections.open.get((int) (framesDue++ % connections.size())).send(intended);
                            }
                        }, this::endSchedule);
                schedule.start(origin);
            } else {
                connections.loop().schedule(() -> {
                    connections.open.forEach(c -> c.send(System.nanoTime()));
                    connections.loop().schedule(this::endSchedule, Math.max(0, origin + endOffsetNanos - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                }, Math.max(0, origin - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }));
        return done;
    }

    @Override
    java.util.Map<String, Object> facts() {
        java.util.Map<String, Object> m = Injection.facts(connections.injector());
        m.put("webSocketConnections", closeAtEnd ? opening : connections.size());
        m.put("frames", "sent at their due time on connection k mod connections, never held back behind an unanswered one");
        return m;
    }

    private void endSchedule() {
        scheduleOver = true;
        drain(System.nanoTime() + drainNanos);
    }

    private void drain(long deadline) {
        if (!connections.idle() && System.nanoTime() - deadline < 0) {
            connections.loop().schedule(() -> drain(deadline), 5, TimeUnit.MILLISECONDS);
            return;
        }
        connections.failInFlight(System.nanoTime());
        finish().whenComplete((v, e) -> done.complete(null));
    }

    /** Closes the connections when this load opened them; else leaves them to the next schedule. */
    private CompletableFuture<Void> finish() {
        return closeAtEnd ? connections.close() : CompletableFuture.completedFuture(null);
    }

    private void record(EchoConnections.Connection on, long intended, long sent, long end, boolean ok) {
        // the warm-up's frames take the same path into its own recorder and counters (see Exchange)
        int phase = phase(intended);
        LatencyRecorder r = recorders[phase];
        if (r != null) {
            r.record(intended, sent, end, ok);
        }
        completedBy[phase].increment();
        if (!ok) {
            failedBy[phase].increment();
        }
        if (load.model() == LoadShape.Model.CLOSED && !scheduleOver && on.active()) {
            on.send(System.nanoTime()); // one frame in flight per connection: its next, now
        }
    }
}
