package dev.fwbench.harness.backend.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.ReferenceApp;
import dev.fwbench.harness.targets.Framework;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A reference app's image, built from {@code reference-apps/<app>/Dockerfile} with
 * Testcontainers' {@link ImageFromDockerfile} and kept between runs as a cache: the tag is
 * a hash of the build context, the build arguments and the base image's id, so any change
 * to the app, its lockfile or its base gives a new image, and an unchanged app starts
 * without a build (the warm start). {@code ./bench clean --images} removes them.
 */
public final class AppImage {
    /** What the .dockerignore files leave out of the context; kept out of the hash as well. */
    private static final Set<String> IGNORED = Set.of("node_modules", "dist", ".venv", "__pycache__", ".pytest_cache");

    private AppImage() {
    }

    /** Builds the image when no image of this content exists yet; returns its name. */
    public static String ensure(DockerClient client, ReferenceApp app, String baseImage) {
        Framework framework = app.framework();
        Path appDir = app.dir();
        Path dockerfile = appDir.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new BenchException(dockerfile + " is missing: the containers backend builds each app from its Dockerfile");
        }
        String baseId = ensureBase(client, baseImage);
        String name = "fwbench/" + framework.id() + ":" + contentHash(appDir, app.baseImageArgument() + "=" + baseImage, baseId);
        if (exists(client, name)) {
            Console.info("%s image %s (cached)", framework.id(), name);
            return name;
        }
        long t0 = System.nanoTime();
        Console.info("building the %s image %s from %s (FROM %s; first use or sources changed, takes a minute or two)...",
                framework.id(), name, dockerfile, baseImage);
        try {
            new ImageFromDockerfile(name, false)
                    .withDockerfile(dockerfile)
                    .withBuildArg(app.baseImageArgument(), baseImage)
                    // host network for the build's RUN steps too: package installs reach the
                    // registries the way the host does (proxies, DNS), no bridge NAT needed
                    .withBuildImageCmdModifier(cmd -> cmd.withLabels(Map.of(DockerEngine.LABEL, DockerEngine.IMAGE_LABEL_VALUE,
                            DockerEngine.LABEL_ROLE, framework.id())).withNetworkMode("host").withPull(false).withForcerm(true))
                    .get(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new BenchException("building the " + framework.id() + " image failed (" + DockerEngine.oneLine(e)
                    + "): reproduce with 'docker build --network host --build-arg " + app.baseImageArgument() + "=" + baseImage
                    + " " + appDir + "'", e);
        }
        Console.info("built %s in %s", name, Console.human(Duration.ofNanos(System.nanoTime() - t0)));
        return name;
    }

    /**
     * The base image's id; pulled when missing. A host without registry access gets a
     * message naming the ways to supply one.
     */
    public static String ensureBase(DockerClient client, String image) {
        try {
            return client.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            Console.info("pulling base image %s...", image);
            try {
                client.pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
                return client.inspectImageCmd(image).exec().getId();
            } catch (Exception pullFailure) {
                if (pullFailure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new BenchException("base image " + image + " is not on this host and cannot be pulled ("
                        + DockerEngine.oneLine(pullFailure) + "): supply one with --image-base or FWBENCH_*_IMAGE "
                        + "(on a host without registry access, 'bash .ci/standin-bases' builds local stand-ins)");
            }
        }
    }

    static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** SHA-256 over every context file (path and bytes), the build argument and the base id; 12 hex digits. */
    static String contentHash(Path appDir, String buildArg, String baseId) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((buildArg + "\n" + baseId + "\n").getBytes(StandardCharsets.UTF_8));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(appDir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !ignored(appDir.relativize(p)))
                        .sorted().toList();
            }
            byte[] buf = new byte[64 * 1024];
            for (Path f : files) {
                md.update(appDir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new BenchException("cannot read " + appDir + " to build its image: " + e.getMessage(), e);
        }
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (IGNORED.contains(s) || s.startsWith(".fwbench") || s.endsWith(".log") || s.endsWith(".pyc")) {
                return true;
            }
        }
        return false;
    }
}
