package dev.fwbench.harness.injector;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The lean injector's connections to one target: at most {@code max} of them, kept alive,
 * reused most-recently-free first (so a light load keeps few connections warm). A request
 * that finds every connection busy waits here, first come first served, until one is free;
 * it was dispatched on time, so its wait counts in its corrected latency (the server had not
 * yet answered the requests before it) but not in the injector's lag. The number of sockets
 * never exceeds {@code max}, however far the server falls behind: an overloaded server shows
 * as latency and, past the run's end, as unanswered requests, never as thousands of sockets
 * or "Too many open files".
 *
 * <p>Confined to one event loop: every method runs on it, so nothing here is locked.
 */
final class ConnectionPool {
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final int max;
    private final Exchange.Sink sink;
    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private final java.util.List<HttpConnection> all = new java.util.ArrayList<>();
    private int open;
    private int connecting;
    private int busy;
    /** Statistics for run.json: connects, most sockets at once, requests that had to wait, longest queue. */
    long connects;
    int peakOpen;
    long waited;
    int peakWaiting;

    ConnectionPool(EventLoop loop, Class<? extends Channel> channelType, InetSocketAddress address, int max,
                   Exchange.Sink sink) {
        this.address = address;
        this.max = max;
        this.sink = sink;
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpResponseDecoder(), new HttpConnection(ConnectionPool.this));
                    }
                });
    }

    int max() {
        return max;
    }

    /** Sends now on a free connection, or queues until one is free (opening one if the pool may grow). */
    void submit(Exchange e) {
        HttpConnection c = idle.pollLast();
        if (c != null) {
            busy++;
            c.send(e);
            return;
        }
        waiting.addLast(e);
        waited++;
        peakWaiting = Math.max(peakWaiting, waiting.size());
        if (open + connecting < max && connecting < waiting.size()) {
            connect();
        }
    }

    /** Requests sent and not answered, and requests waiting for a connection. */
    int outstanding() {
        return busy + waiting.size();
    }

    private void connect() {
        connecting++;
        connects++;
        bootstrap.connect(address).addListener(f -> {
            connecting--;
            if (f.isSuccess()) {
                open++;
                peakOpen = Math.max(peakOpen, open);
                HttpConnection c = ((io.netty.channel.ChannelFuture) f).channel().pipeline().get(HttpConnection.class);
                all.add(c);
                free(c);
            } else {
                // refused or timed out: the server is not taking connections; what waits fails now
                // rather than piling up (one failed connect fails every request that waited for it)
                long now = System.nanoTime();
                if (connecting == 0 && open == 0) {
                    Exchange e;
                    while ((e = waiting.pollFirst()) != null) {
                        sink.completed(e, now, false);
                    }
                }
            }
        });
    }

    /** Opens {@code n} connections ahead of the load (the closed model's users, or a few for the open one). */
    void prewarm(int n) {
        int more = Math.min(n, max) - open - connecting;
        for (int i = 0; i < more; i++) {
            connect();
        }
    }

    private void free(HttpConnection c) {
        Exchange next = waiting.pollFirst();
        if (next != null) {
            busy++;
            c.send(next);
        } else {
            idle.addLast(c);
        }
    }

    void completed(HttpConnection c, Exchange e, long endNanos, boolean ok, boolean reuse) {
        busy--;
        sink.completed(e, endNanos, ok);
        if (reuse) {
            free(c);
        } else {
            c.close(); // lost() follows, and opens another connection if requests wait
        }
    }

    /** The connection closed; {@code inFlight} (null if none) failed with it. */
    void lost(HttpConnection c, Exchange inFlight, long nowNanos) {
        open--;
        idle.remove(c);
        all.remove(c);
        if (inFlight != null) {
            busy--;
            sink.completed(inFlight, nowNanos, false);
        }
        if (!waiting.isEmpty() && open + connecting < max) {
            connect();
        }
    }

    /** At the end: every request still waiting or in flight failed (not answered in time); closes every connection. */
    void abandon() {
        long now = System.nanoTime();
        Exchange e;
        while ((e = waiting.pollFirst()) != null) {
            sink.completed(e, now, false);
        }
        new java.util.ArrayList<>(all).forEach(HttpConnection::close); // in flight: lost() fails them
        idle.clear();
    }
}
