package dev.fwbench.harness.shards;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * How far this host's clock is from the shards' reference clock ({@link ClockServer}), by
 * Cristian's algorithm: read the local clock (t0), ask the reference for its time (T), read
 * the local clock again (t1). The reference read T somewhere between t0 and t1, so
 * {@code offset = T - (t0 + t1) / 2} is off by at most half the round trip:
 * {@code error <= (t1 - t0) / 2}. Of {@value #SAMPLES} exchanges on one kept-alive connection
 * (after one that opens it) the one with the shortest round trip is kept: the tightest bound.
 * Example: t0 = 10.000 000 s, T = 10.002 300 s, t1 = 10.000 400 s: offset +2.1 ms, within
 * 0.2 ms.
 *
 * <p>The round trip is timed with {@link System#nanoTime()} (monotonic), the local time read
 * once at t0 ({@link Instant#now()}): a wall-clock step during an exchange cannot make a
 * negative round trip.
 */
public final class ClockCheck {
    static final int SAMPLES = 16;

    private ClockCheck() {
    }

    /**
     * The offset of this host's clock to {@code reference}'s.
     *
     * @param reference a {@code bench clock} server, e.g. {@code http://fwbench-clock:7070}
     */
    public static ClockOffset measure(URI reference) {
        URI time = URI.create(reference.toString().replaceAll("/+$", "") + "/time");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(time).timeout(Duration.ofSeconds(5)).GET().build();
        long bestRtt = Long.MAX_VALUE;
        long bestOffset = 0;
        try {
            client.send(request, HttpResponse.BodyHandlers.ofString()); // opens the connection: not a sample
            for (int i = 0; i < SAMPLES; i++) {
                Instant w0 = Instant.now();
                long n0 = System.nanoTime();
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                long rtt = System.nanoTime() - n0;
                if (r.statusCode() != 200) {
                    throw new BenchException("the reference clock " + time + " answered " + r.statusCode());
                }
                long server = Long.parseLong(r.body().trim());
                long t0 = w0.getEpochSecond() * 1_000_000_000L + w0.getNano();
                if (rtt < bestRtt) {
                    bestRtt = rtt;
                    bestOffset = server - (t0 + rtt / 2);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new BenchException("cannot read the reference clock " + time + ": " + e.getMessage()
                    + " (start one with 'bench clock', or leave -Dclock.url unset)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while reading the reference clock " + time);
        }
        return new ClockOffset(reference.toString(), SAMPLES, bestOffset / 1e6, bestRtt / 2e6, bestRtt / 1e6,
                Instant.now().toString());
    }
}
