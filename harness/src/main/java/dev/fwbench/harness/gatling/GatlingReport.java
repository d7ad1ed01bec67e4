package dev.fwbench.harness.gatling;

import dev.fwbench.harness.Console;
import dev.fwbench.harness.results.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Gatling writes each run into {@code <resultsFolder>/<simulation>-<timestamp>/} and renders
 * the HTML report there after the simulation's {@code after()}. That folder is moved into the
 * run directory's {@code gatling/} and a link left in its place, so the report lands beside
 * our own results.
 */
final class GatlingReport {
    private GatlingReport() {
    }

    static void adopt(String resultsFolder, String simulation, Instant startedAt, RunDirectory run) {
        if (resultsFolder == null) {
            return;
        }
        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        try (Stream<Path> dirs = Files.list(Path.of(resultsFolder))) {
            Path newest = dirs.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.toFile().lastModified() >= startedAt.toEpochMilli() - 60_000)
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
            if (newest == null) {
                return;
            }
            Path moved = run.gatling().resolve(newest.getFileName());
            Files.move(newest, moved);
            Files.createSymbolicLink(newest, moved);
            run.put("gatlingReport", run.root().relativize(moved.resolve("index.html")).toString());
        } catch (IOException e) {
            Console.warn("Gatling's report stays in %s (could not move it into the run directory: %s)", resultsFolder,
                    e.getMessage());
        }
    }
}
