package dev.fwbench.benchmarks;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/*
 * One WebSocket echo round trip on an open connection: send a 64-byte text frame to
 * /ws/echo and wait for the same text back.
 *
 * The connection is opened once per trial, so the handshake is not in the number; the
 * frame is the same every time, so the JIT and the server see a steady workload. The echo
 * is checked byte for byte: a server that answered something else would fail the run,
 * not post a good time.
 *
 * The listener hands each reply to a CompletableFuture the benchmark thread waits on:
 * the measured time includes that hand-off (tens of microseconds on the JDK client), which
 * the baseline target (a trivial in-JVM echo server) shows on its own.
 *
 * How to run: java -jar benchmarks/target/benchmarks.jar WebSocketEcho -p target=nestjs,django
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(1)
@Threads(1)
public class WebSocketEchoBenchmark {
    private static final String FRAME = "echo-" + "x".repeat(59); // 64 bytes of text

    private WebSocket socket;
    private volatile CompletableFuture<String> reply;
    private final StringBuilder partial = new StringBuilder();

    @Setup(Level.Trial)
    public void connect(TargetUnderTest t) throws Exception {
        socket = t.client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(t.wsUrl + "/ws/echo"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            reply.complete(text);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public String echo() throws Exception {
        CompletableFuture<String> next = new CompletableFuture<>();
        reply = next;
        socket.sendText(FRAME, true);
        String got = next.get(10, TimeUnit.SECONDS);
        if (!FRAME.equals(got)) {
            throw new IllegalStateException("echo changed the frame: " + got);
        }
        return got;
    }

    @TearDown(Level.Trial)
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }
}
