/**
 * The lean engine: the contract's fixed requests at tens of thousands per second from one
 * core, timed next to the wire. {@link dev.fwbench.harness.injector.LeanLoad} is the driver
 * (settings, client floor, each target in turn); {@link dev.fwbench.harness.injector.TargetLoad}
 * plays the load shape's schedule on one Netty event loop ({@link dev.fwbench.harness.injector.InjectorLoop})
 * and records each answer, from its due time and from its send, into the target's
 * {@code latency.LatencyRecorder}s, and each dispatch's lateness into a
 * {@code latency.ScheduleLag}; {@link dev.fwbench.harness.injector.ConnectionPool} bounds the
 * sockets and queues what finds them all busy; {@link dev.fwbench.harness.injector.HttpConnection}
 * reads the clock around the wire; {@link dev.fwbench.harness.injector.RequestCatalogue} holds the
 * requests, pre-encoded ({@link dev.fwbench.harness.injector.RequestShape});
 * {@link dev.fwbench.harness.injector.ClientFloor} warms the JIT and times the injector's own round
 * trip against the in-process {@code baseline.BaselineServer}. WebSocket echo:
 * {@link dev.fwbench.harness.injector.EchoLoad} plays a schedule over
 * {@link dev.fwbench.harness.injector.EchoConnections}, which can outlive it. A search
 * ({@code -Dsearch=}) is {@link dev.fwbench.harness.injector.CapacityRun}: the levels
 * {@link dev.fwbench.harness.injector.CapacitySearch} (the ramp and bisection arithmetic, no I/O)
 * asks for, each a short run of its own with its own capture, judged against the SLO, written
 * as {@code capacity.json}.
 */
package dev.fwbench.harness.injector;
