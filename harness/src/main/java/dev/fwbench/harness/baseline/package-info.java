/**
 * The in-process baseline: {@link dev.fwbench.harness.baseline.BaselineServer} answers the
 * contract's routes with fixed bytes on a thread of its own, so that the injector can time
 * its own round trip (the client floor, {@code injector.ClientFloor}) and warm its JIT before
 * any target sees a request.
 */
package dev.fwbench.harness.baseline;
