package dev.fwbench.harness.shards;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One shard's clock against the reference, as its run.json records it ({@code "clock"}).
 *
 * @param offsetMs reference time minus this host's time: add it to a local instant to get the
 *                 reference's
 * @param errorMs  how far the true offset may be from {@code offsetMs}: half the round trip
 */
public record ClockOffset(String reference, int samples, double offsetMs, double errorMs, double rttMs,
                          String measuredAt) {
    /**
     * Why a bound of this size (the merge's {@code --clock-bound-ms}, default {@value}): a
     * shard's clock decides where its schedule starts and in which 1-s interval its latencies
     * land, never the latencies themselves (each is timed on the shard's own monotonic clock,
     * from its own due time). Off by 10 ms, a shard starts its arrivals up to 10 ms early or
     * late, and puts at most 1 % of a second's requests in the neighbouring interval. The
     * offset is corrected for, but measured once before the start: a clock this far off is a
     * node without time synchronisation (NTP or chrony keep cluster nodes well inside 1 ms),
     * whose clock may drift further during the run.
     */
    public static final double DEFAULT_BOUND_MS = 10.0;

    /** Whether the offset, with its error, is within {@code boundMs} of the reference. */
    public boolean within(double boundMs) {
        return worstMs() <= boundMs;
    }

    /** The largest offset the measurement allows: |offset| + error. */
    @JsonProperty
    public double worstMs() {
        return Math.abs(offsetMs) + errorMs;
    }
}
