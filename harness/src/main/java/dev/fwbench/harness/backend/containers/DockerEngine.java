package dev.fwbench.harness.backend.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import dev.fwbench.harness.BenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as the harness uses it: whether one answers, the labels on everything
 * the harness creates, and removal by label.
 *
 * <p>Every container the harness starts carries {@link #LABEL} = this JVM's session id and
 * {@link #LABEL_PID} = this JVM's PID; images it builds carry {@link #LABEL} = {@code image}.
 * Close and the shutdown hook remove this session's containers; after a crash (SIGKILL,
 * power loss) {@code ./bench clean} removes containers whose owning JVM is gone, and with
 * {@code --images} the cached images too. Testcontainers' own reaper (Ryuk) needs an image
 * from Docker Hub, so the harness's launchers turn it off ({@code TESTCONTAINERS_RYUK_DISABLED})
 * and clean up by label instead; it also keeps one more container off a measured host.
 */
public final class DockerEngine {
    public static final String LABEL = "dev.fwbench.harness";
    public static final String LABEL_PID = "dev.fwbench.pid";
    public static final String LABEL_ROLE = "dev.fwbench.role";
    public static final String IMAGE_LABEL_VALUE = "image";
    /** This JVM's session: the value of {@link #LABEL} on its containers. */
    public static final String SESSION = UUID.randomUUID().toString();

    private DockerEngine() {
    }

    /** Whether an engine answers, and in words why or why not (said when {@code auto} picks a backend). */
    public record Probe(boolean available, String detail) {
    }

    public static Probe probe() {
        String host = System.getenv("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return new Probe(false, "no Docker socket at /var/run/docker.sock and DOCKER_HOST is not set");
        }
        String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if (Files.exists(Path.of("/.dockerenv")) && (override == null || override.isBlank())) {
            // Testcontainers would take this host for a container and start a helper container
            // (pulling alpine) to find the engine's address: minutes of retries without a registry
            return new Probe(false, "/.dockerenv exists, so Testcontainers would look for the Docker host from inside "
                    + "a container and hang without a registry; export TESTCONTAINERS_HOST_OVERRIDE=localhost "
                    + "(./bench, the Maven test runs and .ci/run set it)");
        }
        try {
            Info info = DockerClientFactory.instance().client().infoCmd().exec();
            return new Probe(true, "Docker engine " + info.getServerVersion() + " answered at "
                    + (host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host));
        } catch (Throwable e) {
            return new Probe(false, "no Docker engine answers (" + oneLine(e) + ")");
        }
    }

    private static volatile DockerClient client;

    /** The engine's client, probed once per JVM; a clear error when none answers. */
    public static DockerClient client() {
        if (client == null) {
            synchronized (DockerEngine.class) {
                if (client == null) {
                    Probe p = probe();
                    if (!p.available()) {
                        throw new BenchException("the containers backend needs a Docker engine, but " + p.detail()
                                + ": start Docker (e.g. 'dockerd &' as root) or use --backend process");
                    }
                    client = DockerClientFactory.instance().client();
                }
            }
        }
        return client;
    }

    /** Labels of a container this JVM starts. */
    public static Map<String, String> containerLabels(String role) {
        return Map.of(LABEL, SESSION, LABEL_PID, Long.toString(ProcessHandle.current().pid()), LABEL_ROLE, role);
    }

    /** Removes this session's containers (after close they should be gone already: a safety net). */
    public static int removeSessionContainers(DockerClient client) {
        return remove(client, client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, SESSION)).exec());
    }

    /**
     * Containers with the harness label whose owning JVM no longer runs (or every one, with
     * {@code all}): what {@code ./bench clean} removes.
     */
    public static List<Container> leftovers(DockerClient client, boolean all) {
        List<Container> found = new ArrayList<>();
        for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
            if (all || !ownerAlive(c.getLabels())) {
                found.add(c);
            }
        }
        return found;
    }

    static boolean ownerAlive(Map<String, String> labels) {
        try {
            long pid = Long.parseLong(labels.getOrDefault(LABEL_PID, "-1"));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid)
                    .flatMap(h -> h.info().command()).map(cmd -> cmd.endsWith("java")).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static int remove(DockerClient client, List<Container> containers) {
        int n = 0;
        for (Container c : containers) {
            try {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                n++;
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("No such container")) {
                    throw e;
                }
            }
        }
        return n;
    }

    /** Images the harness built (the app images it caches between runs). */
    public static List<Image> images(DockerClient client) {
        return client.listImagesCmd().withLabelFilter(Map.of(LABEL, IMAGE_LABEL_VALUE)).exec();
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
