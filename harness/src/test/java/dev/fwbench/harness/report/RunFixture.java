package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.latency.CpuBudget;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.results.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A single lean run written by the harness's own writers on a fake clock (run.json,
 * hdr/LeanLoad/&lt;target&gt;/ with interval logs and summary.json, the client floor, resources/):
 * two targets, 5 measured seconds of 20 requests each; nestjs answers in 1 ms, django in 3 ms,
 * and the injector's floor is 0.2 ms.
 */
final class RunFixture {
    static final long MS = 1_000_000L;
    private long now;

    /** Writes the run into a new folder under {@code runs}; returns it. */
    static Path leanRun(Path runs, String request) throws IOException {
        return new RunFixture().write(runs, request);
    }

    private Path write(Path runs, String request) throws IOException {
        // the captures stamp their intervals from the wall clock at their creation: the samples start there too
        long t0 = System.currentTimeMillis();
        RunDirectory run = RunDirectory.create(runs, runs, "LeanLoad", Map.of("driver", "lean", "simulation", "LeanLoad"));
        var health = new ObjectMapper().createObjectNode().put("framework", "x").put("workers", 2);
        LatencySummary.Percentiles floor = capture(run.hdr().resolve("LeanLoad").resolve(LatencyCapture.CLIENT_FLOOR),
                LatencyCapture.CLIENT_FLOOR, request, 0, 200_000, null).correctedMs();
        Map<String, LatencySummary.Percentiles> floors = Map.of(request, floor);
        capture(run.hdr().resolve("LeanLoad/nestjs"), "nestjs", request, 10_000, MS, floors);
        run.addTarget("nestjs", "process", "http://127.0.0.1:1", health);
        capture(run.hdr().resolve("LeanLoad/django"), "django", request, 20_000, 3 * MS, floors);
        run.addTarget("django", "process", "http://127.0.0.1:2", health);
        Path resources = run.root().resolve("resources");
        Files.createDirectories(resources);
        StringBuilder nest = new StringBuilder("time_utc,cpu_percent_of_one_core,memory_bytes,memory_limit_bytes,pids\n");
        StringBuilder pg = new StringBuilder(nest);
        for (int s = 0; s < 30; s++) {
            Instant t = Instant.ofEpochMilli(t0 + s * 1_000L);
            nest.append(t).append(",").append(10 + s).append(",").append(100L << 20).append(",0,3\n");
            pg.append(t).append(",5.0,").append(50L << 20).append(",0,6\n");
        }
        Files.writeString(resources.resolve("nestjs-express.csv"), nest);
        Files.writeString(resources.resolve("postgres.csv"), pg);
        run.put("outcome", "completed");
        return run.root();
    }

    /**
     * One target's capture: {@code offsetSeconds} of nothing (its turn comes after the others'),
     * then 5 s of 20 requests of {@code latencyNanos} each.
     */
    private LatencySummary.Request capture(Path dir, String target, String request, int offsetMs, long latencyNanos,
                                           Map<String, LatencySummary.Percentiles> floors) {
        now = 0;
        LatencyCapture c = new LatencyCapture(dir, target, "LeanLoad", "open model: fake", () -> now,
                new InjectorCpu(CpuBudget.given(1), 0.9));
        LatencyRecorder r = c.recorder(request);
        for (long tick = 1_000; tick <= offsetMs; tick += 1_000) {
            now = tick * MS;
            c.tick();
        }
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < 20; i++) {
                long start = (offsetMs + s * 1_000L + i * 50L) * MS;
                r.record(start, start, start + latencyNanos + i * 10_000L, true);
            }
            now = (offsetMs + (s + 1) * 1_000L) * MS;
            c.tick();
        }
        c.clientFloor(floors);
        c.close();
        return c.summary().request(request);
    }
}
