package dev.fwbench.harness.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which machine a suite ran on, as far as a regression baseline cares: the architecture
 * ({@code os.arch}: amd64, aarch64), the CPU model and the cores the harness saw, all read from
 * the suite's {@code run.json} environment fingerprint. Two nights are comparable only when all
 * three are equal: a baseline from a 4-core Neoverse says nothing about a 2-core Xeon, and a
 * hosted runner that lands on another CPU model starts a history of its own.
 *
 * <p>The history keeps each machine class in a folder of its own, {@link #folder()}:
 * {@code amd64/2cpu-intel-r-xeon-r-processor}, {@code aarch64/4cpu-neoverse-n2}.
 */
public record MachineClass(String arch, String cpuModel, int cores) {

    public MachineClass {
        if (arch == null || arch.isBlank()) {
            throw new BenchException("a machine class needs the architecture (run.json environment.arch)");
        }
        if (cores < 1) {
            throw new BenchException("a machine class needs the number of cores (run.json environment.cores), got " + cores);
        }
    }

    /** The machine of a run directory's {@code run.json} ({@code environment}: arch, cpuModel, cores). */
    public static MachineClass of(JsonNode runJson, Path from) {
        JsonNode env = runJson.path("environment");
        String arch = env.path("arch").asText("");
        if (arch.isBlank() || env.path("cores").asInt(0) < 1) {
            throw new BenchException(from + " does not record the machine (environment.arch and environment.cores): "
                    + "the gate cannot tell which baseline it belongs to; run the suite again with this harness");
        }
        String cpu = env.path("cpuModel").isTextual() ? env.path("cpuModel").asText() : null;
        return new MachineClass(arch, cpu, env.path("cores").asInt());
    }

    /** The history's folder of this class: {@code <arch>/<cores>cpu-<cpu model in lower case, dashes>}. */
    @JsonIgnore
    public String folder() {
        String model = cpuModel == null ? "unknown-cpu" : cpuModel.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (model.length() > 60) {
            model = model.substring(0, 60).replaceAll("-+$", "");
        }
        return slug(arch) + "/" + cores + "cpu-" + (model.isEmpty() ? "unknown-cpu" : model);
    }

    /** "amd64, 2 cores, Intel(R) Xeon(R) Processor". */
    @Override
    public String toString() {
        return arch + ", " + cores + (cores == 1 ? " core, " : " cores, ") + (cpuModel == null ? "CPU model unknown" : cpuModel);
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-");
    }
}
