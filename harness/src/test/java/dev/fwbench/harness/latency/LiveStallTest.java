package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinated omission, live: a fixed-rate plan (200 requests/s for 3.5 s, 700 requests to
 * 127.0.0.1) sent over one connection to a tiny server in a child process, which the test
 * freezes with SIGSTOP for about 1 s mid-run and thaws with SIGCONT.
 *
 * <p>Ground truth: every request the plan scheduled inside the freeze [stop, cont) waited
 * until cont (plus a short catch-up), so the corrected latencies hold about {@code rate x S}
 * values spread over (0, S]: max ~ S, and at least {@code rate x (S - 0.1 s)} of them above 100 ms.
 * The uncorrected ones hold a single value of ~S (the request in flight) and fast requests.
 */
class LiveStallTest {
    private static final int RATE = 200;                 // requests/s
    private static final long PERIOD_NANOS = 1_000_000_000L / RATE;
    private static final int SCHEDULED = 700;            // 3.5 s of plan
    private static final long STOP_AT_MS = 1_000;        // into the plan
    private static final long FREEZE_MS = 1_000;

    @Test
    void correctedTailReflectsTheFreezeAndUncorrectedUnderReports(@TempDir Path dir) throws Exception {
        int port = FreePorts.pick();
        Path classes = Path.of(TinyHttpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        ChildProcess server = ChildProcess.start("tiny-http-server",
                List.of(java, "-Xmx64m",
                        // without TCP_NODELAY, Nagle and delayed ACKs add 40 ms to every small response
                        "-Dsun.net.httpserver.nodelay=true", "-cp", classes.toString(), TinyHttpServer.class.getName(),
                        String.valueOf(port)), dir, Map.of(), dir.resolve("server.log"));
        ScheduledExecutorService signals = Executors.newSingleThreadScheduledExecutor();
        long[] freeze = new long[2];
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            awaitUp(client, request);
            for (int i = 0; i < 200; i++) {
                client.send(request, HttpResponse.BodyHandlers.discarding()); // JIT and connection warm-up
            }

            LatencyCapture capture = new LatencyCapture(dir.resolve("hdr"), "tiny", "stall", "open model",
                    NanoClock.SYSTEM, new InjectorCpu(Runtime.getRuntime().availableProcessors(), 0.90)).startTicking();
            LatencyRecorder recorder = capture.recorder("get");
            long t0 = System.nanoTime();
            signals.schedule(() -> freeze[0] = signal("STOP", server.pid()), STOP_AT_MS, TimeUnit.MILLISECONDS);
            signals.schedule(() -> freeze[1] = signal("CONT", server.pid()), STOP_AT_MS + FREEZE_MS,
                    TimeUnit.MILLISECONDS);
            for (int k = 0; k < SCHEDULED; k++) {
                long intended = t0 + k * PERIOD_NANOS;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long start = System.nanoTime();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                recorder.record(intended, start, System.nanoTime(), status == 200);
            }
            capture.close();

            double stallS = (freeze[1] - freeze[0]) / 1e9;
            assertThat(stallS).as("the freeze really happened").isBetween(0.9, 1.3);
            Histogram corrected = recorder.correctedTotal();
            Histogram raw = recorder.uncorrectedTotal();
            assertThat(corrected.getTotalCount()).isEqualTo(SCHEDULED);
            assertThat(capture.summary().request("get").errors()).isZero();

            // corrected: the worst request waited the whole freeze (plus, on a loaded machine, the time
            // the thawed server needs to be scheduled again: hence 0.3 s of slack, not 0.15)...
            assertThat(corrected.getMaxValue() / 1e9).isCloseTo(stallS, within(0.3));
            // ... every request planned in [stop, cont - 100 ms] waited over 100 ms: at least
            // rate x (S - 0.1) of them (more, as the catch-up after the thaw takes ~1 ms each);
            // and no more than the backlog of the whole freeze plus its catch-up (which, on a
            // loaded machine, can take as long again as the freeze: hence the factor 3)
            long over100ms = corrected.getCountBetweenValues(100_000_000L, Long.MAX_VALUE / 2);
            assertThat((double) over100ms).isBetween(RATE * (stallS - 0.1) * 0.95, RATE * stallS * 3);
            // p99 is the 7th worst of 700: ~S minus 6 periods (5 ms each) of plan
            assertThat(corrected.getValueAtPercentile(99) / 1e9).isCloseTo(stallS - 6.0 / RATE, within(0.3));

            // uncorrected: only the request in flight saw the freeze; the tail under-reports
            assertThat(raw.getMaxValue() / 1e9).isCloseTo(stallS, within(0.3));
            assertThat(raw.getCountBetweenValues((long) (stallS / 2 * 1e9), Long.MAX_VALUE / 2)).isLessThanOrEqualTo(2);
            assertThat(raw.getValueAtPercentile(99) / 1e6).as("uncorrected p99 in ms").isLessThan(50);

            assertThat(CoordinatedOmissionTest.readBack(dir.resolve("hdr/get.corrected.hlog")).getTotalCount())
                    .isEqualTo(SCHEDULED);
        } finally {
            signals.shutdownNow();
            signal("CONT", server.pid()); // a stopped process cannot act on SIGTERM
            server.stop(Duration.ofSeconds(5));
        }
        assertThat(server.isAlive()).isFalse();
    }

    /** Sends a signal with kill(1) and returns the time it was delivered (after kill returned). */
    private static long signal(String name, long pid) {
        ChildProcess.output(List.of("kill", "-" + name, String.valueOf(pid)), Path.of("."), Duration.ofSeconds(5));
        return System.nanoTime();
    }

    private static void awaitUp(HttpClient client, HttpRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("tiny server did not start", e);
                }
                Thread.sleep(50);
            }
        }
    }
}
