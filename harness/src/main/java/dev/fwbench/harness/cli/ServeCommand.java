package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.app.ReferenceApps;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.DbAccess;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench serve nestjs [django]}: brings targets up and keeps them up until Ctrl-C. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Start reference apps (and their PostgreSQL) on loopback and keep them up until Ctrl-C.",
        footer = {"", "Examples:",
            "  ./bench serve nestjs",
            "  ./bench serve nestjs django --server-cpus 1 --server-memory 1g",
            "  ./bench serve nestjs --variant fastify --workers 2 --port 8080",
            "  ./bench serve django --backend process --db-url postgresql://bench:secret@127.0.0.1:5432/postgres",
            "  ./bench serve nestjs --image-base node=node:22-bookworm-slim",
            "  ./bench serve django --proxy nginx --instances 2      # two Django instances behind the nginx front",
            "  ./bench serve nestjs django --cache redis             # the article reads cached in Redis (claim 5)",
            "  ./bench serve nestjs --db-access raw bare             # the ORM's SQL sent directly, and the bare baseline (claims 6, 7)"})
public final class ServeCommand implements Runnable {

    @Parameters(arity = "1..*", paramLabel = "TARGET",
            description = "nestjs, django or bare (NestJS's routes without Nest; several: each gets its own port and database)")
    List<String> targets;

    @Option(names = "--variant", paramLabel = "NAME",
            description = "server stack: nestjs express|fastify, django gunicorn|uvicorn (default: the first)")
    String variant;

    @Option(names = "--workers", paramLabel = "N", description = "worker processes (default: the framework's production recommendation)")
    int workers;

    @Option(names = "--threads", paramLabel = "N", description = "threads per worker, Django only (default: 1)")
    int threads;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "production",
            description = "production (default: each framework as its production docs recommend) or tuned (the fastest "
                    + "configuration within the contract)")
    String profile;

    @Option(names = "--cache", paramLabel = "MODE", defaultValue = "off",
            description = "off (default) or redis: the article reads cached in Redis by each framework's own cache, "
                    + "invalidated by every write (CONTRACT.md section 5a)")
    String cache;

    @Option(names = "--db-access", paramLabel = "MODE",
            description = "orm (default) or raw: /db, /queries and the article reads as the ORM's own SQL through the same "
                    + "driver (CONTRACT.md section 4b); the bare baseline is raw only")
    String dbAccess;

    @Option(names = "--proxy", paramLabel = "FRONT", defaultValue = "default",
            description = "what fronts each target: default (what its production deployment calls for: nginx in front of "
                    + "Django's Gunicorn in the production profile, nothing in front of NestJS), none, or nginx "
                    + "(reference-apps/nginx, the same front for every framework, within the target's cores)")
    String proxy;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "app instances of each target behind its nginx front (horizontal scaling; needs --proxy nginx)")
    int instances;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the first target (default: a free one); the next targets take free ports")
    int port;

    @Mixin
    BackendMixin backendOptions;

    @Override
    public void run() {
        if (variant != null && targets.stream().map(Framework::parse).noneMatch(f -> f.variants().contains(variant))) {
            throw new BenchException("unknown variant '" + variant + "': nestjs and bare have express|fastify, django has "
                    + "gunicorn|uvicorn");
        }
        ArticleCache askedCache = ArticleCache.parse(cache);
        DbAccess askedAccess = DbAccess.parse(dbAccess);
        if (targets.stream().map(Framework::parse).allMatch(Framework::isBaseline)
                && (askedCache == ArticleCache.REDIS || askedAccess == DbAccess.ORM)) {
            throw new BenchException("the bare baseline has neither a cache nor an ORM: drop --cache and --db-access");
        }
        ResourceLimits limits = backendOptions.limits();
        BenchHome home = BenchHome.locate();
        List<Target> wanted = new ArrayList<>();
        int nextPort = port;
        for (String t : new LinkedHashSet<>(targets)) {
            Framework f = Framework.parse(t);
            // one --variant for several targets applies to the target(s) that have it
            String v = variant != null && (f.variants().contains(variant) || targets.size() == 1) ? variant : null;
            // --cache and --db-access apply to the frameworks that have them (the baseline has neither)
            ArticleCache c = f.isBaseline() ? ArticleCache.OFF : askedCache;
            DbAccess d = f.isBaseline() ? null : askedAccess;
            wanted.add(Target.managed(ReferenceApps.resolved(new TargetSpec(f, v, workers, threads, nextPort,
                    Profile.parse(profile), limits, Proxy.parse(proxy), instances, c, d), home)));
            nextPort = 0;
        }
        BackendSettings settings = backendOptions.settings();
        if (settings.kind().equals("external")) {
            throw new BenchException("serve starts targets, and --backend external starts nothing: use auto, containers "
                    + "or process (drivers take external services as -Dbase.url=http://host:port)");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("command", "serve");
        parameters.put("targets", wanted.stream().map(x -> x.spec().name()).toList());
        parameters.put("workers", workers);
        parameters.put("threads", threads);
        parameters.put("profile", profile);
        parameters.put("cache", cache);
        parameters.put("dbAccess", dbAccess == null ? "default" : dbAccess);
        parameters.put("proxy", proxy);
        parameters.put("instances", instances);
        parameters.put("backend", settings.kind());
        parameters.put("dbUrl", settings.dbUrl() == null ? "none" : "given");
        parameters.put("limits", limits.describe("--server-cpus / --server-memory"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        RunContext context = RunContext.open("serve", settings, wanted, parameters);
        List<RunningService> services = new ArrayList<>();
        for (Target t : wanted) {
            services.add(context.start(t, false).service());
        }
        Map<String, Object> conf = context.managedBackend().configuration();
        System.out.println();
        Object pgPid = conf.get("postgresPid");
        for (RunningService s : services) {
            System.out.printf("%-16s http: %s%n", s.spec().name(), s.baseUrl());
            if (s.spec().framework().isBaseline()) {
                System.out.printf("%-16s ws:   none (the bare baseline serves claim 7's HTTP routes only)%n", "");
            } else {
                System.out.printf("%-16s ws:   %s/ws/echo  %s/ws/broadcast%n", "", s.wsUrl(), s.wsUrl());
            }
            System.out.printf("%-16s db:   %s on %s%s%n", "", s.databaseName(), conf.get("postgres"),
                    pgPid != null && ((Number) pgPid).longValue() > 0 ? " (pid " + pgPid + ")" : "");
            if (!s.containerIds().isEmpty()) {
                System.out.printf("%-16s containers: %s%n", "", String.join(", ", s.containerIds().stream()
                        .map(id -> id.substring(0, 12)).toList()));
            }
            System.out.printf("%-16s pids: %s%n", "", s.pids());
            System.out.printf("%-16s log:  %s%n", "", String.join(", ", s.logFiles().stream().map(Path::toString).toList()));
        }
        System.out.println();
        System.out.println("Serving. Press Ctrl-C to stop (every process started is stopped).");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
