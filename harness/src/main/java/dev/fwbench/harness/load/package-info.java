/**
 * What load is offered, independent of the engine that offers it:
 * {@link dev.fwbench.harness.load.LoadShape} (open or closed model, rate or users, warm-up,
 * duration, ramp, and the intended start of every request of the open model) and the
 * {@link dev.fwbench.harness.load.Slo} a run must meet.
 */
package dev.fwbench.harness.load;
