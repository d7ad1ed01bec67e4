package dev.fwbench.harness.injector;

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

/**
 * Open WebSocket connections to one echo endpoint, on the injector's event loop: opened with
 * at most {@value #HANDSHAKES_AT_ONCE} handshakes in flight (10,000 connections asked at once
 * would measure the server's accept backlog, not what it holds), kept open across schedules
 * (the connection ramp adds to them step by step), each with its frames in flight, oldest
 * first. The echo server answers a connection's frames in order, so an echo is matched to the
 * oldest frame in flight on its connection and must equal it byte for byte. Who records the
 * echoes is the schedule playing now ({@link #sink}).
 *
 * <p>Confined to the event loop, except {@link #open} and {@link #close}, which hop onto it.
 */
final class EchoConnections {
    /** Handshakes in flight at most while opening connections. */
    static final int HANDSHAKES_AT_ONCE = 64;

    /** Where an echo (or a frame that will never be answered) goes: the schedule playing. */
    interface Sink {
        void echoed(Connection on, long intended, long sent, long end, boolean ok);
    }

    private final InjectorLoop injector;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final URI uri;
    final List<Connection> open = new ArrayList<>();
    private Sink sink = (on, intended, sent, end, ok) -> { };
    /** Connections that closed after their handshake (the server dropped them) and handshakes that failed. */
    long lost;
    long failedHandshakes;

    /** @param uri the echo endpoint, e.g. {@code ws://127.0.0.1:8080/ws/echo} */
    EchoConnections(InjectorLoop injector, URI uri) {
        this.injector = injector;
        this.loop = injector.loop();
        this.uri = uri;
        this.bootstrap = new Bootstrap().group(loop).channel(injector.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
    }

    URI uri() {
        return uri;
    }

    EventLoop loop() {
        return loop;
    }

    InjectorLoop injector() {
        return injector;
    }

    void sink(Sink s) {
        sink = s;
    }

    /** How many are open now (event loop). */
    int size() {
        return open.size();
    }

    /** Whether no frame waits for its echo on any connection (event loop). */
    boolean idle() {
        for (Connection c : open) {
            if (!c.inFlight.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens {@code count} more connections; completes with how many of them failed their
     * handshake once every one has succeeded or failed.
     */
    CompletableFuture<Integer> open(int count) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        loop.execute(() -> new Opening(count, done).more());
        return done;
    }

    /** Opening {@code count} connections, at most {@value #HANDSHAKES_AT_ONCE} handshakes at a time (event loop). */
    private final class Opening {
        private final int count;
        private final CompletableFuture<Integer> done;
        private int started;
        private int finished;
        private int failed;
        private Throwable firstFailure;

        Opening(int count, CompletableFuture<Integer> done) {
            this.count = count;
            this.done = done;
        }

        void more() {
            while (started < count && started - finished < HANDSHAKES_AT_ONCE) {
                started++;
                Connection c = new Connection();
                c.ready.whenComplete((v, error) -> loop.execute(() -> finished(error)));
                bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                        WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20)), c);
                    }
                }).connect(uri.getHost(), RequestCatalogue.port(uri)).addListener(f -> {
                    if (!f.isSuccess()) {
                        c.ready.completeExceptionally(f.cause());
                    }
                });
            }
            if (finished == count) {
                if (count > 0 && failed == count && firstFailure != null) {
                    done.completeExceptionally(firstFailure);
                } else {
                    done.complete(failed);
                }
            }
        }

        private void finished(Throwable error) {
            finished++;
            if (error != null) {
                failed++;
                failedHandshakes++;
                if (firstFailure == null) {
                    firstFailure = error;
                }
            }
            more();
        }
    }

    /** Fails every frame still in flight now (a drain that ran out), leaving the connections open (event loop). */
    void failInFlight(long now) {
        for (Connection c : open) {
            c.failAll(now);
        }
    }

    /** Closes every connection; completes once they are closed. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            List<Connection> all = new ArrayList<>(open);
            open.clear();
            List<CompletableFuture<Void>> each = new ArrayList<>();
            for (Connection c : all) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                each.add(f);
                c.failAll(System.nanoTime());
                c.closing = true;
                c.channel.close().addListener(x -> f.complete(null));
            }
            CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> closed.complete(null));
        });
        return closed;
    }

    private record Frame(String text, long intended, long sent) {
    }

    /** One connection: its frames in flight, oldest first. */
    final class Connection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final ArrayDeque<Frame> inFlight = new ArrayDeque<>();
        private Channel channel;
        private long sequence;
        private boolean closing;

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

        boolean active() {
            return !closing && channel.isActive();
        }

        /** Sends a frame due at {@code intended}, timed from now. */
        void send(long intended) {
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
            sink.echoed(this, f.intended(), f.sent(), end, f.text().equals(msg.text()));
        }

        void failAll(long now) {
            Frame f;
            while ((f = inFlight.pollFirst()) != null) {
                sink.echoed(this, f.intended(), f.sent(), now, false);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException("closed during the handshake"));
            } else if (!closing && open.remove(this)) {
                lost++;
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
