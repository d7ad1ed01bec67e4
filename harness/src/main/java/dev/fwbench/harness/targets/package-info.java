/**
 * What is measured: a {@link dev.fwbench.harness.targets.Target} (a name, and either a
 * {@link dev.fwbench.harness.targets.TargetSpec} to bring up or the URL of a service already
 * running); a spec is a {@link dev.fwbench.harness.targets.Framework} on one server stack
 * (variant) with workers, threads, a {@link dev.fwbench.harness.targets.Profile} and
 * {@link dev.fwbench.harness.targets.ResourceLimits}.
 */
package dev.fwbench.harness.targets;
