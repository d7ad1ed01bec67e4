package dev.fwbench.harness.app;

import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.TargetSpec;
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
public final class NestJsApp extends NodeApp {
    public NestJsApp(Path dir) {
        super(dir, "NestJS");
    }

    @Override
    public Framework framework() {
        return Framework.NESTJS;
    }

    @Override
    public boolean usesRedis(TargetSpec spec) {
        // the article cache only: the cluster primary relays broadcast between its workers
        return spec.cache() == ArticleCache.REDIS;
    }

    @Override
    protected void build(Path log, Path lock, String nodeMajor) {
        new InstallStamp(dir.resolve("dist/.fwbench-stamp"),
                List.of(lock, dir.resolve("package.json"), dir.resolve("src"), dir.resolve("views"),
                        dir.resolve("tsconfig.json"), dir.resolve("tsconfig.build.json")), nodeMajor).ensure(
                "building the NestJS app (npm run build; output: " + log + ")",
                () -> ChildProcess.run("npm run build", List.of("npm", "run", "build"), dir, Map.of(), log,
                        Duration.ofMinutes(5)));
    }

    @Override
    public List<String> command() {
        return List.of("node", "dist/main.js");
    }
}
