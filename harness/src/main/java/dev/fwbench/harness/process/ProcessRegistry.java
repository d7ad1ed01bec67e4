package dev.fwbench.harness.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.AtomicWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What this JVM has running outside itself, written down as it changes, so that nothing is
 * lost whatever way the JVM ends:
 * <ul>
 *   <li>on a normal exit, Ctrl-C or SIGTERM, the shutdown hook stops everything still listed
 *       ({@link #stopAll}); a second Ctrl-C kills it at once;</li>
 *   <li>after a SIGKILL, the session's state file is left behind, and {@code ./bench clean}
 *       stops what it lists ({@link #leftovers}, {@link Session#clean()}).</li>
 * </ul>
 * Each entry is a process by PID <em>and start time</em> (and its command), so that a PID the
 * kernel has since given to another process is never signalled; its descendants are found
 * in the live process table when it is stopped. Embedded PostgreSQL is listed by its data
 * directory before it is spawned: its postmaster's PID is read from {@code postmaster.pid}
 * there, so even a start interrupted half-way is found.
 *
 * <p>State files: {@code <java.io.tmpdir>/fwbench-sessions/<pid>-<start>.json}
 * ({@code FWBENCH_STATE_DIR} overrides the folder), one per harness JVM, deleted when it
 * exits cleanly.
 */
public final class ProcessRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Long, Entry> PROCESSES = new LinkedHashMap<>();
    private static final List<String> DATA_DIRS = new ArrayList<>();
    private static Path file;

    private ProcessRegistry() {
    }

    /** One process by PID and start time (epoch ms, as the kernel reports it). */
    public record Entry(long pid, long startMillis, String name, String command) {
        /** The live process this entry names, if it still runs (same PID and the same start time). */
        public Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startMillis);
        }
    }

    /** A state file: what a harness JVM had running. */
    public record Session(Path file, Entry owner, List<Entry> processes, List<String> postgresDataDirs) {
        public boolean ownerAlive() {
            return owner.live().isPresent();
        }

        /** Stops what this session left running; returns how many processes it stopped. Deletes the file. */
        public int clean() {
            int n = 0;
            for (String dir : postgresDataDirs) {
                n += stopPostmaster(Path.of(dir)) ? 1 : 0;
            }
            for (Entry e : processes) {
                Optional<ProcessHandle> h = e.live();
                if (h.isPresent()) {
                    ChildProcess.stopTree(h.get(), java.time.Duration.ofSeconds(5));
                    n++;
                }
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // already gone
            }
            return n;
        }
    }

    /** The folder of the state files. */
    public static Path directory() {
        String configured = System.getenv("FWBENCH_STATE_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "fwbench-sessions");
    }

    static Entry of(ProcessHandle h, String name) {
        return new Entry(h.pid(), h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L), name,
                h.info().commandLine().orElse(h.info().command().orElse("?")));
    }

    static synchronized void started(ChildProcess p, ProcessHandle h) {
        PROCESSES.put(h.pid(), of(h, p.name()));
        save();
    }

    static synchronized void stopped(long pid) {
        if (PROCESSES.remove(pid) != null) {
            save();
        }
    }

    /** Lists an embedded PostgreSQL's data directory before the server is spawned. */
    public static synchronized void postgresStarting(Path dataDir) {
        DATA_DIRS.add(dataDir.toString());
        save();
    }

    public static synchronized void postgresStopped(Path dataDir) {
        DATA_DIRS.remove(dataDir.toString());
        save();
    }

    /**
     * Stops (SIGTERM, then SIGKILL after {@code grace}) every process and postmaster still
     * listed: the shutdown hook's last step, after the backends closed what they knew.
     */
    public static void stopAll(java.time.Duration grace) {
        List<Entry> processes;
        List<String> dirs;
        synchronized (ProcessRegistry.class) {
            processes = new ArrayList<>(PROCESSES.values());
            dirs = new ArrayList<>(DATA_DIRS);
        }
        for (String d : dirs) {
            stopPostmaster(Path.of(d));
        }
        for (Entry e : processes) {
            e.live().ifPresent(h -> ChildProcess.stopTree(h, grace));
        }
        synchronized (ProcessRegistry.class) {
            PROCESSES.clear();
            DATA_DIRS.clear();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // nothing to remove
                }
            }
        }
    }

    /** SIGTERM to a data directory's postmaster (PostgreSQL's fast shutdown), SIGKILL after 5 s. */
    public static boolean stopPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return false;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(x -> x.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            h.ifPresent(x -> ChildProcess.stopTree(x, java.time.Duration.ofSeconds(5)));
            return h.isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** State files of harness JVMs that are gone (or all of them, with {@code all}). */
    public static List<Session> leftovers(boolean all) {
        Path dir = directory();
        List<Session> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Session s = read(f);
                if (s != null && (all || !s.ownerAlive()) && !f.equals(file)) {
                    found.add(s);
                }
            }
        } catch (IOException e) {
            // unreadable folder: nothing found
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Session read(Path f) {
        try {
            Map<String, Object> m = JSON.readValue(f.toFile(), Map.class);
            Entry owner = JSON.convertValue(m.get("owner"), Entry.class);
            List<Entry> processes = new ArrayList<>();
            for (Object o : (List<Object>) m.getOrDefault("processes", List.of())) {
                processes.add(JSON.convertValue(o, Entry.class));
            }
            return new Session(f, owner, processes, (List<String>) m.getOrDefault("postgresDataDirs", List.of()));
        } catch (IOException | RuntimeException e) {
            return null; // half-written or foreign: not ours to act on
        }
    }

    private static void save() {
        try {
            if (file == null) {
                Files.createDirectories(directory());
                ProcessHandle me = ProcessHandle.current();
                file = directory().resolve(me.pid() + "-" + of(me, "harness").startMillis() + ".json");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("owner", of(ProcessHandle.current(), "harness JVM"));
            m.put("processes", new ArrayList<>(PROCESSES.values()));
            m.put("postgresDataDirs", new ArrayList<>(DATA_DIRS));
            AtomicWrite.with(file, tmp -> JSON.writeValue(tmp.toFile(), m));
        } catch (IOException e) {
            // the state file is a safety net for 'bench clean'; the run itself does not depend on it
        }
    }
}
