package dev.fwbench.harness.gatling;

import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.run.InjectorSettings;
import dev.fwbench.harness.run.RunSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings every simulation reads, beyond the targets' ({@link RunSettings}), the load
 * shape's and the SLO's; and the WebSocket simulation's own. Public so that a plan
 * ({@code suite.Plan}) can check a workload's settings before anything runs.
 */
public final class SimulationSettings {
    private SimulationSettings() {
    }

    public static final Setting<Integer> WS_CONNECTIONS = InjectorSettings.WS_CONNECTIONS;
    public static final Setting<Integer> WS_BROADCAST_CLIENTS = Setting.integer("ws.broadcast.clients", 10, 2, 1_000,
            "connections", "clients of the broadcast fan-out probe (one sends, every other receives)");
    public static final Setting<Double> WS_BROADCAST_RATE = Setting.number("ws.broadcast.rate", 20.0, 0, true, 10_000,
            "frames/s", "frames the broadcast probe's sender sends");
    public static final Setting<Double> WS_BROADCAST_SECONDS = Setting.number("ws.broadcast.seconds", null, 0, true,
            3_600, "s", "measured seconds of the broadcast probe (default: the shorter of 10 s and -Dduration)");

    /** The WebSocket simulation's own settings. */
    public static List<Setting<?>> webSocket() {
        return List.of(WS_BROADCAST_CLIENTS, WS_BROADCAST_RATE, WS_BROADCAST_SECONDS); // ws.connections: InjectorSettings
    }

    static final Setting<Boolean> HDR = Setting.flag("hdr", true,
            "time every request into HdrHistogram (false: measure what the capture itself costs)");
    static final Setting<String> REQUESTS = InjectorSettings.REQUESTS;
    static final Setting<String> GATLING_RESULTS = Setting.text("fwbench.gatling.results",
            "Gatling's results folder, whose report is moved into the run directory");

    /**
     * How long before the start instant a shard lets Gatling start its injection: Gatling takes
     * a while from the simulation's {@code before} hook to its first user (about 0.6 s measured
     * here with two JVMs starting on 2 busy cores), and a user it starts early waits for its due
     * time ({@code GatlingTiming.play}) where one started late would be late. (Here, not in
     * {@link BenchSimulation}: the suite reads it without Gatling on its class path.)
     */
    public static final java.time.Duration SHARD_EARLY = java.time.Duration.ofSeconds(3);
    /** How far ahead of the start instant a Gatling shard must be started: its target's /health, the clock check, Gatling's start. */
    public static final java.time.Duration SHARD_LEAD = SHARD_EARLY.plusSeconds(5);

    /** What run.json records as the simulation's parameters (every setting is under "settings"). */
    static java.util.Map<String, Object> parameters(String simulation, LoadShape shape) {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("driver", "gatling");
        p.put("simulation", simulation);
        p.putAll(shape.parameters());
        p.put("httpConnections", "shared keep-alive pool (Gatling shareConnections)");
        p.put("javaOpts", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        return p;
    }

    /** What a workload of a plan may set, beyond the load shape and the SLO. */
    public static List<Setting<?>> workload() {
        List<Setting<?>> all = new ArrayList<>(List.of(HDR));
        all.addAll(InjectorSettings.all());
        all.addAll(webSocket());
        return all;
    }

    /** Everything a simulation reads, its own settings last. */
    static List<Setting<?>> all(Setting<?>... own) {
        List<Setting<?>> all = new ArrayList<>(RunSettings.all());
        all.addAll(LoadShape.settings());
        all.addAll(Slo.settings());
        all.addAll(List.of(HDR, GATLING_RESULTS));
        all.addAll(InjectorSettings.all());
        all.addAll(dev.fwbench.harness.load.Shard.settings());
        all.addAll(List.of(own));
        return all;
    }
}
