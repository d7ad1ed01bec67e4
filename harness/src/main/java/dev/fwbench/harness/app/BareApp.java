package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code reference-apps/bare}: NestJS's routes on Express or Fastify without Nest (claim 7's
 * baseline), served by {@code node server.js} (its image's CMD too). Plain JavaScript: no build
 * step; the process backend runs {@code npm ci} when its lockfile changed. No front, as the
 * NestJS app it stands beside.
 */
public final class BareApp extends NodeApp {
    public BareApp(Path dir) {
        super(dir, "bare");
    }

    @Override
    public Framework framework() {
        return Framework.BARE;
    }

    @Override
    public boolean usesRedis(TargetSpec spec) {
        return false; // no WebSocket, no cache
    }

    @Override
    public List<String> command() {
        return List.of("node", "server.js");
    }
}
