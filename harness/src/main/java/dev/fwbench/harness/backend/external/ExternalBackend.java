package dev.fwbench.harness.backend.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.service.HealthProbe;
import dev.fwbench.harness.service.LoopbackGuard;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.DbAccess;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Services the user already runs (here or elsewhere): nothing is started or stopped. Each
 * target's URL is checked to be on this machine (unless remote targets are allowed), its
 * {@code /health} read and recorded, and what it reports there (framework, server, workers,
 * profile) becomes the target's description in the results.
 */
public final class ExternalBackend implements Backend {
    private final boolean allowRemote;
    private final Duration timeout;
    private final Map<String, Object> targets = new LinkedHashMap<>();

    public ExternalBackend(boolean allowRemote, Duration timeout) {
        this.allowRemote = allowRemote;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public synchronized Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", name());
        m.put("targets", new LinkedHashMap<>(targets));
        m.put("allowRemote", allowRemote);
        m.put("limits", "unknown: services deployed by the user");
        return m;
    }

    @Override
    public RunningService start(Target target) {
        if (!target.isExternal()) {
            throw new IllegalArgumentException(target.name() + " is not external");
        }
        LoopbackGuard.check(target.url(), allowRemote, "the URL of target " + target.name());
        LoopbackGuard.check(target.wsUrl(), allowRemote, "the WebSocket URL of target " + target.name());
        long t0 = System.nanoTime();
        JsonNode health = HealthProbe.await(target.name(), target.url(), List.of(), timeout);
        TargetSpec spec = reported(target, health);
        synchronized (this) {
            targets.put(target.name(), Map.of("url", target.url().toString(), "wsUrl", target.wsUrl().toString()));
        }
        RunningService s = new RunningService(target, spec, target.url(), target.wsUrl(), health, null, List.of(),
                Duration.ofNanos(System.nanoTime() - t0));
        Console.info("%s", s.readyLine());
        return s;
    }

    /** The target as its /health describes it (CONTRACT.md section 9); what it does not report counts as the default. */
    static TargetSpec reported(Target target, JsonNode health) {
        String fw = health.path("framework").asText("");
        Framework f;
        try {
            f = Framework.parse(fw);
        } catch (BenchException e) {
            throw new BenchException(target.name() + " at " + target.url() + " reports framework '" + fw
                    + "' on /health; the contract (CONTRACT.md section 9) expects nestjs, django or bare");
        }
        String server = health.path("server").asText("");
        String variant = f.variants().contains(server) ? server : null;
        int workers = Math.max(0, Math.min(TargetSpec.MAX_WORKERS, health.path("workers").asInt(0)));
        int threads = Math.max(0, Math.min(TargetSpec.MAX_WORKERS, health.path("threads").asInt(0)));
        Profile profile = parsedOr(() -> Profile.parse(health.path("profile").asText("")), Profile.PRODUCTION);
        ArticleCache cache = f.isBaseline() ? ArticleCache.OFF
                : parsedOr(() -> ArticleCache.parse(health.path("cache").asText("")), ArticleCache.OFF);
        DbAccess dbAccess = f.isBaseline() ? DbAccess.RAW
                : parsedOr(() -> DbAccess.parse(health.path("dbAccess").asText("")), null);
        return new TargetSpec(f, variant, workers, threads, 0, profile, null, Proxy.DEFAULT, 1, cache, dbAccess);
    }

    private static <T> T parsedOr(Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (BenchException e) {
            return fallback;
        }
    }

    @Override
    public String jwtSecret() {
        return null;
    }

    @Override
    public PostgresServer postgres() {
        throw new BenchException("an external target's database is not reachable by the harness");
    }

    @Override
    public void close() {
        // nothing started, nothing to stop
    }
}
