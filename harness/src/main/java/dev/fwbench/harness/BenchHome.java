package dev.fwbench.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the harness runs from: it holds {@code reference-apps/} (the apps and the
 * shared database files) and {@code results/}. Found from {@code -Dfwbench.home}, then
 * {@code FWBENCH_HOME}, then by walking up from the working directory.
 */
public final class BenchHome {
    private static final String MARKER = "reference-apps/CONTRACT.md";

    private final Path root;

    private BenchHome(Path root) {
        this.root = root;
    }

    public static BenchHome locate() {
        String configured = System.getProperty("fwbench.home", System.getenv("FWBENCH_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p.resolve(MARKER))) {
                throw new BenchException("fwbench home " + p + " has no " + MARKER
                        + ": point -Dfwbench.home / FWBENCH_HOME at the root of the checkout");
            }
            return new BenchHome(p);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MARKER))) {
                return new BenchHome(p);
            }
        }
        throw new BenchException("cannot find the checkout (no " + MARKER
                + " above the working directory): run from inside it or set FWBENCH_HOME");
    }

    public Path root() {
        return root;
    }

    public Path referenceApps() {
        return root.resolve("reference-apps");
    }

    public Path app(String name) {
        return referenceApps().resolve(name);
    }

    public Path schemaSql() {
        return referenceApps().resolve("db/schema.sql");
    }

    public Path seedSql() {
        return referenceApps().resolve("db/seed.sql");
    }

    public Path results() {
        return root.resolve("results");
    }
}
