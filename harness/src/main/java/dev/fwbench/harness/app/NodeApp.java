package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the Node.js reference apps ({@link NestJsApp}, {@link BareApp}) share: the {@code node}
 * base image, Node 20 and npm checked, {@code npm ci} when the lockfile changed (its
 * {@code node_modules} holds native addons built for one Node major, so a new major installs
 * again), no front (Node serves clients itself: the cluster primary shares the port), and the
 * launch environment ({@code NODE_ENV=production}, the HTTP adapter from the target's variant;
 * WebSocket on the HTTP port).
 */
abstract class NodeApp implements ReferenceApp {
    private static final String NODE_HINT = "install Node.js 20 or newer (https://nodejs.org) and put node and npm on PATH";

    protected final Path dir;
    /** How the app is named in messages and log files ("NestJS", "bare"). */
    private final String label;

    NodeApp(Path dir, String label) {
        this.dir = dir;
        this.label = label;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String baseImage() {
        return "node";
    }

    @Override
    public String baseImageArgument() {
        return "NODE_IMAGE";
    }

    @Override
    public Proxy defaultProxy(TargetSpec spec) {
        return Proxy.NONE;
    }

    /** One dependency set whatever the target: the lockfile's. */
    @Override
    public void prepare(TargetSpec spec, Path logDir) {
        prepare(logDir);
    }

    /** {@code npm ci} when the lockfile changed, then the build (also used outside a target, by the claims). */
    public void prepare(Path logDir) {
        String node = Toolchain.require("node", "--version", new int[] {20, 0}, NODE_HINT);
        Toolchain.require("npm", "--version", new int[] {7, 0}, NODE_HINT);
        Path lock = dir.resolve("package-lock.json");
        if (!Files.isRegularFile(lock)) {
            throw new BenchException(lock + " is missing: the " + label + " app must ship its lockfile");
        }
        InstallStamp.underLock(dir.resolve(".fwbench-install.lock"), () -> {
            String nodeMajor = "node" + node.split("\\.")[0];
            String name = label.toLowerCase(java.util.Locale.ROOT);
            Path npmLog = logDir.resolve(name + "-npm-ci.log");
            new InstallStamp(dir.resolve("node_modules/.fwbench-stamp"), List.of(lock), nodeMajor).ensure(
                    "installing the " + label + " app's dependencies (npm ci, first use or lockfile changed; output: "
                            + npmLog + ")",
                    () -> ChildProcess.run("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                            dir, Map.of(), npmLog, Duration.ofMinutes(10)));
            build(logDir.resolve(name + "-build.log"), lock, nodeMajor);
        });
    }

    /** After {@code npm ci}, under the same lock: a build step if the app has one (none by default). */
    protected void build(Path log, Path lock, String nodeMajor) {
    }

    @Override
    public Map<String, String> processEnvironment(TargetSpec spec) {
        return Map.of();
    }

    @Override
    public LaunchPlan plan(AppLaunch launch) {
        Map<String, String> env = launch.contractEnvironment();
        env.put("NODE_ENV", "production");
        env.put("ADAPTER", launch.spec().variant());
        return new LaunchPlan(env, launch.baseUrl(), URI.create("ws://127.0.0.1:" + launch.port()));
    }
}
