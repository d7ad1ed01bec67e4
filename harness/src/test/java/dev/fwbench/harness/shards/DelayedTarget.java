package dev.fwbench.harness.shards;

import dev.fwbench.harness.baseline.BaselineServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A target of known latency for the shards' tests, run as a process of its own (inside the
 * target's network namespace): the baseline server answering every request {@code args[2]} ms
 * after reading it, reporting "nestjs" on /health so that the lean engine takes it as an
 * external target; beside it on {@code args[3]}, the shards' reference clock. Prints
 * "listening" once both are up; runs until killed.
 */
public final class DelayedTarget {
    private DelayedTarget() {
    }

    /** {@code address port delayMs clockPort} */
    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        long delayNanos = (long) (Double.parseDouble(args[2]) * 1e6);
        try (BaselineServer target = new BaselineServer(new InetSocketAddress(address, Integer.parseInt(args[1])),
                delayNanos, "nestjs");
             ClockServer clock = new ClockServer(new InetSocketAddress(address, Integer.parseInt(args[3])))) {
            System.out.println("listening on " + target.baseUrl() + ", clock on " + clock.url());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
