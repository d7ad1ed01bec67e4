package dev.fwbench.conformance;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.db.ExternalPostgresServer;
import dev.fwbench.harness.run.BackendChoice;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.DbAccess;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import dev.fwbench.harness.testing.DockerRequirement;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The targets every conformance test runs against, started once for the whole test run
 * through a real backend (one PostgreSQL, one database per target) and stopped when the
 * test engine finishes.
 *
 * <p>{@code -Dconformance.backend=process} (default) or {@code containers}: the build runs the
 * suite once per backend (two surefire executions). Without a Docker engine the containers
 * run is skipped, unless {@code FWBENCH_REQUIRE_DOCKER=1} (CI) makes that a failure.
 *
 * <p>{@code -Dconformance.url=http://127.0.0.1:8080} checks a deployment of yours instead
 * (the external backend: nothing is started; it must be on this machine unless
 * {@code -Dallow.remote=true}); its framework is what its {@code /health} reports. Tests that
 * read the target's database need {@code -Dconformance.db.url=postgresql://...} (its
 * database), tests that sign tokens need {@code -Dconformance.jwt.secret=}; without them
 * those tests are skipped and say why.
 *
 * <p>Adding a framework to the suite is one entry in {@link #ALL}. {@code -Dconformance.targets=nestjs}
 * narrows a run to some of them, or adds the bare baseline ({@code nestjs,django,bare}), which
 * serves claim 7's routes only (CONTRACT.md section 10): tests of other routes skip it
 * ({@link #assumeFullContract}, {@link #serves}). {@code -Dconformance.variant.nestjs=fastify} (or
 * {@code .django=uvicorn}, {@code .bare=fastify}) checks a framework's other server stack instead of its
 * default; {@code -Dconformance.cache=redis} and {@code -Dconformance.db.access=raw} the variants of
 * CONTRACT.md sections 5a and 4b (the frameworks that have them).
 */
public final class Targets implements BeforeAllCallback {

    /** Every framework the suite checks. */
    static final List<Framework> ALL = List.of(Framework.NESTJS, Framework.DJANGO, Framework.BARE);

    /** What a run checks unless {@code -Dconformance.targets} says: the two frameworks compared. */
    private static final String DEFAULT_TARGETS = "nestjs,django";

    /** The bare baseline's routes (CONTRACT.md section 10), reads only; everything else is beyond it. */
    private static final List<String> BASELINE_ROUTES = List.of("/json", "/plaintext", "/db", "/queries", "/fortunes",
            "/api/articles", "/health");

    /** Two workers, so cross-worker behaviour (broadcast) is exercised even on one core. */
    private static final int WORKERS = 2;

    private static final String EXTERNAL_URL = System.getProperty("conformance.url", "");
    static final String BACKEND = EXTERNAL_URL.isBlank() ? System.getProperty("conformance.backend", "process") : "external";
    private static Backend backend;
    private static final Map<Framework, RunningService> RUNNING = new EnumMap<>(Framework.class);
    private static final Map<Framework, RunningService> REFERENCES = new EnumMap<>(Framework.class);
    private static RunningService external;

    /** Parameter source: {@code @MethodSource("dev.fwbench.conformance.Targets#all")}. */
    public static Stream<Named<Framework>> all() {
        if (!EXTERNAL_URL.isBlank()) {
            Framework f = external().spec().framework();
            return Stream.of(Named.of(f.id() + " (external " + EXTERNAL_URL + ")", f));
        }
        String only = System.getProperty("conformance.targets", "");
        List<String> named = Arrays.asList((only.isBlank() ? DEFAULT_TARGETS : only).split(","));
        return ALL.stream()
                .filter(f -> named.contains(f.id()))
                .map(f -> Named.of(f.id() + describe(spec(f)) + " (" + BACKEND + ")", f));
    }

    /** ":fastify", ":uvicorn raw redis": what differs from the framework's defaults. */
    private static String describe(TargetSpec s) {
        String variant = System.getProperty("conformance.variant." + s.framework().id()) == null ? "" : ":" + s.variant();
        String access = s.dbAccess() != s.framework().defaultDbAccess() ? " " + s.dbAccess().id() : "";
        String cache = s.cache() != ArticleCache.OFF ? " cache " + s.cache().id() : "";
        return variant + access + cache;
    }

    /** The target the system properties describe for a framework; the cache and access apply where they exist. */
    private static TargetSpec spec(Framework f) {
        boolean baseline = f.isBaseline();
        return new TargetSpec(f, System.getProperty("conformance.variant." + f.id()), WORKERS, 0, 0,
                Profile.parse(System.getProperty("conformance.profile")), null, Proxy.DEFAULT, 1,
                baseline ? ArticleCache.OFF : ArticleCache.parse(System.getProperty("conformance.cache")),
                baseline ? null : DbAccess.parse(System.getProperty("conformance.db.access")));
    }

    public static synchronized RunningService service(Framework framework) {
        if (!EXTERNAL_URL.isBlank()) {
            return external();
        }
        return RUNNING.computeIfAbsent(framework, f -> backend().start(Target.managed(spec(f))));
    }

    /**
     * The framework as the suite would run it without its variants (the ORM, no cache), beside the
     * target under test in the same backend (a database of its own): what the raw-SQL variant is
     * compared with. Started on first use.
     */
    public static synchronized RunningService reference(Framework framework) {
        Assumptions.assumeTrue(EXTERNAL_URL.isBlank(), "a reference target is started by the harness");
        return REFERENCES.computeIfAbsent(framework, f -> backend().start(new Target(f.id() + "-reference",
                spec(f).withDataAccess(ArticleCache.OFF, null), null, null)));
    }

    /** Whether the target serves this route (a path, query left out): the bare baseline serves claim 7's only. */
    static boolean serves(Framework f, String route) {
        String path = route.split("\\?")[0];
        return !f.isBaseline() || BASELINE_ROUTES.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
    }

    /** Skips a check of routes or behaviour beyond the bare baseline's (CONTRACT.md section 10). */
    static void assumeFullContract(Framework f) {
        Assumptions.assumeFalse(f.isBaseline(), "the bare baseline serves claim 7's routes only (CONTRACT.md section 10)");
    }

    private static synchronized RunningService external() {
        if (external == null) {
            URI url = URI.create(EXTERNAL_URL.replaceAll("/+$", ""));
            String ws = System.getProperty("conformance.ws.url");
            backend = BackendChoice.openExternal(new BackendSettings("external", null, null, Duration.ofSeconds(30),
                    Boolean.getBoolean("allow.remote")));
            external = backend.start(Target.external("external", url, ws == null ? null : URI.create(ws)));
        }
        return external;
    }

    /** A superuser connection to the target's own database, to check what a request persisted. */
    public static Connection database(Framework framework) throws SQLException {
        if (!EXTERNAL_URL.isBlank()) {
            String db = System.getProperty("conformance.db.url");
            Assumptions.assumeTrue(db != null && !db.isBlank(),
                    "this check reads the target's database: give it with -Dconformance.db.url=postgresql://user:pw@host:port/db");
            return ExternalPostgresServer.parse(db).connect(URI.create(db).getPath().substring(1));
        }
        return backend().postgres().connect(service(framework).databaseName());
    }

    /** The same for a target the suite started beside the framework's ({@link #reference}). */
    public static Connection database(RunningService service) throws SQLException {
        return backend().postgres().connect(service.databaseName());
    }

    public static synchronized Backend backend() {
        if (backend == null) {
            if (BACKEND.equals("containers")) {
                DockerRequirement.require();
            }
            Path run = Path.of("target", "conformance-" + BACKEND).toAbsolutePath();
            backend = BackendChoice.openManaged(new BackendSettings(BACKEND, null, null, Duration.ofSeconds(240), false),
                    BenchHome.locate(), run);
        }
        return backend;
    }

    /** The key the target signs its tokens with (tests forge tokens with it). */
    static String jwtSecret() {
        if (!EXTERNAL_URL.isBlank()) {
            String secret = System.getProperty("conformance.jwt.secret");
            Assumptions.assumeTrue(secret != null && !secret.isBlank(),
                    "this check signs tokens with the target's key: give it with -Dconformance.jwt.secret=");
            return secret;
        }
        return backend().jwtSecret();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // registered once in the root store: closed when the whole test plan has run
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Targets.class, k -> (ExtensionContext.Store.CloseableResource) Targets::stopAll);
    }

    private static synchronized void stopAll() {
        if (backend != null) {
            backend.close();
            backend = null;
            RUNNING.clear();
            REFERENCES.clear();
            external = null;
        }
    }
}
