package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The nights a gate compares with, one folder per machine class so that no baseline ever mixes
 * machines:
 * <pre>
 *   &lt;history&gt;/
 *     amd64/2cpu-intel-r-xeon-r-processor/
 *       20261204T020000Z-nightly.json     one {@link Night} per suite (fwbench-night/1)
 *       20261205T020000Z-nightly.json
 *     aarch64/4cpu-neoverse-n2/
 *       20261205T020000Z-nightly.json
 * </pre>
 * A file's name is its suite's (UTC start, then plan), so a listing is in time order and
 * several plans share a folder; the gate reads the nights of its own plan only. A night found
 * in another machine's folder is refused, never quietly compared.
 */
public final class NightHistory {

    private NightHistory() {
    }

    /** The folder of {@code machine}'s nights under the history's {@code root}. */
    public static Path folder(Path root, MachineClass machine) {
        return root.resolve(machine.folder());
    }

    /**
     * Every night of {@code plan} on {@code machine}, oldest first (by the suite's start).
     * A history with no folder for the machine yet has no nights.
     */
    public static List<Night> read(Path root, MachineClass machine, String plan) {
        requireRoot(root);
        Path dir = folder(root, machine);
        List<Night> nights = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return nights;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Night n = readNight(f);
                if (!n.machine().equals(machine)) {
                    throw new BenchException(f + " is a night of another machine (" + n.machine() + ") in the folder of "
                            + machine + ": the gate never mixes machines in one baseline; move it to "
                            + root.resolve(n.machine().folder()));
                }
                if (n.plan().equals(plan)) {
                    nights.add(n);
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot list " + dir + ": " + e.getMessage());
        }
        nights.sort(Comparator.comparing(NightHistory::start).thenComparing(Night::suite));
        return nights;
    }

    /** The history's other machine folders ({@code aarch64/4cpu-neoverse-n2}): kept, never compared with this one. */
    public static List<String> otherMachines(Path root, MachineClass machine) {
        List<String> others = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return others;
        }
        try (Stream<Path> archs = Files.list(root)) {
            for (Path arch : archs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> classes = Files.list(arch)) {
                    classes.filter(Files::isDirectory).sorted()
                            .map(c -> root.relativize(c).toString())
                            .filter(c -> !c.equals(machine.folder()))
                            .forEach(others::add);
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot list " + root + ": " + e.getMessage());
        }
        return others;
    }

    /** Writes {@code night} into its machine's folder; a night of the same suite is replaced (gated again). */
    public static Path append(Path root, Night night) {
        Path file = folder(root, night.machine()).resolve(night.suite() + ".json");
        try {
            Files.createDirectories(file.getParent());
            AtomicWrite.with(file, tmp -> SuiteRunner.JSON.writeValue(tmp.toFile(), night));
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }

    /** One night file, its schema checked. */
    public static Night readNight(Path file) {
        Night n;
        try {
            // a night a later harness wrote may carry fields this one does not know: read what it knows
            n = SuiteRunner.JSON.readerFor(Night.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
        } catch (IOException e) {
            throw new BenchException("cannot read the night " + file + ": " + e.getMessage());
        }
        if (!Night.SCHEMA.equals(n.schema()) || n.machine() == null || n.plan() == null || n.cells() == null) {
            throw new BenchException(file + " is not a night of the history (schema " + Night.SCHEMA + " with plan, machine "
                    + "and cells): only 'bench gate --append' writes into the history");
        }
        return n;
    }

    /** A history given as one machine's folder (or a suite) instead of the root is refused with the way out. */
    private static void requireRoot(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BenchException("no history folder " + root + ": give the folder the nights are kept in ('bench gate "
                    + "--append' creates it with the first night)");
        }
        try (Stream<Path> files = Files.list(root)) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".json"))) {
                throw new BenchException(root + " holds files of its own: --history takes the history's root, the folder that "
                        + "holds <arch>/<machine class>/ folders of nights");
            }
        } catch (IOException e) {
            throw new BenchException("cannot list " + root + ": " + e.getMessage());
        }
    }

    /** When a night's suite started; a night without a readable start sorts by its suite id alone. */
    static Instant start(Night n) {
        try {
            return n.startedAt() == null ? Instant.EPOCH : Instant.parse(n.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
