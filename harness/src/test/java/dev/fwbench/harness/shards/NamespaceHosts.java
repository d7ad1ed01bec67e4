package dev.fwbench.harness.shards;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several "hosts" on this machine: one network namespace for the target and one per injector,
 * each injector's joined to the target's by a veth pair of its own (injector i is 10.218.i.2,
 * and reaches the target at 10.218.i.1), so that every request crosses a real network path
 * (two network stacks, a virtual link) to addresses that exist only inside these namespaces.
 * Needs root and {@code ip netns}; {@link #unavailable()} says why not, for the test to skip.
 * {@link #close()} stops every process started in them and deletes the namespaces (and with
 * them the veths), also from a shutdown hook should the test JVM be stopped.
 */
final class NamespaceHosts implements AutoCloseable {
    private final String prefix = "fwb" + ProcessHandle.current().pid() % 100_000;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::close, "netns-cleanup");

    /** Null when namespaces can be made here, else the reason they cannot. */
    static String unavailable() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            if (!uid.equals("0")) {
                return "network namespaces need root (uid " + uid + ")";
            }
            String probe = "fwbprobe" + ProcessHandle.current().pid() % 100_000;
            if (run("ip", "netns", "add", probe) != 0) {
                return "'ip netns add' fails here";
            }
            run("ip", "netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "no 'ip' command: " + e.getMessage();
        }
    }

    /** The target's namespace and {@code injectors} others, each linked to it. */
    static NamespaceHosts create(int injectors) throws IOException {
        NamespaceHosts h = new NamespaceHosts();
        Runtime.getRuntime().addShutdownHook(h.hook);
        try {
            h.add(h.target());
            h.sh("ip netns exec " + h.target() + " ip link set lo up");
            for (int i = 1; i <= injectors; i++) {
                String ns = h.injector(i);
                h.add(ns);
                String t = h.prefix + "t" + i;
                String n = h.prefix + "i" + i;
                h.sh("ip link add " + t + " type veth peer name " + n);
                h.sh("ip link set " + t + " netns " + h.target());
                h.sh("ip link set " + n + " netns " + ns);
                h.sh("ip netns exec " + h.target() + " ip addr add 10.218." + i + ".1/24 dev " + t);
                h.sh("ip netns exec " + h.target() + " ip link set " + t + " up");
                h.sh("ip netns exec " + ns + " ip addr add 10.218." + i + ".2/24 dev " + n);
                h.sh("ip netns exec " + ns + " ip link set " + n + " up");
                h.sh("ip netns exec " + ns + " ip link set lo up");
            }
            return h;
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    String target() {
        return prefix + "-target";
    }

    String injector(int i) {
        return prefix + "-inj" + i;
    }

    /** The target's address as injector {@code i} reaches it. */
    static String targetAddress(int i) {
        return "10.218." + i + ".1";
    }

    /** Starts {@code command} inside {@code namespace}, output to {@code log}; stopped by {@link #close()}. */
    Process start(String namespace, Path log, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Also stopped on close: a process started outside the namespaces (a CPU hog). */
    void own(Process p) {
        synchronized (processes) {
            processes.add(p);
        }
    }

    private void add(String ns) throws IOException {
        sh("ip netns add " + ns);
        namespaces.add(ns);
    }

    private void sh(String command) throws IOException {
        int code = run(command.split(" "));
        if (code != 0) {
            throw new IOException("'" + command + "' exited with " + code);
        }
    }

    static int run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                run("ip", "netns", "del", namespaces.get(i)); // deletes its end of every veth, and so the pair
            } catch (IOException e) {
                // nothing more to do: the next run uses its own prefix
            }
        }
        namespaces.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // closing from the hook itself
        }
    }
}
