package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.shards.ClockServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench clock}: the shards' reference clock, until stopped. */
@Command(name = "clock",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Serve this host's clock to the shards of a run: GET /time answers the UTC time in nanoseconds "
                + "since the epoch. Each shard ('bench load -Dshard=i/N -Dclock.url=http://HOST:PORT') measures its "
                + "offset to it before its start instant (Cristian's algorithm: offset = T - (t0 + t1) / 2, within half "
                + "the round trip) and records it; 'bench merge' corrects for it and refuses offsets beyond its bound. "
                + "Runs until Ctrl-C."},
        footer = {"", "Examples:", "  ./bench clock --port 7070", "  ./bench clock --bind 10.0.0.1 --port 7070"})
public final class ClockCommand implements Callable<Integer> {

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address to listen on (default: ${DEFAULT-VALUE}, "
            + "every interface: the shards are on other hosts)")
    String bind = "0.0.0.0";

    @Option(names = "--port", paramLabel = "PORT", description = "the port (default: ${DEFAULT-VALUE})")
    int port = 7070;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new BenchException("--port must be from 0 to 65535 (got " + port + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ClockServer clock = new ClockServer(new InetSocketAddress(bind, port))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            Console.info("reference clock on %s/time (Ctrl-C stops it)", clock.url());
            stopped.await();
        }
        return 0;
    }
}
