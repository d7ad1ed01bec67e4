/**
 * The run directory ({@link dev.fwbench.harness.results.RunDirectory}:
 * {@code results/runs/<UTC>-<name>/} with {@code run.json}, {@code hdr/}, {@code logs/}...), the
 * environment fingerprint recorded with every result
 * ({@link dev.fwbench.harness.results.EnvironmentFingerprint}) and the per-second resource
 * samples of every service ({@link dev.fwbench.harness.results.ResourceLog}, fed by both
 * backends). The layout is documented in {@code results/README.md}.
 */
package dev.fwbench.harness.results;
