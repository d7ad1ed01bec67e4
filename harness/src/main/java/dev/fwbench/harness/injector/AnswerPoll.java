package dev.fwbench.harness.injector;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.BooleanSupplier;

/**
 * How the injector's event loop waits for an answer at low rates: it reads its sockets
 * without sleeping for a short while after a sparse arrival is sent, rather than going to
 * sleep in {@code epoll_wait} until the answer wakes it.
 *
 * <p>Why: a sleeping thread on an idle core lets the core halt, and on a VM a halted vCPU
 * wakes late. Measured here (instrument.sh's trivial nginx at 50 req/s, 2026-12-05): with
 * the cores kept out of halt ({@code /dev/cpu_dma_latency} held at 0) the p50 round trip of
 * every instrument fell from about 0.2 ms to 0.06 ms, wrk2's included; the lean engine's
 * uncorrected p99 was 1.2 to 3 ms against wrk2's 0.5 when sleeping. At 50 req/s the answer
 * comes about 0.1 to 0.3 ms after the send, so reading for it costs about 1 % of a core.
 *
 * <p>Bounds: only while something is in flight, and at most until the deadline the
 * schedule sets (a quarter of the gap to the next arrival, and never past
 * {@link #MAX_NANOS} after the send), so a slow server costs at most a quarter of the
 * injector's time, counted in its CPU samples like the schedule's own spin. Tasks queued on
 * the loop end the poll at once; timers (the next arrival) are under the deadline. The spin
 * yields the core at every turn, so a server on the same core (the in-process baseline of
 * the client floor) runs when it has work.
 *
 * <p>Event loop thread only: plain fields.
 */
final class AnswerPoll implements SelectStrategy {
    /** The longest the loop reads without sleeping after one send. */
    static final long MAX_NANOS = 1_000_000;
    /** For run.json: the rule in one line. */
    static final String RULE = "after an arrival 1 ms or more from the next, the event loop reads for its answer without "
            + "sleeping, for a quarter of the gap and 1 ms at most";

    private long until;
    private BooleanSupplier inFlight;

    /** Poll, rather than sleep, until {@code deadlineNanos} while {@code inFlight} says an answer is awaited. */
    void until(long deadlineNanos, BooleanSupplier inFlight) {
        this.until = deadlineNanos;
        this.inFlight = inFlight;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get();
        }
        BooleanSupplier awaited = inFlight;
        if (awaited == null) {
            return SELECT;
        }
        while (until - System.nanoTime() > 0 && awaited.getAsBoolean()) {
            int ready = selectNow.get();
            if (ready > 0) {
                return ready;
            }
            Thread.yield();
        }
        inFlight = null;
        return SELECT;
    }
}
