package dev.fwbench.conformance;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendOptions;
import dev.fwbench.harness.backend.RunningService;
import dev.fwbench.harness.containers.ImageBases;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.TargetSpec;
import dev.fwbench.harness.testing.DockerRequirement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * <p>Adding a framework to the suite is one entry in {@link #ALL}. {@code -Dconformance.targets=nestjs}
 * narrows a run to some of them.
 */
public final class Targets implements BeforeAllCallback {

    /** Every framework the suite checks. */
    static final List<Framework> ALL = List.of(Framework.NESTJS, Framework.DJANGO);

    /** Two workers, so cross-worker behaviour (broadcast) is exercised even on one core. */
    private static final int WORKERS = 2;

    private static Backend backend;
    static final String BACKEND = System.getProperty("conformance.backend", "process");
    private static final Map<Framework, RunningService> RUNNING = new EnumMap<>(Framework.class);

    /** Parameter source: {@code @MethodSource("dev.fwbench.conformance.Targets#all")}. */
    public static Stream<Named<Framework>> all() {
        String only = System.getProperty("conformance.targets", "");
        return ALL.stream()
                .filter(f -> only.isBlank() || Arrays.asList(only.split(",")).contains(f.id()))
                .map(f -> Named.of(f.id() + " (" + BACKEND + ")", f));
    }

    public static synchronized RunningService service(Framework framework) {
        return RUNNING.computeIfAbsent(framework, f -> backend().start(new TargetSpec(f, null, WORKERS, 0, 0)));
    }

    /** A superuser connection to the target's own database, to check what a request persisted. */
    public static Connection database(Framework framework) throws SQLException {
        return backend().postgres().connect(service(framework).databaseName());
    }

    public static synchronized Backend backend() {
        if (backend == null) {
            if (BACKEND.equals("containers")) {
                DockerRequirement.require();
            }
            Path run = Path.of("target", "conformance-" + BACKEND).toAbsolutePath();
            backend = new BackendOptions(BACKEND, null, ResourceLimits.of(null, null), ImageBases.fromEnvironment(System.getenv()),
                    Duration.ofSeconds(240)).open(BenchHome.locate(), run);
        }
        return backend;
    }


    static String jwtSecret() {
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
        }
    }
}
