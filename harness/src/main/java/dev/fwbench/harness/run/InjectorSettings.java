package dev.fwbench.harness.run;

import dev.fwbench.harness.config.Setting;
import java.util.List;

/**
 * What every injector reads beyond its targets, load shape and SLO: which requests, which
 * engine, how many connections, and when it counts as saturated (its CPU, its lag). Gatling
 * and the lean engine read the same keys, so a plan's workload means the same under both.
 */
public final class InjectorSettings {
    private InjectorSettings() {
    }

    public static final Setting<String> ENGINE = Setting.choice("engine", "gatling", List.of("gatling", "lean"),
            "gatling: the simulation's user journeys; lean: its fixed requests on the lean Netty engine "
                    + "(bench load, plans' engine: lean)");
    public static final Setting<String> REQUESTS = Setting.text("requests",
            "comma-separated request names to send alone, e.g. \"db,queries 20\" (default: all of the simulation's; "
                    + "the lean engine: json)");
    public static final Setting<Integer> CONNECTIONS = Setting.integer("connections", 64, 1, 10_000, "connections",
            "most connections the lean engine's open model keeps to a target; a request finding all busy waits, and "
                    + "the wait counts in its corrected latency (the closed model uses one per user)");
    public static final Setting<Integer> WS_CONNECTIONS = Setting.integer("ws.connections", 20, 1, 10_000,
            "connections", "WebSocket connections to /ws/echo, sending -Drate frames/s between them");
    public static final Setting<Integer> FLOOR_SECONDS = Setting.integer("client.floor.seconds", 3, 0, 600, "s",
            "seconds the injector times the same requests against its in-process baseline server, after warming its "
                    + "JIT there, before the targets: the client floor recorded with every result (0: skip both)");
    public static final Setting<Integer> DRAIN_SECONDS = Setting.integer("drain", 10, 0, 600, "s",
            "how long the lean engine waits for answers after the schedule ends; what is unanswered then failed");
    public static final Setting<Double> CPU_BUDGET = Setting.number("injector.cpu.budget", null, 0, true, 4096, "cores",
            "cores the injector may use (default: its affinity, counted against what the targets leave when they "
                    + "share those cores)");
    public static final Setting<Double> CPU_THRESHOLD = Setting.number("injector.cpu.threshold", 0.90, 0.10, false, 1.0,
            "fraction", "p90 of 1-s injector CPU samples above which the run is flagged saturated");
    public static final Setting<Double> LAG_P99_MS = Setting.number("injector.lag.p99.ms", 1.0, 0, true, 60_000, "ms",
            "p99 of the injector's schedule lag (taken off the schedule minus due) above which the run is flagged "
                    + "saturated");

    /** What a plan's workload may set (besides the load shape, the SLO and a simulation's own settings). */
    public static List<Setting<?>> all() {
        return List.of(ENGINE, REQUESTS, CONNECTIONS, WS_CONNECTIONS, FLOOR_SECONDS, DRAIN_SECONDS, CPU_BUDGET, CPU_THRESHOLD, LAG_P99_MS);
    }
}
