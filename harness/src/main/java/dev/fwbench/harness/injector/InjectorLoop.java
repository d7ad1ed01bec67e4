package dev.fwbench.harness.injector;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;

/**
 * One Netty event loop thread: the whole lean injector runs on it (schedule, sends, response
 * decoding, recording), so the injector uses one core and needs no lock. Native epoll on
 * Linux (x86-64 and ARM: its timer wakes the schedule with nanosecond resolution), Java NIO
 * elsewhere.
 */
public final class InjectorLoop implements AutoCloseable {
    /**
     * Netty's buffer leak detector, unless {@code -Dio.netty.leakDetection.level} asks for it: off.
     * At its default level it wraps one buffer in 128 and records where it was made (a stack
     * trace, on the event loop: tens of microseconds added to a random request), and the wrapped
     * buffers, of another class at the decoder's call sites, make the JIT recompile the decoding
     * path in the middle of a run (seen at 25,000 req/s: forEachByte, readRetainedSlice and the
     * schedule recompiled in the measured seconds). Run with the property to look for a leak.
     */
    public static final String LEAK_DETECTION = leakDetection();

    private final EventLoopGroup group;
    private final boolean epoll = Epoll.isAvailable();
    private final AnswerPoll answerPoll = new AnswerPoll();

    public InjectorLoop(String threadName) {
        group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }, epoll ? EpollIoHandler.newFactory(0, () -> answerPoll)
                : NioIoHandler.newFactory(SelectorProvider.provider(), () -> answerPoll));
    }

    /** How this loop waits for answers at low rates (event loop thread only). */
    AnswerPoll answerPoll() {
        return answerPoll;
    }

    public EventLoop loop() {
        return group.next();
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends Channel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private static String leakDetection() {
        String asked = System.getProperty("io.netty.leakDetection.level", System.getProperty("io.netty.leakDetectionLevel"));
        if (asked == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        return ResourceLeakDetector.getLevel().name().toLowerCase(java.util.Locale.ROOT)
                + (asked == null ? " (the injector's default; -Dio.netty.leakDetection.level= to check for leaks)" : "");
    }

    /** "epoll" or "nio", for run.json. */
    public String transport() {
        return epoll ? "netty epoll" : "netty nio";
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
