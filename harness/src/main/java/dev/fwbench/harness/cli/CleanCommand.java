package dev.fwbench.harness.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.containers.DockerEngine;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench clean}: removes what crashed runs left in Docker. */
@Command(name = "clean",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Remove containers that earlier runs of the harness left behind (a JVM killed with SIGKILL "
                + "cannot stop its containers). Containers of a harness still running are kept unless --all.",
            "Everything the harness creates carries the Docker label " + DockerEngine.LABEL + "."},
        footer = {"", "Examples:",
            "  ./bench clean            # leftovers of crashed runs",
            "  ./bench clean --images   # and the cached app images (the next run rebuilds them)"})
public final class CleanCommand implements Runnable {

    @Option(names = "--images", description = "also remove the app images the harness built and caches between runs")
    boolean images;

    @Option(names = "--all", description = "also remove containers of harness runs that are still going")
    boolean all;

    @Override
    public void run() {
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
        System.out.printf("removed %d container(s)%s%s%n", removed, images ? " and " + imagesRemoved + " image(s)" : "",
                kept > 0 ? "; kept " + kept + " of harness runs still going (--all removes them too)" : "");
    }
}
