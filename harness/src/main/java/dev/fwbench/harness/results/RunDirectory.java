package dev.fwbench.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's folder, {@code results/runs/<UTC timestamp>-<short name>/}, never overwritten
 * (a second run in the same second gets a {@code -2} suffix):
 * <pre>
 *   run.json   environment fingerprint, every parameter, each target's /health
 *   hdr/       HdrHistogram interval logs and summaries, per simulation and target
 *   gatling/   Gatling's HTML reports
 *   logs/      the targets' own logs
 * </pre>
 * {@code run.json} is rewritten whenever a fact is added, so a run that dies midway still
 * says what it was.
 */
public final class RunDirectory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final Map<String, Object> runJson = new LinkedHashMap<>();
    private final Map<String, Object> targets = new LinkedHashMap<>();

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Creates a new run folder under {@code home}'s {@code results/runs/}. */
    public static RunDirectory create(BenchHome home, String shortName, Map<String, ?> parameters) {
        return create(home.results().resolve("runs"), home.root(), shortName, parameters);
    }

    public static RunDirectory create(Path runsDir, Path checkout, String shortName, Map<String, ?> parameters) {
        Instant now = Instant.now();
        String base = STAMP.format(now) + "-" + shortName.replaceAll("[^A-Za-z0-9._-]+", "-");
        RunDirectory run = null;
        try {
            Files.createDirectories(runsDir);
            for (int i = 1; run == null; i++) {
                Path candidate = runsDir.resolve(i == 1 ? base : base + "-" + i);
                try {
                    // atomic: two runs started in the same second never share a folder
                    Files.createDirectory(candidate);
                    run = new RunDirectory(candidate);
                } catch (FileAlreadyExistsException e) {
                    // taken: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot create a run folder in " + runsDir + ": " + e.getMessage(), e);
        }
        return run.initialise(now, checkout, parameters);
    }

    /**
     * A run folder at exactly {@code dir} (a trial of a suite: the runner names it), which must
     * not exist yet; its parents are created.
     */
    public static RunDirectory createAt(Path dir, Path checkout, Map<String, ?> parameters) {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BenchException(dir + " exists already: a run never writes into another run's folder");
        } catch (IOException e) {
            throw new BenchException("cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
        return new RunDirectory(dir).initialise(Instant.now(), checkout, parameters);
    }

    private RunDirectory initialise(Instant now, Path checkout, Map<String, ?> parameters) {
        RunDirectory run = this;
        try {
            for (String sub : new String[] {"hdr", "gatling", "logs"}) {
                Files.createDirectories(run.root.resolve(sub));
            }
        } catch (IOException e) {
            throw new BenchException("cannot create the run folder " + root + ": " + e.getMessage(), e);
        }
        run.runJson.put("runId", run.root.getFileName().toString());
        run.runJson.put("startedAt", now.toString());
        run.runJson.put("environment", EnvironmentFingerprint.collect(checkout));
        run.runJson.put("parameters", new LinkedHashMap<>(parameters));
        run.runJson.put("targets", run.targets);
        run.save();
        return run;
    }

    /**
     * An existing run folder, its {@code run.json} read back: for a process that adds to a run
     * another one created (a JMH fork). Processes take turns (JMH runs its forks one after the
     * other): each re-reads the file when it attaches, so nothing another wrote is lost.
     */
    @SuppressWarnings("unchecked")
    public static RunDirectory attach(Path root) {
        Path file = root.resolve("run.json");
        RunDirectory run = new RunDirectory(root);
        try {
            Map<String, Object> existing = JSON.readValue(file.toFile(), LinkedHashMap.class);
            run.runJson.putAll(existing);
            Object t = existing.get("targets");
            if (t instanceof Map<?, ?> m) {
                ((Map<String, Object>) (Map<?, ?>) run.targets).putAll((Map<String, Object>) m);
            }
            run.runJson.put("targets", run.targets);
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + " (" + e.getMessage() + "): is " + root + " a run directory?", e);
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path hdr() {
        return root.resolve("hdr");
    }

    public Path gatling() {
        return root.resolve("gatling");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Records a target as it reported itself on /health (framework and runtime versions, workers...). */
    public synchronized void addTarget(String name, String backend, String baseUrl, JsonNode health) {
        addTarget(name, backend, baseUrl, health, Map.of());
    }

    /** As above, with facts of its start ({@code startSeconds}, {@code launchToHealthySeconds}). */
    public synchronized void addTarget(String name, String backend, String baseUrl, JsonNode health, Map<String, ?> facts) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("backend", backend);
        t.put("baseUrl", baseUrl);
        t.put("health", health);
        t.putAll(facts);
        targets.put(name, t);
        save();
    }

    /** Adds or replaces a top-level fact (e.g. "finishedAt", "outcome"). */
    public synchronized void put(String key, Object value) {
        runJson.put(key, value);
        save();
    }

    private synchronized void save() {
        try {
            JSON.writeValue(root.resolve("run.json").toFile(), runJson);
        } catch (IOException e) {
            throw new BenchException("cannot write " + root.resolve("run.json") + ": " + e.getMessage(), e);
        }
    }
}
