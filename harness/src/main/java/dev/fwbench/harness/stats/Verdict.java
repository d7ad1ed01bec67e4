package dev.fwbench.harness.stats;

/**
 * What a comparison of B against A concludes, decided on the Holm-adjusted p-value at the
 * comparison's alpha. The word a reader sees depends on the metric ({@link Metric#speed()}):
 * "faster" / "slower" or "better" / "worse", "no difference detected" ("~" in a table),
 * "too few trials".
 */
public enum Verdict {
    /** Significant, and B is better than A in the metric's direction. */
    BETTER,
    /** Significant, and B is worse than A. */
    WORSE,
    /** The data do not show a difference at alpha: not "equal", only "not detected". */
    NO_DIFFERENCE,
    /** The design cannot reach alpha: even fully separated samples would give p &gt; alpha. */
    TOO_FEW_TRIALS;

    /** The word for this verdict on {@code metric}. */
    public String word(Metric metric) {
        return switch (this) {
            case BETTER -> metric.betterWord();
            case WORSE -> metric.worseWord();
            case NO_DIFFERENCE -> "no difference detected";
            case TOO_FEW_TRIALS -> "too few trials";
        };
    }
}
