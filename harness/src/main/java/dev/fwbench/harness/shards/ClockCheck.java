package dev.fwbench.harness.shards;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * How far this host's clock is from the shards' reference clock ({@link ClockServer}), by
 * Cristian's algorithm: read the local clock (t0), ask the reference for its time (T), read
 * the local clock again (t1). The reference read T somewhere between t0 and t1, so
 * {@code offset = T - (t0 + t1) / 2} is off by at most half the round trip:
 * {@code error <= (t1 - t0) / 2}. Of {@value #SAMPLES} exchanges on one kept-alive connection
 * (after {@value #WARM} that open it and warm both ends) the one with the shortest round trip
 * is kept: the tightest bound. Example: t0 = 10.000 000 s, T = 10.002 300 s, t1 = 10.000 400 s:
 * offset +2.1 ms, within 0.2 ms.
 *
 * <p>The round trip is timed with {@link System#nanoTime()} (monotonic), the local time read
 * once at t0 ({@link Instant#now()}): a wall-clock step during an exchange cannot make a
 * negative round trip. The request is written and its answer read on a plain socket by this
 * thread: the JDK's HTTP client hands each answer from its selector thread to an executor,
 * which adds its thread hops, tens to hundreds of microseconds, to the round trip and so to
 * the error bound.
 */
public final class ClockCheck {
    static final int SAMPLES = 32;
    static final int WARM = 8;

    private ClockCheck() {
    }

    /**
     * The offset of this host's clock to {@code reference}'s.
     *
     * @param reference a {@code bench clock} server, e.g. {@code http://fwbench-clock:7070}
     */
    public static ClockOffset measure(URI reference) {
        String host = reference.getHost();
        int port = reference.getPort() > 0 ? reference.getPort() : 80;
        byte[] request = ("GET " + (reference.getRawPath() == null ? "" : reference.getRawPath().replaceAll("/+$", ""))
                + "/time HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long bestRtt = Long.MAX_VALUE;
        long bestOffset = 0;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < WARM + SAMPLES; i++) {
                Instant w0 = Instant.now();
                long n0 = System.nanoTime();
                out.write(request);
                out.flush();
                long server = readTime(in);
                long rtt = System.nanoTime() - n0;
                long t0 = w0.getEpochSecond() * 1_000_000_000L + w0.getNano();
                if (i >= WARM && rtt < bestRtt) {
                    bestRtt = rtt;
                    bestOffset = server - (t0 + rtt / 2);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BenchException("cannot read the reference clock " + reference + "/time: " + e.getMessage()
                    + " (start one with 'bench clock', or leave -Dclock.url unset)", e);
        }
        return new ClockOffset(reference.toString(), SAMPLES, bestOffset / 1e6, bestRtt / 2e6, bestRtt / 1e6,
                Instant.now().toString());
    }

    /** One answer of {@code /time}: its status line, headers (Content-Length) and body, the body parsed. */
    private static long readTime(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed mid-answer");
            }
            head.append((char) c);
        }
        String h = head.toString();
        if (!h.startsWith("HTTP/1.1 200")) {
            throw new IOException("answered " + h.lines().findFirst().orElse(""));
        }
        int length = -1;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0 || length > 64) {
            throw new IOException("an answer without a short Content-Length: not a 'bench clock'");
        }
        byte[] body = in.readNBytes(length);
        return Long.parseLong(new String(body, StandardCharsets.US_ASCII).trim());
    }
}
