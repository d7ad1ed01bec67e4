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
 */
final class Exchange {
    final RequestShape shape;
    final int variant;
    final long intended;
    final long dispatched;
    final boolean measured;
    long sent;

    Exchange(RequestShape shape, int variant, long intended, long dispatched, boolean measured) {
        this.shape = shape;
        this.variant = variant;
        this.intended = intended;
        this.dispatched = dispatched;
        this.measured = measured;
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
