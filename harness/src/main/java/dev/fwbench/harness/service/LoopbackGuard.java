package dev.fwbench.harness.service;

import dev.fwbench.harness.BenchException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Load goes only to this machine unless the user says otherwise: a URL whose host does not
 * resolve to loopback addresses only is refused, before anything is sent to it, unless
 * remote targets are allowed explicitly ({@code --allow-remote}, {@code -Dallow.remote=true}).
 */
public final class LoopbackGuard {
    private LoopbackGuard() {
    }

    /** Whether every address {@code host} resolves to is a loopback address (127.0.0.0/8, ::1). */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new BenchException("cannot resolve host '" + host + "': check the URL");
        }
    }

    /**
     * @param what how the user gave the URL ({@code -Dbase.url}), for the error
     * @throws BenchException naming the URL and the fix when it is not on this machine and not allowed
     */
    public static void check(URI url, boolean allowRemote, String what) {
        String host = url.getHost();
        if (host == null) {
            throw new BenchException(what + " '" + url + "' has no host: use e.g. http://127.0.0.1:8080");
        }
        if (!allowRemote && !isLoopback(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
            throw new BenchException(what + " " + url + " is not on this machine: load would leave loopback; "
                    + "allow it explicitly with --allow-remote (-Dallow.remote=true)");
        }
    }
}
