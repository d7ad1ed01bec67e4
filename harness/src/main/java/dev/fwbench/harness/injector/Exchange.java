package dev.fwbench.harness.injector;

/**
 * One request through the lean injector, with the three times its latencies come from
 * (all {@link System#nanoTime()}, read on the injector's event loop):
 * <ul>
 *   <li>{@code intended}: when the plan wanted it sent (the open model's schedule; in the
 *       closed model, the moment its user was free);</li>
 *   <li>{@code dispatched}: when the injector took it off its schedule. {@code dispatched -
 *       intended} is the injector's own lag: nonzero only when the injector ran behind;</li>
 *   <li>{@code sent}: when its bytes were handed to the socket. {@code sent - dispatched} is
 *       the wait for a free connection of the bounded pool: the server's doing (it had not
 *       answered the requests before), so it is part of the corrected latency.</li>
 * </ul>
 * and its {@code phase}: {@link #WARM_UP} or {@link #MEASURED}. Both phases run the same code
 * (recorded, counted), into the warm-up's own recorders and counters, which nothing reads: the
 * JIT then compiles the recording path before the measured phase, and no branch on the phase
 * (which C2 would compile as never taken) deoptimizes at the first measured request.
 */
final class Exchange {
    static final int WARM_UP = 0;
    static final int MEASURED = 1;

    final RequestShape shape;
    final int variant;
    final long intended;
    final long dispatched;
    /** {@link #WARM_UP} or {@link #MEASURED}: an index, never branched on. */
    final int phase;
    long sent;

    Exchange(RequestShape shape, int variant, long intended, long dispatched, int phase) {
        this.shape = shape;
        this.variant = variant;
        this.intended = intended;
        this.dispatched = dispatched;
        this.phase = phase;
    }

    /**
     * The phase of a time {@code sinceOrigin} after the schedule's origin: {@link #MEASURED} from
     * {@code warmupNanos} on, computed without a branch (the sign of {@code warmupNanos - 1 - sinceOrigin}).
     */
    static int phase(long sinceOrigin, long warmupNanos) {
        return (int) ((warmupNanos - 1 - sinceOrigin) >>> 63);
    }

    /** Where finished exchanges go (on the event loop): recorded, counted, and, in the closed model, followed by the next. */
    interface Sink {
        /**
         * @param endNanos when the whole response was read, or when the request failed
         * @param ok       the expected status, complete
         */
        void completed(Exchange e, long endNanos, boolean ok);
    }
}
