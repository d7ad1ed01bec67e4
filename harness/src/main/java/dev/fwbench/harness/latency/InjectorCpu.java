package dev.fwbench.harness.latency;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load generator's own CPU use, sampled once a second, so that a run whose latencies
 * include the injector's queueing rather than the server's is flagged, not reported.
 *
 * <p>A sample is the JVM's process CPU time over the second divided by the wall time and by
 * the budget in cores: 1.0 means the injector used its whole budget. The budget defaults to
 * every core the JVM may use ({@code -Dinjector.cpu.budget=<cores>} narrows it, e.g. to the
 * cores pinned to the injector). <b>Rule</b>: the run is "injector saturated" when the 90th
 * percentile of its one-second samples is above 0.90 ({@code -Dinjector.cpu.threshold}), i.e.
 * the injector spent at least a tenth of the measured seconds at over 90 % of its budget. A single busy
 * second (a GC, JIT warm-up) does not flag a run; a sustained one does. Example: budget
 * 2 cores, samples of 1.9 cores in 3 of 20 s: p90 = 1.9 / 2 = 0.95 &gt; 0.90, flagged.
 */
public final class InjectorCpu {
    private final double budgetCores;
    private final double threshold;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Double> samples = new ArrayList<>();
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    public InjectorCpu(double budgetCores, double threshold) {
        this.budgetCores = budgetCores;
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
        if (counted && lastCpuNanos >= 0 && wallNanos - lastWallNanos > 0) {
            samples.add((cpu - lastCpuNanos) / (double) (wallNanos - lastWallNanos) / budgetCores);
        }
        lastCpuNanos = cpu;
        lastWallNanos = wallNanos;
    }

    public synchronized Report report() {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return new Report(budgetCores, threshold, 0, 0, 0, 0, false);
        }
        double mean = Arrays.stream(s).average().orElse(0);
        double p90 = s[Math.min(s.length - 1, (int) Math.ceil(0.9 * s.length) - 1)];
        double max = s[s.length - 1];
        return new Report(budgetCores, threshold, s.length, mean, p90, max, p90 > threshold);
    }

    /**
     * Fractions of the budget (1.0 = every budgeted core busy). {@code meanCores} in the text
     * summary is {@code mean * budgetCores}.
     */
    public record Report(double budgetCores, double threshold, int samples, double mean, double p90, double max,
                         boolean saturated) {
        @com.fasterxml.jackson.annotation.JsonProperty
        public String rule() {
            return "saturated when p90 of 1-s samples of process CPU time / wall time / " + budgetCores
                    + " cores > " + threshold;
        }
    }
}
