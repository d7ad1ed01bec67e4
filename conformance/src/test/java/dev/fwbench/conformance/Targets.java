package dev.fwbench.conformance;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.db.ExternalPostgresServer;
import dev.fwbench.harness.run.BackendChoice;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
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
 * narrows a run to some of them; {@code -Dconformance.variant.nestjs=fastify} (or
 * {@code .django=uvicorn}) checks a framework's other server stack instead of its default.
 */
public final class Targets implements BeforeAllCallback {

    /** Every framework the suite checks. */
    static final List<Framework> ALL = List.of(Framework.NESTJS, Framework.DJANGO);

    /** Two workers, so cross-worker behaviour (broadcast) is exercised even on one core. */
    private static final int WORKERS = 2;

    private static final String EXTERNAL_URL = System.getProperty("conformance.url", "");
    static final String BACKEND = EXTERNAL_URL.isBlank() ? System.getProperty("conformance.backend", "process") : "external";
    private static Backend backend;
    private static final Map<Framework, RunningService> RUNNING = new EnumMap<>(Framework.class);
    private static RunningService external;

    /** Parameter source: {@code @MethodSource("dev.fwbench.conformance.Targets#all")}. */
    public static Stream<Named<Framework>> all() {
        if (!EXTERNAL_URL.isBlank()) {
            Framework f = external().spec().framework();
            return Stream.of(Named.of(f.id() + " (external " + EXTERNAL_URL + ")", f));
        }
        String only = System.getProperty("conformance.targets", "");
        return ALL.stream()
                .filter(f -> only.isBlank() || Arrays.asList(only.split(",")).contains(f.id()))
                .map(f -> Named.of(f.id() + (variant(f) == null ? "" : ":" + variant(f)) + " (" + BACKEND + ")", f));
    }

    private static String variant(Framework f) {
        return System.getProperty("conformance.variant." + f.id());
    }

    public static synchronized RunningService service(Framework framework) {
        if (!EXTERNAL_URL.isBlank()) {
            return external();
        }
        return RUNNING.computeIfAbsent(framework, f -> backend().start(Target.managed(new TargetSpec(f, variant(f), WORKERS, 0, 0,
                Profile.parse(System.getProperty("conformance.profile")), null))));
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
            external = null;
        }
    }
}
