package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything about how one reference app under {@code reference-apps/} is launched, the same
 * on every backend: its configuration ({@link #plan}: environment, ports, where HTTP and
 * WebSocket answer), the one command that serves it ({@link #command}, which is also what its
 * image runs), and how its dependencies are installed for the process backend
 * ({@link #prepare}). The backends add only what is theirs: a child process or a container,
 * the database, Redis, pinning and limits.
 *
 * <p>Adding a framework means a folder under {@code reference-apps/} (the app, its
 * Dockerfile, its launch command) and one implementation of this interface, registered in
 * {@link ReferenceApps}.
 */
public interface ReferenceApp {

    Framework framework();

    /** {@code reference-apps/<app>}: the build context of its image and the working directory of its process. */
    Path dir();

    /** Key of its base image in the backend's image bases ({@code node}, {@code python}). */
    String baseImage();

    /** The build argument of its Dockerfile that names the base image ({@code NODE_IMAGE}). */
    String baseImageArgument();

    /**
     * Whether this target needs a Redis: Django Channels' cross-worker layer in its production
     * deployment, and the article cache of either framework with {@code cache: redis}.
     */
    boolean usesRedis(TargetSpec spec);

    /** What fronts it when the target asks for its default ({@code Proxy.DEFAULT}), by profile and variant. */
    Proxy defaultProxy(TargetSpec spec);

    /**
     * Process backend: checks the runtime, installs the dependencies {@code spec} runs with and
     * builds, each step skipped when its inputs (lockfile, sources) have not changed since the
     * last time. The dependency set may depend on the target (Django's tuned profile has its own).
     */
    void prepare(TargetSpec spec, Path logDir);

    /** The command that serves the app: the image's entrypoint, run by the process backend from {@link #dir()}. */
    List<String> command();

    /**
     * Process backend: what the environment of {@code spec} needs beyond {@link LaunchPlan#environment()}
     * (e.g. its virtualenv on PATH, the one {@link #prepare} made for it).
     */
    Map<String, String> processEnvironment(TargetSpec spec);

    /** The app's configuration for one launch (CONTRACT.md section 1) and where it will answer. */
    LaunchPlan plan(AppLaunch launch);
}
