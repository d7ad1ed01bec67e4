package dev.fwbench.harness.process;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for the services a run starts. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A port free on 127.0.0.1 at the time of the call. The kernel hands out ephemeral
     * ports in sequence, so the small window before the app binds it is safe in practice.
     */
    public static int pick() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BenchException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Fails with a clear message when a port the user asked for is taken. */
    public static int require(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new BenchException("port " + port + " on 127.0.0.1 is in use: pick another with --port");
        }
    }
}
