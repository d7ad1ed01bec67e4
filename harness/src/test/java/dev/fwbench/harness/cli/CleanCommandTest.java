package dev.fwbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.fwbench.harness.testing.DockerRequirement;
import dev.fwbench.harness.backend.containers.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness JVM killed with SIGKILL cannot stop its containers: {@code bench clean} must
 * find and remove them by label, and with {@code --images} the images it built. Runs in its
 * own surefire execution, after the container conformance run, since it removes the
 * cached app images.
 */
class CleanCommandTest {

    @Test
    void cleanRemovesWhatAKilledHarnessLeft(@TempDir Path tmp) throws Exception {
        DockerRequirement.require();
        DockerClient client = DockerEngine.client();
        Path out = tmp.resolve("serve.out");
        Process serve = ServeCommandTest.bench(out, "serve", "nestjs", "--backend", "containers", "--server-cpus", "1");
        String pid = Long.toString(serve.pid());
        try {
            killedMidRunThenCleaned(client, tmp, out, serve, pid);
        } finally {
            DockerEngine.remove(client, owned(client, pid)); // whatever a failed assertion left
        }
    }

    private static void killedMidRunThenCleaned(DockerClient client, Path tmp, Path out, Process serve, String pid)
            throws Exception {
        try {
            String text = ServeCommandTest.awaitLine(out, serve, "Serving.", 900);
            assertThat(text).contains("backend: containers");
            assertThat(owned(client, pid)).as("containers of the serve JVM").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
            serve.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(owned(client, pid)).as("a killed JVM leaves its containers (the case clean exists for)").isNotEmpty();

        Path cleanOut = tmp.resolve("clean.out");
        Process clean = ServeCommandTest.bench(cleanOut, "clean", "--images");
        assertThat(clean.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(cleanOut);
        assertThat(clean.exitValue()).as(text).isZero();
        assertThat(text).contains("removed");

        assertThat(owned(client, pid)).as("containers left after bench clean").isEmpty();
        assertThat(DockerEngine.images(client)).as("images with the harness label after clean --images").isEmpty();
    }

    private static List<Container> owned(DockerClient client, String pid) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerEngine.LABEL_PID, pid)).exec();
    }
}
