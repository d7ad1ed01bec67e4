/**
 * The external backend: services the user already runs. Nothing is started or stopped; each
 * URL must be on this machine unless remote targets are allowed
 * ({@code service.LoopbackGuard}), and the target is described by what its {@code /health}
 * reports.
 */
package dev.fwbench.harness.backend.external;
