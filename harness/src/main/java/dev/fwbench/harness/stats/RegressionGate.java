package dev.fwbench.harness.stats;

import java.util.Arrays;

/**
 * The nightly regression gate's arithmetic for one metric: tonight's trials against a rolling
 * baseline of the last N nights' values (one value per night, e.g. that night's cell median,
 * oldest first), from one machine class and architecture (the caller never mixes them).
 *
 * <p>A night fails only when all four hold:
 * <ol>
 * <li>significant: the two-sided Mann-Whitney p of tonight's trials against the baseline's
 *     values is at most alpha (exact without ties; {@link MannWhitneyExact});
 * <li>beyond the effect threshold: |change| &gt; 10 %, with change = median(tonight) /
 *     median(baseline) - 1;
 * <li>beyond the baseline's own spread: |median(tonight) - median(baseline)| &gt; k x MAD, k = 3,
 *     MAD scaled (1.4826 x median |x_i - median|, R's {@code mad()}: a standard deviation for
 *     normal data);
 * <li>in the bad direction for the metric;
 * </ol>
 * and then {@link #decide} says {@link GateDecision.Outcome#CONFIRMATION_NEEDED}: the caller
 * re-runs the affected cells and {@link #confirm} says FAIL only if the re-run meets all four
 * again, WARN if it does not. So one noisy night alone never fails the build. A change in the
 * bad direction beyond the threshold that is not significant or stays within k MAD is a WARN;
 * anything else passes. With fewer than 5 nights, or too few trials tonight for the test to
 * reach alpha, the outcome is INCONCLUSIVE.
 *
 * <p>Worked numbers: 14 nights of 1000, 1004, 996, 1008, 992, 1002, 998, 1006, 994, 1010,
 * 990, 1001, 999, 1005 req/s have median 1000.5, raw MAD 4.5, scaled MAD 6.67, so
 * 3 MAD = 20.0 req/s = 2.0 %. Tonight 800, 805, 795, 810, 790 req/s: every trial below every
 * night, p = 2 / C(19, 5) = 0.000172 (exact), change -20.0 %, beyond 10 % and 2.0 %,
 * throughput down: confirmation needed, then FAIL if the re-run is as slow. Tonight 970, 975,
 * 965, 972, 968 req/s: -3.0 %, within 10 %: PASS (although p = 0.000172 too).
 */
public final class RegressionGate {

    /** Scales the MAD to estimate a normal standard deviation: 1 / Phi^-1(3/4) (R's mad() constant). */
    public static final double MAD_SCALE = 1.4826;

    private final GateSettings settings;

    public RegressionGate(GateSettings settings) {
        this.settings = settings;
    }

    /**
     * Tonight's decision for {@code metric}: {@code history} holds one value per past night,
     * oldest first (only the last {@code window} count); {@code tonight} one value per trial.
     */
    public GateDecision decide(Metric metric, double[] history, double[] tonight) {
        CellComparison.logs(metric.name() + " tonight", tonight);
        double[] baseline = Arrays.copyOfRange(history, Math.max(0, history.length - settings.window()), history.length);
        int nights = baseline.length;
        if (nights == 0) {
            return inconclusive(metric, "no history yet: " + settings.minimumNights() + " nights needed before the gate judges",
                    0, tonight, null, null);
        }
        CellComparison.logs(metric.name() + " history", baseline);
        double baselineMedian = CellStats.median(baseline);
        double mad = scaledMad(baseline);
        if (nights < settings.minimumNights()) {
            return inconclusive(metric, nights + (nights == 1 ? " night" : " nights") + " of history, "
                    + settings.minimumNights() + " needed before the gate judges", nights, tonight, baselineMedian, mad);
        }
        double smallestP = MannWhitneyExact.smallestTwoSidedP(tonight.length, nights);
        if (smallestP > settings.alpha()) {
            int needed = MannWhitneyExact.minimumTrialsAgainst(nights, settings.alpha());
            return inconclusive(metric, tonight.length + (tonight.length == 1 ? " trial" : " trials") + " tonight against "
                    + nights + " nights can give p=" + NumberText.p(smallestP) + " at best, above alpha "
                    + NumberText.plain(settings.alpha()) + ": run " + needed + " or more", nights, tonight, baselineMedian, mad);
        }

        double tonightMedian = CellStats.median(tonight);
        double change = tonightMedian / baselineMedian - 1;
        double spreadLimit = settings.madMultiplier() * mad / baselineMedian;
        MannWhitneyExact.TestResult test = MannWhitneyExact.test(tonight, baseline);
        boolean significant = test.p() <= settings.alpha();
        boolean beyondThreshold = Math.abs(change) > settings.effectThreshold();
        boolean beyondSpread = Math.abs(tonightMedian - baselineMedian) > settings.madMultiplier() * mad;
        boolean worse = metric.direction().worse(1 + change);

        GateDecision.Outcome outcome;
        if (worse && significant && beyondThreshold && beyondSpread) {
            outcome = GateDecision.Outcome.CONFIRMATION_NEEDED;
        } else if (worse && beyondThreshold) {
            outcome = GateDecision.Outcome.WARN;
        } else {
            outcome = GateDecision.Outcome.PASS;
        }
        String reason = "p=" + NumberText.p(test.p()) + (significant ? "" : " (not significant)") + ", "
                + NumberText.signedPercent(change) + (beyondThreshold ? " > " : " within ") + NumberText.percent(settings.effectThreshold())
                + (beyondSpread ? " and > " : " and within ") + NumberText.plain(settings.madMultiplier()) + " MAD (" + NumberText.percent(spreadLimit) + ")"
                + (metric.direction().better(1 + change) ? ", " + metric.betterWord() : "")
                + (outcome == GateDecision.Outcome.CONFIRMATION_NEEDED ? ": re-run to confirm" : "");
        return new GateDecision(metric, outcome, reason, nights, tonight.length, baselineMedian, mad, tonightMedian, change,
                spreadLimit, test.p(), test.kind(), significant, beyondThreshold, beyondSpread, worse, false);
    }

