package dev.fwbench.harness.suite;

import java.util.List;
import java.util.Map;

/**
 * What one trial measured, as suite.json records it. Numbers come from the trial's own run
 * directory (its HdrHistogram summaries and resource samples), never from Gatling's report.
 *
 * @param outcome    {@code ok}; {@code slo-broken} (the numbers stand, the SLO assertions failed);
 *                   {@code failed} (no numbers: the reason says why); {@code interrupted}
 * @param requests   per request name: the numbers of record (corrected latencies, in ms)
 * @param appCpuSecondsPer1000 CPU-seconds the target's processes or containers (app, and its front) used per
 *                   1,000 measured requests, over the measured window; null where not sampled
 * @param dbCpuSecondsPer1000 the same for PostgreSQL
 * @param peakMemoryBytes the target's largest memory sample over the trial
 * @param flags      what makes the numbers less trustworthy: "injector saturated", "errors",
 *                   "configuration differs: ..."
 * @param reported   what the target reported on /health (workers, threads, server, profile)
 * @param capacity   what a search found ({@code -Dsearch=}, the lean engine's capacity.json); null for a fixed load
 * @param footprint  the target's cold start, idle memory and image size ({@code -Dfootprint.idle.seconds}); null when not measured
 */
public record TrialResult(String cell, int trial, int order, String folder, String outcome, String reason, double seconds,
                          Map<String, Numbers> requests, Double appCpuSecondsPer1000, Double dbCpuSecondsPer1000,
                          Long peakMemoryBytes, List<String> flags, Map<String, Object> reported, Capacity capacity,
                          Footprint footprint) {

    public TrialResult(String cell, int trial, int order, String folder, String outcome, String reason, double seconds,
                       Map<String, Numbers> requests, Double appCpuSecondsPer1000, Double dbCpuSecondsPer1000,
                       Long peakMemoryBytes, List<String> flags, Map<String, Object> reported) {
        this(cell, trial, order, folder, outcome, reason, seconds, requests, appCpuSecondsPer1000, dbCpuSecondsPer1000,
                peakMemoryBytes, flags, reported, null, null);
    }

    /**
     * What a search found on the trial's target: {@code held} the highest level that held the SLO, {@code failedAt}
     * the lowest that broke it (the interval [held, failedAt] holds the target's capacity), in {@code unit} (req/s,
     * users, connections); {@code stoppedBy} slo, injector, max or below-from ({@code lowerBound}: held is only a
     * lower bound). A closed-model sweep ({@code search} users) adds its knee and peak throughput (req/s); a
     * connection ramp the target's memory per connection (KiB: memory at the most connections held less memory
     * with none, over their number).
     */
    public record Capacity(String search, String unit, Double held, Double failedAt, String stoppedBy, boolean lowerBound,
                           Double kneeUsers, Double peakThroughput, Double memoryPerConnectionKiB) {
    }

    /**
     * The target's fixed cost: seconds from its launch to its first healthy /health (no install, image build or
     * database in it), its memory idle after start (MiB, the median of its samples over the idle window, app
     * processes or containers summed), its image size (MB of 10^6 bytes; null where the backend has no image,
     * {@code imageNote} says why).
     */
    public record Footprint(Double coldStartSeconds, Double idleMemoryMiB, Double imageMB, String imageNote) {
    }

    /**
     * One request name's numbers in one trial (latencies in ms, corrected from the intended start);
     * {@code floorP50} / {@code floorP99}: the injector's own round trip for the same request
     * against its in-process baseline (null where the driver did not measure it).
     */
    public record Numbers(long count, long errors, double errorPct, double throughput, double p50, double p90, double p99,
                          double p999, double max, double uncorrectedP50, double uncorrectedP99, Double floorP50,
                          Double floorP99) {
    }

    public boolean hasNumbers() {
        return outcome.equals("ok") || outcome.equals("slo-broken");
    }

    public static TrialResult failed(Matrix.Slot slot, String outcome, String reason, double seconds) {
        return new TrialResult(slot.cell().id(), slot.trial(), slot.order(), "trials/" + slot.folder(), outcome, reason,
                seconds, Map.of(), null, null, null, List.of(), Map.of());
    }
}
