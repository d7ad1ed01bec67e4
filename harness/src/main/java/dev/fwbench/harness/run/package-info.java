/**
 * The driver-neutral run context: what every driver (Gatling, JMH, the suite runner) does the
 * same way. A driver reads its settings ({@link dev.fwbench.harness.run.RunSettings} and its
 * own) and opens a {@link dev.fwbench.harness.run.RunContext}, which resolves the targets
 * ({@link dev.fwbench.harness.run.TargetResolver}: managed or external, loopback unless
 * allowed), opens the backend they need ({@link dev.fwbench.harness.run.BackendChoice}),
 * starts each target and logs in ({@link dev.fwbench.harness.run.ActiveTarget}), creates the
 * latency captures, reports progress while load runs
 * ({@link dev.fwbench.harness.run.LoadProgress}), and closes everything newest first.
 */
package dev.fwbench.harness.run;
