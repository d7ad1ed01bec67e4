/**
 * Gatling glue, so that a simulation (in {@code scenarios/}) is one page:
 * {@link dev.fwbench.harness.gatling.BenchSimulation} reads the settings
 * ({@link dev.fwbench.harness.gatling.SimulationSettings}), brings the targets up through the
 * run context, injects the load shape ({@link dev.fwbench.harness.gatling.GatlingInjection}),
 * times every request in {@code timed()} (clock read just before and after Gatling's action,
 * recorded into the target's {@code latency.LatencyRecorder}), turns the SLO into assertions
 * and moves Gatling's report into the run directory
 * ({@link dev.fwbench.harness.gatling.GatlingReport}). WebSocket broadcast fan-out is timed
 * outside Gatling ({@link dev.fwbench.harness.gatling.BroadcastProbe}), where receipt times
 * need nanoseconds.
 */
package dev.fwbench.harness.gatling;
