package dev.fwbench.harness.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load generator's own CPU use, sampled once a second, so that a run whose latencies
 * include the injector's queueing rather than the server's is flagged, not reported.
 *
 * <p>A sample is the JVM's process CPU time over the second, as a fraction of its
 * {@link CpuBudget} (the cores it may really use, and what the targets leave of them when
 * they share those cores): 1.0 means the injector had no CPU to spare. <b>Rule</b>: the run
 * is "injector saturated" when the 90th percentile of its one-second samples is above 0.90
 * ({@code -Dinjector.cpu.threshold}), i.e. the injector spent at least a tenth of the
 * measured seconds at over 90 % of its budget. A single busy second (a GC, JIT warm-up) does
 * not flag a run; a sustained one does. Example: pinned to one core, samples of 0.95 core in
 * 3 of 20 s: p90 = 0.95 &gt; 0.90, flagged.
 */
public final class InjectorCpu {
    private final CpuBudget budget;
    private final double threshold;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Double> samples = new ArrayList<>();
    private long lastCpuNanos = -1;
    private long lastWallNanos;
    private double lastIdleSeconds = -1;

    public InjectorCpu(CpuBudget budget, double threshold) {
        this.budget = budget;
        this.threshold = threshold;
    }

    /**
     * Takes one sample; call about once a second (the first call only sets the baseline).
     *
     * @param counted false for a second without measured load (warm-up, another target's
     *                turn): it moves the baseline but does not count
     */
    public synchronized void sample(long wallNanos, boolean counted) {
        long cpu = os.getProcessCpuTime();
        if (cpu < 0) {
            return; // not supported on this JVM: nothing to report
        }
        double idle = budget.shared() ? CpuBudget.idleSeconds(budget.cores()) : 0;
        if (counted && lastCpuNanos >= 0 && wallNanos - lastWallNanos > 0) {
            double idleDelta = idle >= 0 && lastIdleSeconds >= 0 ? idle - lastIdleSeconds : Double.MAX_VALUE;
            samples.add(budget.fraction((cpu - lastCpuNanos) / 1e9, (wallNanos - lastWallNanos) / 1e9, idleDelta));
        }
        lastCpuNanos = cpu;
        lastWallNanos = wallNanos;
        lastIdleSeconds = idle;
    }

    public synchronized Report report() {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return new Report(budget.coreCount(), budget.shared(), budget.why(), threshold, 0, 0, 0, 0, false);
        }
        double mean = Arrays.stream(s).average().orElse(0);
        double p90 = s[Math.min(s.length - 1, (int) Math.ceil(0.9 * s.length) - 1)];
        double max = s[s.length - 1];
        return new Report(budget.coreCount(), budget.shared(), budget.why(), threshold, s.length, mean, p90, max,
                p90 > threshold);
    }

    /**
     * Fractions of the budget (1.0 = no CPU to spare). {@code mean * budgetCores} is the
     * injector's mean use in cores when the budget is not shared.
     */
    public record Report(double budgetCores, boolean shared, String budget, double threshold, int samples, double mean,
                         double p90, double max, boolean saturated) {
        @JsonProperty
        public String rule() {
            return "saturated when p90 of 1-s samples of injector CPU / " + (shared
                    ? "(injector CPU + idle of its " + budgetCores + " cores, shared with the targets)"
                    : "(wall time x " + budgetCores + " cores)") + " > " + threshold;
        }
    }
}
