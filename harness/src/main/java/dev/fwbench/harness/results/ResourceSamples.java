package dev.fwbench.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The {@code resources/} CSVs a {@link ResourceLog} wrote, read back: one series per sampled
 * service, a sample a second. The readers of results (the suite's CPU per 1,000 requests, the
 * report's charts) take them from here.
 *
 * @param service the file's name without {@code .csv} ({@code nestjs-express}, {@code postgres},
 *                {@code nginx-django-gunicorn}...)
 */
public record ResourceSamples(String service, List<Sample> samples) {

    /** One line: when, CPU in % of one core (200 = two cores busy), memory and its limit in bytes (0: none). */
    public record Sample(Instant time, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
    }

    /** Every series of a {@code resources/} folder, by file name; none when the folder is missing. */
    public static List<ResourceSamples> readAll(Path resources) throws IOException {
        if (!Files.isDirectory(resources)) {
            return List.of();
        }
        List<ResourceSamples> all = new ArrayList<>();
        try (Stream<Path> csvs = Files.list(resources)) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                all.add(read(csv));
            }
        }
        return all;
    }

    /** One CSV; a line cut short by a run that died mid-write is skipped. */
    public static ResourceSamples read(Path csv) throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 4) {
                continue;
            }
            try {
                samples.add(new Sample(Instant.parse(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])));
            } catch (DateTimeParseException | NumberFormatException e) {
                // a torn last line: the samples before it stand
            }
        }
        return new ResourceSamples(csv.getFileName().toString().replaceFirst("\\.csv$", ""), List.copyOf(samples));
    }

    /** PostgreSQL and Redis: the shared services, not a target's own processes. */
    public boolean supportService() {
        return isDatabase() || service.startsWith("redis");
    }

    public boolean isDatabase() {
        return service.startsWith("postgres");
    }

    /**
     * CPU-seconds inside [fromMs, toMs + 1 s] (epoch ms): one sample a second, each in % of one
     * core, so a sample of 50 % is half a CPU-second.
     */
    public double cpuSeconds(long fromMs, long toMs) {
        double seconds = 0;
        for (Sample s : samples) {
            long t = s.time().toEpochMilli();
            if (t >= fromMs && t <= toMs + 1000) {
                seconds += s.cpuPercent() / 100.0;
            }
        }
        return seconds;
    }

    /** The largest memory sample of the whole series (0 without samples). */
    public long peakMemoryBytes() {
        return samples.stream().mapToLong(Sample::memoryBytes).max().orElse(0);
    }

    /**
     * What a target cost over its measured window: the CPU of its own services (app and front:
     * {@code own}), PostgreSQL's, and the largest memory sample among its own services (app and
     * front run in one container's memory or side by side: the larger of the two is kept).
     */
    public record Use(double appCpuSeconds, double dbCpuSeconds, long peakMemoryBytes) {
        public static Use of(List<ResourceSamples> all, Predicate<ResourceSamples> own, long fromMs, long toMs) {
            double app = 0;
            double db = 0;
            long peak = 0;
            for (ResourceSamples s : all) {
                if (s.isDatabase()) {
                    db += s.cpuSeconds(fromMs, toMs);
                } else if (!s.supportService() && own.test(s)) {
                    app += s.cpuSeconds(fromMs, toMs);
                    peak = Math.max(peak, s.peakMemoryBytes());
                }
            }
            return new Use(app, db, peak);
        }
    }
}
