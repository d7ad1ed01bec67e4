/**
 * A target that answers, whichever backend runs it:
 * {@link dev.fwbench.harness.service.RunningService} (URLs, {@code /health}, the parts behind
 * it), a {@link dev.fwbench.harness.service.ServicePart} per process or container, the one
 * readiness loop ({@link dev.fwbench.harness.service.Readiness}, used by
 * {@link dev.fwbench.harness.service.HealthProbe} and the database and Redis waits), the login
 * every driver uses ({@link dev.fwbench.harness.service.ApiLogin}) and the rule that load stays
 * on this machine ({@link dev.fwbench.harness.service.LoopbackGuard}).
 */
package dev.fwbench.harness.service;
