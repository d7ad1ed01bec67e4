package dev.fwbench.harness.suite;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds a plan: a file the user names, or one of the built-in plans in the checkout's {@code plans/}. */
public final class Plans {
    private Plans() {
    }

    public static Plan load(String nameOrPath, BenchHome home) {
        Path given = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || nameOrPath.contains("/")) {
            if (!Files.isRegularFile(given)) {
                throw new BenchException("no plan file " + given.toAbsolutePath() + ": give a YAML file or one of the built-in "
                        + "plans (" + String.join(", ", builtIn(home)) + ")");
            }
            return Plan.parse(LocatedYaml.read(given, given.toString()));
        }
        Path builtIn = home.root().resolve("plans").resolve(nameOrPath + ".yaml");
        if (!Files.isRegularFile(builtIn)) {
            throw new BenchException("unknown plan '" + nameOrPath + "': use one of " + String.join(", ", builtIn(home))
                    + ", or the path of a YAML file");
        }
        return Plan.parse(LocatedYaml.read(builtIn, "plans/" + nameOrPath + ".yaml"));
    }

    /** The built-in plans' names. */
    public static List<String> builtIn(BenchHome home) {
        try (Stream<Path> files = Files.list(home.root().resolve("plans"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
