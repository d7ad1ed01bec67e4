package dev.fwbench.harness.shards;

import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether one shard kept its part of the plan, read from what it recorded: a shard that fell
 * behind makes the merged run's latencies the injector's as much as the server's, and a merge
 * that hid it would report a load that never happened. Each rule gives a reason, in words and
 * numbers; no reason means the shard is trusted.
 * <ul>
 *   <li><b>Achieved rate</b> (open model): its measured requests (answered or failed) per
 *       measured second under {@value #RATE_FLOOR} of its share, the plan's measured arrivals
 *       that are its own. A shard that sends all of them, late, is caught by its lag instead.</li>
 *   <li><b>Injector saturated</b>: its summary's CPU rule ({@code latency.InjectorCpu}) or lag
 *       rule ({@code latency.ScheduleLag}) fired.</li>
 *   <li><b>Clock</b>: its offset to the reference clock, with the measurement's error, beyond
 *       the bound ({@link ClockOffset#DEFAULT_BOUND_MS} ms unless the merge says otherwise), or
 *       not measured while the shards ran on more than one host.</li>
 *   <li><b>Late start</b>: its schedule began later than the shared start instant by more than
 *       the same bound (it was not ready: the start instant left too little room).</li>
 * </ul>
 */
public final class ShardVerdict {
    static final double RATE_FLOOR = 0.95;

    private ShardVerdict() {
    }

    /**
     * @param clock         the shard's measured offset, null where not measured
     * @param clockRequired whether an unmeasured clock is a reason (shards on several hosts)
     * @param lateStartMs   how late its schedule began after the start instant, null where unknown
     */
    public static List<String> reasons(Shard shard, LoadShape plan, LatencySummary summary, ClockOffset clock,
                                       boolean clockRequired, Double lateStartMs, double boundMs) {
        List<String> reasons = new ArrayList<>();
        String who = "shard " + shard + " on " + summary.target();
        if (plan.model() == LoadShape.Model.OPEN) {
            long[] measured = plan.measuredArrivals();
            long share = shard.owned(measured[0], measured[1]);
            long done = summary.requests().stream().mapToLong(LatencySummary.Request::count).sum();
            if (share > 0 && done < RATE_FLOOR * share) {
                reasons.add(String.format("%s fell behind: %.1f req/s achieved of its share %.1f req/s (%d of its %d "
                        + "measured arrivals, under %.0f %%)", who, done / (double) plan.durationSeconds(),
                        share / (double) plan.durationSeconds(), done, share, RATE_FLOOR * 100));
            }
        }
        if (summary.injectorCpu() != null && summary.injectorCpu().saturated()) {
            reasons.add(String.format("%s: injector CPU saturated (p90 %.0f %% of its budget, above %.0f %%)", who,
                    summary.injectorCpu().p90() * 100, summary.injectorCpu().threshold() * 100));
        }
        if (summary.lag() != null && summary.lag().saturated()) {
            reasons.add(String.format("%s: injector lag p99 %.3f ms above %.3f ms (it sent late)", who,
                    summary.lag().p99Ms(), summary.lag().thresholdMs()));
        }
        if (clock != null && !clock.within(boundMs)) {
            reasons.add(String.format("%s: clock offset %.3f ms +- %.3f ms to %s, beyond the %.1f ms bound", who,
                    clock.offsetMs(), clock.errorMs(), clock.reference(), boundMs));
        } else if (clock == null && clockRequired) {
            reasons.add(who + ": its clock was not checked (no -Dclock.url) and the shards ran on several hosts");
        }
        if (lateStartMs != null && lateStartMs > boundMs) {
            reasons.add(String.format("%s: started %.1f ms after the start instant (more than the %.1f ms bound)", who,
                    lateStartMs, boundMs));
        }
        return reasons;
    }
}
