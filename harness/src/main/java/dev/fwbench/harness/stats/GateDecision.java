package dev.fwbench.harness.stats;

/**
 * The regression gate's decision on one metric, written into the gate's table and its JSON.
 *
 * <ul>
 * <li>{@code nights}: the baseline nights used (the last {@link GateSettings#window()} of the
 *     history); {@code baselineMedian} and {@code baselineMad} in the metric's unit;
 *     {@code baselineMad} is the <em>scaled</em> MAD, 1.4826 x median(|x_i - median|), which
 *     estimates the standard deviation of normal data, so 3 MAD is about 3 sigma.
 * <li>{@code tonightMedian}: median of tonight's trials; {@code change}: tonightMedian /
 *     baselineMedian - 1 (a fraction: 0.213 = +21.3 %); {@code spreadLimit}: k x MAD /
 *     baselineMedian, the same kind of fraction.
 * <li>{@code p}, {@code pKind}: the two-sided Mann-Whitney test of tonight's trials against the
 *     baseline's nightly values.
 * <li>{@code significant} (p ≤ alpha), {@code beyondThreshold} (|change| &gt; effect threshold),
 *     {@code beyondSpread} (|tonight - baseline median| &gt; k MAD), {@code worse} (the change
 *     goes the metric's bad way): the four conditions, each recorded.
 * <li>{@code outcome} and a one-line {@code reason} ("p=0.008, +21.3 % &gt; 10 % and &gt; 3 MAD
 *     (4.1 %)"); {@code confirmedByRerun}: whether a confirming re-run was judged.
 * </ul>
 *
 * <p>Numbers that need data the gate lacked are null (no history: no median).
 */
public record GateDecision(Metric metric, Outcome outcome, String reason, int nights, int trialsTonight,
                           Double baselineMedian, Double baselineMad, Double tonightMedian, Double change,
                           Double spreadLimit, Double p, PValueKind pKind,
                           boolean significant, boolean beyondThreshold, boolean beyondSpread, boolean worse,
                           boolean confirmedByRerun) {

    /** The gate's two tiers (WARN, FAIL) and the states around them. */
    public enum Outcome {
        /** No regression: within the threshold or the spread, not significant, or better. */
        PASS,
        /** Worse by more than the threshold but not shown beyond the noise, or not confirmed by a re-run. */
        WARN,
        /** All conditions of a failure hold: re-run the affected cells and pass the re-run to {@link RegressionGate#confirm}. */
        CONFIRMATION_NEEDED,
        /** All conditions held, and again on the confirming re-run. */
        FAIL,
        /** Too little history, or too few trials tonight for the test to reach alpha. */
        INCONCLUSIVE
    }
}
