package dev.fwbench.harness.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.containers.DockerEngine;
import dev.fwbench.harness.process.ProcessRegistry;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench clean}: removes what crashed runs left, processes and containers. */
@Command(name = "clean",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Stop what earlier runs of the harness left behind: a JVM killed with SIGKILL cannot stop its "
                + "apps, PostgreSQL, Redis or containers. Runs of a harness still going are kept unless --all.",
            "Processes: each harness JVM lists what it starts (PID and start time, so a recycled PID is never "
                + "signalled) in a state file under " + "$TMPDIR/fwbench-sessions (FWBENCH_STATE_DIR). Containers: "
                + "everything the harness creates carries the Docker label " + DockerEngine.LABEL + "."},
        footer = {"", "Examples:",
            "  ./bench clean            # leftovers of crashed runs",
            "  ./bench clean --images   # and the cached app images (the next run rebuilds them)"})
public final class CleanCommand implements Runnable {

    @Option(names = "--images", description = "also remove the app images the harness built and caches between runs")
    boolean images;

    @Option(names = "--all", description = "also stop what harness runs that are still going started")
    boolean all;

    @Override
    public void run() {
        int processes = 0;
        List<ProcessRegistry.Session> sessions = ProcessRegistry.leftovers(all);
        for (ProcessRegistry.Session s : sessions) {
            Console.info("stopping what harness JVM %d (%s) left: %d process(es), %d PostgreSQL data dir(s)",
                    s.owner().pid(), s.ownerAlive() ? "still running" : "gone", s.processes().size(),
                    s.postgresDataDirs().size());
            processes += s.clean();
        }
        DockerEngine.Probe probe = DockerEngine.probe();
        if (!probe.available()) {
            if (images) {
                Console.warn("no Docker engine answers (%s): no images to remove", probe.detail());
            }
            System.out.printf("stopped %d process(es); no Docker engine, so no containers to remove%n", processes);
            return;
        }
        DockerClient client = DockerEngine.client();
        List<Container> leftovers = DockerEngine.leftovers(client, all);
        for (Container c : leftovers) {
            Console.info("removing container %s %s (%s)", c.getId().substring(0, 12), String.join(",", c.getNames()), c.getStatus());
        }
        int removed = DockerEngine.remove(client, leftovers);
        int kept = DockerEngine.leftovers(client, true).size();
        int imagesRemoved = 0;
        if (images) {
            for (Image i : DockerEngine.images(client)) {
                Console.info("removing image %s", i.getRepoTags() == null ? i.getId() : String.join(",", i.getRepoTags()));
                client.removeImageCmd(i.getId()).withForce(true).exec();
                imagesRemoved++;
            }
        }
        System.out.printf("stopped %d process(es), removed %d container(s)%s%s%n", processes, removed,
                images ? " and " + imagesRemoved + " image(s)" : "",
                kept > 0 ? "; kept " + kept + " of harness runs still going (--all removes them too)" : "");
    }
}
