package dev.fwbench.harness.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trivial server inside the injector's JVM, on a thread of its own: the contract's routes
 * answered with fixed bodies of the same shape and about the same size as the real apps'
 * answers, each response written from bytes encoded at start, and {@code /ws/echo} (on a port
 * of its own, {@link #wsUrl()}) echoing every text frame. It does no work per request,
 * so a load against it measures what the injector, the loopback stack and the JVM cost: the
 * client floor that every result records beside the targets' numbers, so that no one reads
 * the injector's own round trip as a framework's.
 *
 * <p>Given a delay, it answers every HTTP request that long after reading it (a timer of its
 * event loop, so thousands may wait at once): a server of known latency, on any address (a
 * network namespace's, in the shards' tests), against which two ways of loading it must agree.
 */
public final class BaselineServer implements AutoCloseable {
    private static final String ROW = "{\"id\":4174,\"randomNumber\":331}";
    private static final String ARTICLE = "{\"id\":1,\"title\":\"Article 1\",\"body\":\"" + "b".repeat(300)
            + "\",\"author\":{\"id\":1,\"name\":\"Author 1\"},\"created_at\":\"2024-01-01T00:01:00Z\"}";
    private static final String FORTUNES = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            + "<tr><th>id</th><th>message</th></tr>" + "<tr><td>1</td><td>fortune: No such file or directory</td></tr>".repeat(13)
            + "</table></body></html>";
    private static final String JSON = "application/json";

    /** "METHOD path" (path without its query) -> the whole response. */
    private final Map<String, ByteBuf> routes = new HashMap<>();
    private final ByteBuf notFound;
    private final EventLoopGroup group;
    private final Channel server;
    private final Channel webSocket;
    private final long delayNanos;

    public BaselineServer() {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, "baseline");
    }

    /**
     * @param bind       where to listen (port 0: any free one)
     * @param delayNanos how long after reading a request its answer is written (0: at once)
     * @param framework  what {@code /health} reports as its framework: "baseline", or a contract
     *                   framework's name for a stand-in the harness takes as an external target
     */
    public BaselineServer(InetSocketAddress bind, long delayNanos, String framework) {
        this.delayNanos = delayNanos;
        String rows20 = "[" + String.join(",", Collections.nCopies(20, ROW)) + "]";
        route("GET /json", 200, JSON, "{\"message\":\"Hello, World!\"}");
        route("GET /plaintext", 200, "text/plain", "Hello, World!");
        route("GET /db", 200, JSON, ROW);
        route("GET /queries", 200, JSON, rows20);
        route("GET /updates", 200, JSON, rows20);
        route("GET /cached-queries", 200, JSON, rows20);
        route("GET /fortunes", 200, "text/html; charset=utf-8", FORTUNES);
        route("GET /api/articles", 200, JSON, "{\"count\":10000,\"results\":[" + String.join(",", Collections.nCopies(20, ARTICLE)) + "]}");
        route("GET /api/articles/*", 200, JSON, ARTICLE);
        route("POST /api/articles", 201, JSON, ARTICLE);
        route("PUT /api/articles/*", 200, JSON, ARTICLE);
        route("DELETE /api/articles/*", 204, null, "");
        route("GET /api/me", 200, JSON, "{\"id\":1,\"username\":\"bench\"}");
        route("POST /api/auth/token", 200, JSON, "{\"access\":\"baseline.token.value\"}");
        route("GET /health", 200, JSON, "{\"status\":\"ok\",\"framework\":\"" + framework + "\",\"frameworkVersion\":\"0\","
                + "\"runtime\":\"java\",\"runtimeVersion\":\"" + Runtime.version().feature() + "\",\"server\":\"netty\","
                + "\"workers\":1,\"threads\":1}");
        notFound = encode(404, JSON, "{\"error\":\"not found\"}");
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "fwbench-baseline-server");
            t.setDaemon(true);
            return t;
        }, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends io.netty.channel.ServerChannel> channel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        // HTTP: a decoder only, every answer written as pre-encoded bytes
        server = bind(channel, bind, ch -> ch.pipeline().addLast(new HttpRequestDecoder(), new HttpObjectAggregator(1 << 20),
                new Handler()));
        // WebSocket echo on a port of its own: the upgrade needs HttpServerCodec's encoder, which
        // (seen here) held every second keep-alive HTTP answer for 40 ms when the HTTP routes
        // wrote past it on the same pipeline
        webSocket = bind(channel, new InetSocketAddress(bind.getAddress(), 0), ch -> ch.pipeline().addLast(
                new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new WebSocketServerProtocolHandler("/ws/echo", null, false, 1 << 20), new Echo()));
    }

    private Channel bind(Class<? extends io.netty.channel.ServerChannel> type, InetSocketAddress address,
                         java.util.function.Consumer<Channel> pipeline) {
        return new ServerBootstrap().group(group).channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.accept(ch);
                    }
                })
                .bind(address).syncUninterruptibly().channel();
    }

    public URI baseUrl() {
        return URI.create("http://" + authority(server));
    }

    /** The WebSocket root: {@code /ws/echo} below it. */
    public URI wsUrl() {
        return URI.create("ws://" + authority(webSocket));
    }

    private static String authority(Channel channel) {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }

    private void route(String key, int status, String type, String body) {
        routes.put(key, encode(status, type, body));
    }

    private static ByteBuf encode(int status, String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            default -> "Not Found";
        };
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nServer: fwbench-baseline\r\n"
                + (type != null ? "Content-Type: " + type + "\r\n" : "")
                + (status == 204 ? "" : "Content-Length: " + b.length + "\r\n") + "\r\n";
        ByteBuf buf = Unpooled.directBuffer(head.length() + b.length);
        buf.writeBytes(head.getBytes(StandardCharsets.US_ASCII)).writeBytes(b);
        return Unpooled.unreleasableBuffer(buf.asReadOnly());
    }

    private ByteBuf answer(FullHttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String method = req.method().name();
        ByteBuf exact = routes.get(method + " " + path);
        if (exact != null) {
            return exact;
        }
        int slash = path.lastIndexOf('/');
        ByteBuf item = slash > 0 ? routes.get(method + " " + path.substring(0, slash) + "/*") : null;
        return item != null ? item : notFound;
    }

    /** {@code /ws/echo}: every text frame back as it came. */
    private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame.retainedDuplicate());
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            ByteBuf answer = answer(req);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (delayNanos > 0) {
                ctx.executor().schedule(() -> write(ctx, answer, keepAlive), delayNanos, TimeUnit.NANOSECONDS);
            } else {
                write(ctx, answer, keepAlive);
            }
        }

        private void write(ChannelHandlerContext ctx, ByteBuf answer, boolean keepAlive) {
            ctx.writeAndFlush(answer.duplicate()); // the whole response, encoded once at start
            if (!keepAlive) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        webSocket.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
