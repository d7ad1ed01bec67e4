package dev.fwbench.harness.report;

import dev.fwbench.harness.stats.Comparison;

/**
 * One before / after comparison of two suites of one plan, as {@code bench compare} computes
 * it (the suite's statistics: Hodges-Lehmann ratio, exact CI and p, Holm over them all): the
 * caller hands them in, the report only shows them.
 *
 * @param cell    the suite's cell id ({@code nestjs/db})
 * @param request the request name, or "*" for a trial-level metric (CPU, memory)
 * @param gated   a metric the plan's gate watches
 */
public record Difference(String cell, String request, String metric, boolean gated, Comparison comparison) {
}
