package dev.fwbench.harness.claims;

import java.util.List;
import java.util.Locale;

/**
 * What claims.json records of one claim: the registry's words, the verdict and why, the
 * profile it rests on, every estimate with its interval and the trials behind it, the
 * comparisons reported beside it, and relative links to the evidence (suite and trial
 * folders, compiled files). Self-describing: every number names its unit and how it was
 * obtained, so a report can render it without the registry.
 *
 * @param verdict  "supported", "refuted", "inconclusive" or "not a runtime property"
 * @param estimate the headline estimate (the first comparison of the profile it rests on)
 * @param trials   trials per side behind the headline, e.g. "4+4"
 */
public record ClaimVerdict(int id, String quote, String subject, String hypothesis, String experiment, String measure,
                           String rule, String kind, String verdict, String reason, String restsOn, Estimate estimate,
                           String trials, List<ProfileVerdict> profiles, List<Estimate> beside, Evidence evidence) {

    public enum Outcome {
        SUPPORTED, REFUTED, INCONCLUSIVE, NOT_A_RUNTIME_PROPERTY;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** One profile's verdict: its parts' (one per framework or stack) combined, or "not run" in this size. */
    public record ProfileVerdict(String profile, String verdict, String reason, List<PartVerdict> parts) {
    }

    /** One part's verdict from its estimates. */
    public record PartVerdict(String name, String verdict, String reason, List<Estimate> estimates) {
    }

    /**
     * One estimate: B against A (a ratio, an efficiency) or one cell against a bar (per core), with its interval
     * ({@code ciLow}, {@code ciHigh}) and the confidence that interval achieves, the medians and trials of each
     * side, what it meets in the rule ({@code meets}: "supported", "refuted" or "neither"; null when a guard made
     * it inconclusive), the guard's reason ({@code inconclusiveBecause}), and the trial folders behind it.
     *
     * @param kind "ratio" (Hodges-Lehmann B/A, exact Mann-Whitney interval), "efficiency" (that ratio over B's
     *             workers / A's), "per core" (one cell's capacity / its cores, the median's order-statistic interval)
     */
    public record Estimate(String label, String plan, String cellA, String cellB, String metric, String request,
                           String unit, String kind, Double value, Double ciLow, Double ciHigh, Double confidence,
                           Integer trialsA, Integer trialsB, Double medianA, Double medianB, String meets,
                           String inconclusiveBecause, List<String> trialFolders) {
    }

    /** Where the evidence is, relative to the claims run's folder. */
    public record Evidence(List<String> suites, List<String> files, List<Checksum> checksums) {
    }

    /** A file of the evidence and its SHA-256 (the TypeScript claim's emitted JavaScript). */
    public record Checksum(String file, String sha256, long bytes) {
    }
}
