/**
 * Latency capture. Each request is timed by its engine (Gatling's {@code timed()}, the
 * broadcast probe, JMH) and recorded into a {@link dev.fwbench.harness.latency.LatencyRecorder}
 * twice: from its intended start (coordinated-omission corrected) and from its actual send,
 * in nanoseconds, into HdrHistogram {@code Recorder}s. A
 * {@link dev.fwbench.harness.latency.LatencyCapture} holds the recorders of one target under
 * one scenario, writes their 1-second intervals to {@code .hlog} files and, on close, the
 * {@link dev.fwbench.harness.latency.LatencySummary} ({@code summary.json}, the numbers of
 * record). {@link dev.fwbench.harness.latency.InjectorCpu} flags an injector that ran out of CPU.
 */
package dev.fwbench.harness.latency;
