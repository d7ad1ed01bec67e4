package dev.fwbench.harness.gatling;

import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.run.RunSettings;
import java.util.ArrayList;
import java.util.List;

/** The settings every simulation reads, beyond the targets' ({@link RunSettings}), the load shape's and the SLO's. */
final class SimulationSettings {
    private SimulationSettings() {
    }

    static final Setting<Boolean> HDR = Setting.flag("hdr", true,
            "time every request into HdrHistogram (false: measure what the capture itself costs)");
    static final Setting<String> REQUESTS = Setting.text("requests",
            "comma-separated request names of the simulation to send alone, e.g. \"db,queries 20\" (default: all)");
    static final Setting<Double> CPU_BUDGET = Setting.number("injector.cpu.budget", null, 0, true,
            Runtime.getRuntime().availableProcessors(), "cores", "cores the injector may use (default: every core)");
    static final Setting<Double> CPU_THRESHOLD = Setting.number("injector.cpu.threshold", 0.90, 0.10, false, 1.0,
            "fraction", "p90 of 1-s injector CPU samples above which the run is flagged saturated");
    static final Setting<String> GATLING_RESULTS = Setting.text("fwbench.gatling.results",
            "Gatling's results folder, whose report is moved into the run directory");

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

    /** The injector-CPU sampler of one target, by {@code -Dinjector.cpu.budget} and {@code .threshold}. */
    static dev.fwbench.harness.latency.InjectorCpu injectorCpu(dev.fwbench.harness.config.DriverConfig c) {
        Double budget = c.get(CPU_BUDGET);
        return new dev.fwbench.harness.latency.InjectorCpu(budget != null ? budget : Runtime.getRuntime().availableProcessors(),
                c.get(CPU_THRESHOLD));
    }

    /** Everything a simulation reads, its own settings last. */
    static List<Setting<?>> all(Setting<?>... own) {
        List<Setting<?>> all = new ArrayList<>(RunSettings.all());
        all.addAll(LoadShape.settings());
        all.addAll(Slo.settings());
        all.addAll(List.of(HDR, REQUESTS, CPU_BUDGET, CPU_THRESHOLD, GATLING_RESULTS));
        all.addAll(List.of(own));
        return all;
    }
}
