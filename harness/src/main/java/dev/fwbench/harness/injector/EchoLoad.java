package dev.fwbench.harness.injector;

import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket echo on the lean engine (request name {@code echo}): {@code connections}
 * connections to {@code /ws/echo}, opened before the schedule starts; frame k of the open
 * model is due at {@code k / rate} and goes on connection {@code k mod connections} at its due
 * time, whatever that connection still waits for (frames are not held back behind an
 * unanswered one: the schedule is the plan's, as for HTTP). The echo server answers each
 * connection's frames in order, so each echo is matched to the oldest frame in flight on its
 * connection, and must equal it byte for byte. Timed from the due time (corrected) and from
 * the write (uncorrected), next to the wire, as {@link TargetLoad} does for HTTP. The closed
 * model is one frame in flight per connection.
 *
 * <p>A {@link Shard} sends its frames of the plan's schedule (each at the plan's due time) on
 * its own part of the connections, in turn: the shard's j-th frame on connection
 * {@code j mod connections} (the plan's number k would leave connections idle whenever k's
 * stride shares a factor with their count).
 */
final class EchoLoad implements Injection {
    private final InjectorLoop injector;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final URI uri;
    private final int connections;
    private final LoadShape load;
    private final Shard shard;
    private final LatencyRecorder recorder;
    private final ScheduleLag lag;
    private final long warmupNanos;
    private final long endOffsetNanos;
    private final long drainNanos;
    private final List<Echoing> open = new ArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile long origin;
    private boolean scheduleOver;
    private long framesDue;

    /** @param uri the echo endpoint, e.g. {@code ws://127.0.0.1:8080/ws/echo} */
    EchoLoad(InjectorLoop injector, URI uri, int connections, LoadShape load, Shard shard, LatencyRecorder recorder,
             ScheduleLag lag, long drainNanos) {
        this.injector = injector;
        this.loop = injector.loop();
        this.uri = uri;
        this.connections = load.model() == LoadShape.Model.OPEN ? connections : load.users();
        this.load = load;
        this.shard = shard;
        this.recorder = recorder;
        this.lag = lag;
        this.warmupNanos = TimeUnit.SECONDS.toNanos(load.warmupSeconds());
        this.endOffsetNanos = TimeUnit.SECONDS.toNanos((long) load.warmupSeconds() + load.durationSeconds());
        this.drainNanos = drainNanos;
        this.bootstrap = new Bootstrap().group(loop).channel(injector.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
    }

    /** Opens every connection (its handshake done), then plays the schedule; completes once every echo is in or failed. */
    @Override
    public CompletableFuture<Void> start(long originNanos) {
        List<CompletableFuture<Void>> handshakes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Echoing e = new Echoing();
            handshakes.add(e.ready);
            bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                            new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                    WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20)), e);
                }
            }).connect(uri.getHost(), RequestCatalogue.port(uri)).addListener(f -> {
                if (!f.isSuccess()) {
                    e.ready.completeExceptionally(f.cause());
                }
            });
        }
        CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> loop.execute(() -> {
            if (error != null) {
                open.forEach(Echoing::close);
                done.completeExceptionally(new IllegalStateException("WebSocket handshake with " + uri + " failed: "
                        + error.getMessage(), error));
                return;
            }
            origin = originNanos == NOW ? System.nanoTime() : originNanos;
            if (load.model() == LoadShape.Model.OPEN) {
                new OpenSchedule(loop, load, shard, lag, () -> open.stream().allMatch(c -> c.inFlight.isEmpty()),
                        (k, intended, now, measured) -> open.get((int) (framesDue++ % open.size())).send(intended, now),
                        this::endSchedule).start(origin);
            } else {
                loop.schedule(() -> {
                    open.forEach(c -> c.send(System.nanoTime(), System.nanoTime()));
                    loop.schedule(this::endSchedule, Math.max(0, origin + endOffsetNanos - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                }, Math.max(0, origin - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }));
        return done;
    }

    @Override
    public long originNanos() {
        return origin;
    }

    @Override
    public long completed() {
        return completed.sum();
    }

    @Override
    public long failed() {
        return failed.sum();
    }

    @Override
    public java.util.Map<String, Object> facts() {
        java.util.Map<String, Object> m = Injection.facts(injector);
        m.put("webSocketConnections", connections);
        m.put("frames", "sent at their due time on connection k mod connections, never held back behind an unanswered one");
        return m;
    }

    private void endSchedule() {
        scheduleOver = true;
        drain(System.nanoTime() + drainNanos);
    }

    private void drain(long deadline) {
        boolean outstanding = open.stream().anyMatch(c -> !c.inFlight.isEmpty());
        if (!outstanding || System.nanoTime() - deadline >= 0) {
            long now = System.nanoTime();
            open.forEach(c -> c.failAll(now));
            open.forEach(Echoing::close);
            done.complete(null);
            return;
        }
        loop.schedule(() -> drain(deadline), 5, TimeUnit.MILLISECONDS);
    }

    private void record(Frame f, long end, boolean ok) {
        if (f.intended - origin >= warmupNanos) {
            if (recorder != null) {
                recorder.record(f.intended, f.sent, end, ok);
            }
            completed.increment();
            if (!ok) {
                failed.increment();
            }
        }
    }

    private record Frame(String text, long intended, long sent) {
    }

    /** One connection: its frames in flight, oldest first. */
    private final class Echoing extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final ArrayDeque<Frame> inFlight = new ArrayDeque<>();
        private Channel channel;
        private long sequence;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                open.add(this);
                ready.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                ready.completeExceptionally(new IllegalStateException("handshake timed out"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        void send(long intended, long now) {
            Frame f = new Frame("echo " + channel.id().asShortText() + " " + sequence++, intended, System.nanoTime());
            inFlight.addLast(f);
            channel.writeAndFlush(new TextWebSocketFrame(f.text()), channel.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame msg) {
            long end = System.nanoTime();
            Frame f = inFlight.pollFirst();
            if (f == null) {
                return; // not ours (a server's greeting): nothing was waiting for it
            }
            record(f, end, f.text().equals(msg.text()));
            if (load.model() == LoadShape.Model.CLOSED && !scheduleOver) {
                long now = System.nanoTime();
                send(now, now);
            }
        }

        void failAll(long now) {
            Frame f;
            while ((f = inFlight.pollFirst()) != null) {
                record(f, now, false);
            }
        }

        void close() {
            if (channel != null) {
                channel.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException("closed during the handshake"));
            }
            failAll(System.nanoTime());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!ready.isDone()) {
                ready.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
