package dev.fwbench.harness.gatling;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.latency.LatencyRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Times WebSocket broadcast fan-out: one client sends a text frame to {@code /ws/broadcast}
 * on a fixed schedule, and every <em>other</em> connected client's receipt of it is one
 * sample — from the frame's intended send time (corrected) and from its actual send
 * (uncorrected) to the moment the receiver's listener sees the whole frame.
 *
 * <p>Why not Gatling's WebSocket DSL: frames a user did not ask for are only visible there
 * through {@code processUnmatchedMessages}, with receipt times in whole milliseconds; a
 * fan-out on loopback takes well under one. All clients live in this JVM, so sender and
 * receivers read the same {@code System.nanoTime()} clock.
 *
 * <p>A frame that has not reached a receiver 5 s after the last send is recorded as an
 * error (timed at that moment), so a broadcast that loses frames cannot look fast.
 */
public final class BroadcastProbe {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final long LOSS_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private BroadcastProbe() {
    }

    /**
     * @param clients connections, the sender included (at least 2)
     * @param rate    frames per second sent
     * @param warmup  sends in this first period are delivered but not recorded
     * @param measured sends in this period are recorded
     * @return frames received by the other clients in the measured period, and lost ones
     */
    public static long[] run(URI endpoint, int clients, double rate, Duration warmup, Duration measured,
                             LatencyRecorder recorder) {
        if (clients < 2) {
            throw new BenchException("-Dws.broadcast.clients must be at least 2 (a sender and a receiver)");
        }
        long periodNanos = Math.round(1e9 / rate);
        int warmFrames = (int) (warmup.toNanos() / periodNanos);
        int frames = warmFrames + (int) Math.max(1, measured.toNanos() / periodNanos);
        long[] intended = new long[frames];
        long[] sent = new long[frames];
        // receipts[seq] = receivers (other than the sender) that have the frame
        ConcurrentHashMap<Integer, AtomicLong> receipts = new ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                sockets.add(connect(endpoint, c, intended, sent, warmFrames, receipts, recorder));
            }
            Thread.sleep(300); // group membership completes just after the handshake on some stacks
            WebSocket sender = sockets.get(0);
            long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int seq = 0; seq < frames; seq++) {
                intended[seq] = origin + seq * periodNanos;
                long wait = intended[seq] - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent[seq] = System.nanoTime();
                sender.sendText("fanout " + seq, true).get(10, TimeUnit.SECONDS);
            }
            long expected = (long) (frames - warmFrames) * (clients - 1);
            long deadline = System.nanoTime() + LOSS_TIMEOUT_NANOS;
            while (received(receipts, warmFrames, frames) < expected && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            long got = received(receipts, warmFrames, frames);
            long now = System.nanoTime();
            for (int seq = warmFrames; seq < frames; seq++) {
                AtomicLong r = receipts.get(seq);
                long missing = (clients - 1) - (r == null ? 0 : r.get());
                for (long m = 0; m < missing; m++) {
                    recorder.record(intended[seq], sent[seq], now, false);
                }
            }
            return new long[] {got, expected - got};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted during the broadcast probe");
        } catch (Exception e) {
            throw new BenchException("broadcast probe against " + endpoint + " failed: " + e, e);
        } finally {
            for (WebSocket s : sockets) {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(x -> null).join();
                s.abort();
            }
        }
    }

    private static long received(ConcurrentHashMap<Integer, AtomicLong> receipts, int from, int to) {
        long n = 0;
        for (int seq = from; seq < to; seq++) {
            AtomicLong r = receipts.get(seq);
            n += r == null ? 0 : r.get();
        }
        return n;
    }

    private static WebSocket connect(URI endpoint, int client, long[] intended, long[] sent, int warmFrames,
                                     ConcurrentHashMap<Integer, AtomicLong> receipts, LatencyRecorder recorder)
            throws Exception {
        StringBuilder partial = new StringBuilder();
        return CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(endpoint,
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        long now = System.nanoTime();
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            if (client != 0 && text.startsWith("fanout ")) {
                                int seq = Integer.parseInt(text.substring(7));
                                if (seq >= warmFrames) {
                                    recorder.record(intended[seq], sent[seq], now, true);
                                    receipts.computeIfAbsent(seq, k -> new AtomicLong()).incrementAndGet();
                                }
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }
}
