/**
 * The article's claims and their verdicts ({@code bench claims}). The registry
 * ({@code claims/claims.yaml}, read by {@link dev.fwbench.harness.claims.ClaimRegistry}) fixes
 * each {@link dev.fwbench.harness.claims.Claim}'s words and its {@link dev.fwbench.harness.claims.Decision}
 * (the rule as data) before any run. {@link dev.fwbench.harness.claims.ClaimsRun} runs each
 * experiment the selected claims need once, as a suite ({@code suite.SuiteRunner}, one per
 * {@code claims/plans/<experiment>-<size>.yaml}), reads each back as
 * {@link dev.fwbench.harness.claims.SuiteEvidence}, compiles claim 10's handlers
 * ({@link dev.fwbench.harness.claims.TypeScriptErasure} into {@link dev.fwbench.harness.claims.ErasureEvidence}),
 * and hands the evidence to {@link dev.fwbench.harness.claims.RuleEvaluation}, which has no I/O:
 * numbers in, a {@link dev.fwbench.harness.claims.ClaimVerdict} out (statistics from {@code stats/}
 * only). ClaimsRun writes the verdicts as {@code claims.json} and
 * {@link dev.fwbench.harness.claims.ClaimsSummary summary.txt}.
 */
package dev.fwbench.harness.claims;
