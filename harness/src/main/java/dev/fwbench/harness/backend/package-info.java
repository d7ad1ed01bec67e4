/**
 * How targets are brought up: the {@link dev.fwbench.harness.backend.Backend} interface and
 * what its implementations share.
 *
 * <p>{@link dev.fwbench.harness.backend.ManagedBackend} is the lifecycle of every backend
 * that starts targets: PostgreSQL on first need and a seeded database per target, a
 * loopback port, Redis where the app needs it, the app's {@code LaunchPlan}, the wait for
 * {@code /health}, and close newest first (never blocked by a start: Ctrl-C ends a start in
 * progress). Its subclasses, one package each, differ only in how a service runs:
 * {@code backend.process} (child processes), {@code backend.containers} (Docker through
 * Testcontainers). {@code backend.external} starts nothing. What a driver chose is a
 * {@link dev.fwbench.harness.backend.BackendSettings}; {@code run.BackendChoice} opens it.
 */
package dev.fwbench.harness.backend;
