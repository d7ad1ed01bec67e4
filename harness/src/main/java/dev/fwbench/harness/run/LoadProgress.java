package dev.fwbench.harness.run;

import dev.fwbench.harness.Console;
import dev.fwbench.harness.latency.InjectorCpu;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.QuietMoment;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While load runs: once a second, a sample of the injector's CPU for each target that is
 * under measured load (a second of warm-up or of another target's turn moves the baseline
 * but does not count), and every 5 s a progress line per target with its measured rate and
 * failures so far. Driver-neutral: a driver hands in what it counts.
 */
public final class LoadProgress implements AutoCloseable {

    /** What a driver counts for one target. */
    public interface Tracked {
        String name();

        /** Measured requests completed so far. */
        long completed();

        long failed();

        /** System.nanoTime of the target's first request, 0 while none was sent. */
        long originNanos();

        InjectorCpu cpu();

        /** Where its latencies are recorded. */
        LatencyCapture capture();

        /** Whether its load leaves the injector idle for a while now ({@link QuietMoment}); true by default. */
        default boolean quiet() {
            return true;
        }
    }

    private final ScheduledExecutorService ticker;

    /**
     * @param what         the driver, as progress lines name it (e.g. "DbSimulation")
     * @param warmupNanos  warm-up from each target's origin, shown as "warm-up" and not counted
     */
    public LoadProgress(String what, List<? extends Tracked> targets, long warmupNanos) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "fwbench-progress");
            th.setDaemon(true);
            return th;
        });
        long[] lastCompleted = new long[targets.size()];
        long[] lastReported = new long[targets.size()];
        int[] tick = {0};
        ticker.scheduleAtFixedRate(() -> {
            QuietMoment.await(() -> {
                for (Tracked t : targets) {
                    if (!t.quiet()) {
                        return false;
                    }
                }
                return true;
            });
            long now = System.nanoTime();
            tick[0]++;
            for (int i = 0; i < targets.size(); i++) {
                Tracked t = targets.get(i);
                long done = t.completed();
                t.cpu().sample(now, done > lastCompleted[i]);
                lastCompleted[i] = done;
                boolean warm = now - t.originNanos() < warmupNanos;
                if (tick[0] % 5 == 0 && t.originNanos() != 0 && (warm || done > lastReported[i])) {
                    Console.info("%s %s %s: %.1f req/s measured over the last 5 s, %d failed so far", what, t.name(),
                            warm ? "warm-up" : "measured", (done - lastReported[i]) / 5.0, t.failed());
                    lastReported[i] = done;
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
