package dev.fwbench.harness.claims;

/**
 * One claim of the article as the registry ({@code claims/claims.yaml}) fixes it before any
 * run: the quote, what it is taken to mean (the hypothesis), the experiment, what is measured,
 * the rule in words, and the same rule as data ({@link Decision}) that {@link RuleEvaluation}
 * applies.
 */
public record Claim(int id, String quote, String subject, String hypothesis, String experiment, String measure,
                    String rule, Decision decision) {
}
