package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.targets.Framework;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reference-apps/nestjs}: {@code npm ci} and {@code npm run build} when the lockfile
 * or sources changed, then {@code node dist/main.js}. The app itself runs its TypeORM
 * migrations in the cluster primary before forking workers.
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
    public StartedApp start(AppLaunch launch) {
        ChildProcess app = ChildProcess.start(launch.spec().name(), launch.pinned(List.of("node", "dist/main.js")), dir,
                environment(launch), launch.logDir().resolve(launch.spec().name().replace(':', '-') + ".log"));
        URI base = URI.create("http://127.0.0.1:" + launch.port());
        URI ws = URI.create("ws://127.0.0.1:" + launch.port());
        return new StartedApp(base, ws, List.of(app));
    }

    /** The app's configuration (CONTRACT.md §1), the same for a process and a container. */
    public static Map<String, String> environment(AppLaunch launch) {
        Map<String, String> env = new HashMap<>(launch.extraEnv());
        env.put("NODE_ENV", "production");
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(launch.port()));
        env.put("DATABASE_URL", launch.databaseUrl());
        env.put("JWT_SECRET", launch.jwtSecret());
        env.put("PROFILE", launch.spec().profile().id());
        env.put("ADAPTER", launch.spec().variant());
        if (launch.spec().workers() > 0) {
            env.put("WORKERS", Integer.toString(launch.spec().workers()));
        }
        return env;
    }
}
