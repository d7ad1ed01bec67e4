package dev.fwbench.harness.suite;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.run.BackendChoice;
import dev.fwbench.harness.run.RunSettings;
import dev.fwbench.harness.run.TargetResolver;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan with {@code fresh: false}: each target (at each point of its own sweep) is started
 * once, by the suite itself, and every trial drives it as an external target. Faster, but a
 * trial then inherits what the previous ones left (caches, JIT, table contents): the suite
 * says so in its configuration, and fresh targets stay the default.
 */
final class SharedTargets implements AutoCloseable {
    private final Backend backend;
    private final Map<String, RunningService> byKey;

    private SharedTargets(Backend backend, Map<String, RunningService> byKey) {
        this.backend = backend;
        this.byKey = byKey;
    }

    static SharedTargets start(BenchHome home, Path suiteDir, List<Cell> cells) {
        Map<String, RunningService> started = new LinkedHashMap<>();
        Backend backend = null;
        for (Cell c : cells) {
            String framework = c.settings().get("framework");
            if (framework == null || started.containsKey(key(c))) {
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            c.target().settings().keySet().forEach(k -> props.put(k, c.settings().get(k)));
            DriverConfig config = DriverConfig.read(RunSettings.all(), props, System.getenv());
            if (backend == null) {
                backend = BackendChoice.openManaged(TargetResolver.backendSettings(config), home, suiteDir);
            }
            Console.info("fresh: false: starting %s once for the whole suite", key(c));
            started.put(key(c), backend.start(new Target(c.target().name(), TargetResolver.spec(config,
                    Framework.parse(framework)), null, null)));
        }
        return new SharedTargets(backend, started);
    }

    private static String key(Cell c) {
        return c.target().name() + (c.targetPoint().isEmpty() ? "" : "/" + c.targetPoint());
    }

    /** The cells with their targets as external URLs (the services started above). */
    List<Cell> external(List<Cell> cells) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            RunningService s = byKey.get(key(c));
            if (s == null) {
                out.add(c);
                continue;
            }
            Map<String, String> settings = new LinkedHashMap<>();
            c.settings().forEach((k, v) -> {
                if (!c.target().settings().containsKey(k)) {
                    settings.put(k, v); // the workload's; the target's are the running service's now
                }
            });
            settings.put("url", s.baseUrl().toString());
            settings.put("ws.url", s.wsUrl().toString());
            out.add(new Cell(c.id(), c.target(), c.workload(), c.point(), settings));
        }
        return out;
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
    }
}