    /**
     * The decision after the confirming re-run of a night that needed one: FAIL when the
     * re-run's trials meet every condition again against the same history, WARN otherwise.
     * The numbers stay tonight's; the reason tells what the re-run showed.
     */
    public GateDecision confirm(GateDecision first, double[] history, double[] rerun) {
        if (first.outcome() != GateDecision.Outcome.CONFIRMATION_NEEDED) {
            throw new IllegalArgumentException("only a decision that needs confirmation can be confirmed (this one is " + first.outcome() + ")");
        }
        GateDecision again = decide(first.metric(), history, rerun);
        boolean agrees = again.outcome() == GateDecision.Outcome.CONFIRMATION_NEEDED;
        String firstReason = first.reason().replace(": re-run to confirm", "");
        String reason = agrees
                ? firstReason + "; confirmed by a re-run (" + again.reason().replace(": re-run to confirm", "") + ")"
                : firstReason + "; not confirmed by the re-run (" + again.reason() + ")";
        return afterRerun(first, agrees ? GateDecision.Outcome.FAIL : GateDecision.Outcome.WARN, reason);
    }

    /**
     * The decision when the confirming re-run gave no numbers to judge (its trials failed, or
     * it lacks the cell): WARN, never FAIL, since a failure must be shown twice; {@code why}
     * says what the re-run lacked.
     */
    public GateDecision unconfirmed(GateDecision first, String why) {
        if (first.outcome() != GateDecision.Outcome.CONFIRMATION_NEEDED) {
            throw new IllegalArgumentException("only a decision that needs confirmation can go unconfirmed (this one is " + first.outcome() + ")");
        }
        return afterRerun(first, GateDecision.Outcome.WARN, first.reason().replace(": re-run to confirm", "") + "; not confirmed: " + why);
    }

    /** Tonight's numbers with the outcome and reason the re-run led to. */
    private static GateDecision afterRerun(GateDecision first, GateDecision.Outcome outcome, String reason) {
        return new GateDecision(first.metric(), outcome, reason, first.nights(), first.trialsTonight(), first.baselineMedian(),
                first.baselineMad(), first.tonightMedian(), first.change(), first.spreadLimit(), first.p(), first.pKind(),
                first.significant(), first.beyondThreshold(), first.beyondSpread(), first.worse(), true);
    }

    /** The scaled median absolute deviation: 1.4826 x median(|x_i - median(x)|), in the values' unit. */
    public static double scaledMad(double[] values) {
        double median = CellStats.median(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return MAD_SCALE * CellStats.median(deviations);
    }

    private GateDecision inconclusive(Metric metric, String reason, int nights, double[] tonight, Double baselineMedian, Double mad) {
        return new GateDecision(metric, GateDecision.Outcome.INCONCLUSIVE, reason, nights, tonight.length, baselineMedian, mad,
                CellStats.median(tonight), null, null, null, null, false, false, false, false, false);
    }
}
