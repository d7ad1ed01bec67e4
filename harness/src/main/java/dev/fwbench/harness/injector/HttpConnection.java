package dev.fwbench.harness.injector;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One kept-alive HTTP/1.1 connection of the {@link ConnectionPool}: one request in flight at
 * a time (no pipelining, as a browser or an API client). The clock is read here, next to the
 * wire: just before the request's bytes are written and as soon as the last part of the
 * response has been decoded (Netty's {@code HttpResponseDecoder} in front of this handler).
 * A response that says {@code Connection: close} (Gunicorn's sync worker answers so) ends
 * the connection after it: the pool opens another, and that connect is part of what the next
 * request costs, as it is for every client of such a deployment.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private final ConnectionPool pool;
    private Channel channel;
    private Exchange inFlight;
    private int status;
    private boolean keepAlive;

    HttpConnection(ConnectionPool pool) {
        this.pool = pool;
    }

    void send(Exchange e) {
        inFlight = e;
        status = 0;
        e.sent = System.nanoTime();
        channel.writeAndFlush(e.shape.bytes(e.variant), channel.voidPromise());
    }

    boolean busy() {
        return inFlight != null;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel(); // before the connect completes: the pool sends from the connect's listener
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse r) {
                if (r.decoderResult().isFailure()) {
                    fail();
                    return;
                }
                status = r.status().code();
                keepAlive = HttpUtil.isKeepAlive(r);
            }
            if (msg instanceof LastHttpContent last) {
                long end = System.nanoTime();
                Exchange e = inFlight;
                inFlight = null;
                if (e != null) {
                    boolean ok = status == e.shape.expectedStatus() && !last.decoderResult().isFailure();
                    pool.completed(this, e, end, ok, keepAlive && ok);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A response the decoder could not read: the request failed, the connection is not reused. */
    private void fail() {
        Exchange e = inFlight;
        inFlight = null;
        if (e != null) {
            pool.completed(this, e, System.nanoTime(), false, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange e = inFlight;
        inFlight = null;
        pool.lost(this, e, System.nanoTime());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // reset by peer and the like: channelInactive fails what was in flight
    }
}
