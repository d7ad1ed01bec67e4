package dev.fwbench.harness.stats;

/** How a p-value was obtained; it travels with the p-value into suite.json. */
public enum PValueKind {
    /** From the exact distribution of U: no ties, fewer than 50 values per side. */
    EXACT,
    /** The normal approximation with tie and continuity corrections: the data had ties (or 50+ values per side). */
    NORMAL_APPROXIMATION,
    /** Every value of both samples is the same: no evidence of a difference, p = 1. */
    ALL_VALUES_EQUAL
}
