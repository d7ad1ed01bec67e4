package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
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
 * {@code reference-apps/bare}: NestJS's routes on Express or Fastify without Nest (claim 7's
 * baseline), served by {@code node server.js} (its image's CMD too). Plain JavaScript: no build
 * step; the process backend runs {@code npm ci} when its lockfile changed.
 */
public final class BareApp implements ReferenceApp {
    private static final String NODE_HINT = "install Node.js 20 or newer (https://nodejs.org) and put node and npm on PATH";

    private final Path dir;

    public BareApp(Path dir) {
        this.dir = dir;
    }

    @Override
    public Framework framework() {
        return Framework.BARE;
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
        return false; // no WebSocket, no cache
    }

    @Override
    public Proxy defaultProxy(TargetSpec spec) {
        return Proxy.NONE; // as the NestJS app it stands beside
    }

    @Override
    public void prepare(Path logDir) {
        String node = Toolchain.require("node", "--version", new int[] {20, 0}, NODE_HINT);
        Toolchain.require("npm", "--version", new int[] {7, 0}, NODE_HINT);
        Path lock = dir.resolve("package-lock.json");
        if (!Files.isRegularFile(lock)) {
            throw new BenchException(lock + " is missing: the bare baseline must ship its lockfile");
        }
        InstallStamp.underLock(dir.resolve(".fwbench-install.lock"), () -> {
            Path log = logDir.resolve("bare-npm-ci.log");
            new InstallStamp(dir.resolve("node_modules/.fwbench-stamp"), List.of(lock), "node" + node.split("\\.")[0]).ensure(
                    "installing the bare baseline's dependencies (npm ci; output: " + log + ")",
                    () -> ChildProcess.run("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                            dir, Map.of(), log, Duration.ofMinutes(10)));
        });
    }

    @Override
    public List<String> command() {
        return List.of("node", "server.js");
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
        return new LaunchPlan(env, launch.baseUrl(), URI.create("ws://127.0.0.1:" + launch.port()));
    }
}
