package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.injector.LeanLoad;
import dev.fwbench.harness.injector.RequestCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bench load}: the lean engine, with the drivers' {@code -D} settings. */
@Command(name = "load",
        description = {"Loads the targets with the contract's fixed requests on the lean engine (Netty, one event loop "
                + "thread, bounded keep-alive pool, pre-encoded requests), timing every request in ns from its due time "
                + "into HdrHistogram, after timing the injector's own floor against an in-process baseline server. "
                + "Takes the same -D settings as the Gatling simulations; writes results/runs/<UTC>-LeanLoad/ in their "
                + "layout.", ""},
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        footer = {"", "Examples:",
            "  ./bench load -Dtarget=nestjs -Drequests=json -Drate=5000 -Dduration=30",
            "  ./bench load -Dtarget=both -Drequests=\"db,queries 20\" -Drate=500 -Dserver.cpus=1",
            "  ./bench load -Dmodel=closed -Dusers=32 -Dbase.url=http://127.0.0.1:8080   # a service already running",
            "", "Exit codes: 0 done, 2 bad input, " + LeanLoad.SLO_BROKEN + " an SLO (-Dslo.*) broken."})
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "a driver setting (listed below), e.g. -Drate=1000")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        List<Setting<?>> settings = LeanLoad.settings();
        for (String key : properties.keySet()) {
            boolean known = settings.stream().anyMatch(s -> s.key().equals(key)) || key.matches("target\\.[^.]+\\.(ws\\.)?url");
            if (!known) {
                throw new BenchException("unknown setting -D" + key + ": see './bench load --help' for the settings");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString())));
        all.putAll(properties);
        return LeanLoad.run(DriverConfig.read(settings, all, System.getenv()));
    }

    /** The footer: the examples above, then the requests and every setting (from their catalogues). */
    static String[] footer(String[] examples) {
        List<String> lines = new java.util.ArrayList<>(List.of(examples));
        lines.addAll(List.of("", "Requests (-Drequests=, comma-separated): " + String.join(", ", RequestCatalogue.names()),
                "", "Settings (-Dkey=value):"));
        for (Setting<?> s : LeanLoad.settings()) {
            String dflt = s.description().contains("(default") ? "" : " (default " + (s.defaultValue() == null ? "none"
                    : s.defaultValue() + (s.unit().isEmpty() ? "" : " " + s.unit())) + ")";
            lines.add(String.format("  %-24s %s%s", s.key(), s.description(), dflt).replace("%", "%%"));
        }
        return lines.toArray(String[]::new);
    }
}
