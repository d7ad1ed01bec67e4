package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code reference-apps/nestjs}: served by {@code node dist/main.js} (its image's CMD too),
 * whose cluster primary runs the TypeORM migrations, then forks the workers (one per core
 * unless {@code WORKERS}); HTTP and WebSocket share the port. The process backend first
 * runs {@code npm ci} and {@code npm run build} when the lockfile or sources changed.
 */
public final class NestJsApp implements ReferenceApp {
    private static final int[] MIN_NODE = {20, 0};
    private static final String NODE_HINT = "install Node.js 20 or newer (https://nodejs.org) and put node and npm on PATH";

    private final Path dir;

    public NestJsApp(Path dir) {
        this.dir = dir;
    }

    @Override
    public Framework framework() {
        return Framework.NESTJS;
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
    public boolean usesRedis(TargetSpec spec) {
        // the article cache only: the cluster primary relays broadcast between its workers
        return spec.cache() == ArticleCache.REDIS;
    }

    /** Node serves clients itself (the cluster primary shares the port): no front in either profile. */
    @Override
    public Proxy defaultProxy(TargetSpec spec) {
        return Proxy.NONE;
    }

    @Override
    public void prepare(Path logDir) {
        String node = Toolchain.require("node", "--version", MIN_NODE, NODE_HINT);
        Toolchain.require("npm", "--version", new int[] {7, 0}, NODE_HINT);
        Path lock = dir.resolve("package-lock.json");
        if (!Files.isRegularFile(lock)) {
            throw new BenchException(lock + " is missing: the NestJS app must ship its lockfile");
        }
        InstallStamp.underLock(dir.resolve(".fwbench-install.lock"), () -> {
            // node_modules holds native addons (bcrypt) built for one Node major
            String nodeMajor = "node" + node.split("\\.")[0];
            Path npmLog = logDir.resolve("nestjs-npm-ci.log");
            new InstallStamp(dir.resolve("node_modules/.fwbench-stamp"), List.of(lock), nodeMajor).ensure(
                    "installing NestJS dependencies (npm ci, first use or lockfile changed; output: " + npmLog + ")",
                    () -> ChildProcess.run("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                            dir, Map.of(), npmLog, Duration.ofMinutes(10)));
            Path buildLog = logDir.resolve("nestjs-build.log");
            new InstallStamp(dir.resolve("dist/.fwbench-stamp"),
                    List.of(lock, dir.resolve("package.json"), dir.resolve("src"), dir.resolve("views"),
                            dir.resolve("tsconfig.json"), dir.resolve("tsconfig.build.json")), nodeMajor).ensure(
                    "building the NestJS app (npm run build; output: " + buildLog + ")",
                    () -> ChildProcess.run("npm run build", List.of("npm", "run", "build"), dir, Map.of(), buildLog,
                            Duration.ofMinutes(5)));
        });
    }

    @Override
    public List<String> command() {
        return List.of("node", "dist/main.js");
    }

    @Override
    public Map<String, String> processEnvironment() {
        return Map.of();
    }

    @Override
    public LaunchPlan plan(AppLaunch launch) {
        Map<String, String> env = launch.contractEnvironment();
        env.put("NODE_ENV", "production");
        env.put("ADAPTER", launch.spec().variant());
        URI base = launch.baseUrl();
        return new LaunchPlan(env, base, URI.create("ws://127.0.0.1:" + launch.port()));
    }
}
