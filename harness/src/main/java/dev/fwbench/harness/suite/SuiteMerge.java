package dev.fwbench.harness.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.shards.ShardMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench merge} of the N shards of a suite ({@code bench run PLAN --shard i/N}): trial by
 * trial, each trial's N run directories merged by {@link ShardMerge} into the merged suite's
 * {@code trials/<folder>/}, read back by {@link TrialReader} as any trial, and suite.json and
 * summary.txt recomputed from them by the suite's own statistics ({@link SuiteStatistics},
 * through {@link SuiteRunner#writeSuite}): a merged suite is a suite, and {@code bench compare}
 * takes it as one. A trial one shard failed is failed; a merged trial with a shard that fell
 * behind keeps its numbers, flagged {@code invalid: ...}, so the comparisons that use it say
 * they are not trustworthy.
 */
public final class SuiteMerge {

    /** The merged suite, and every reason a trial of it is invalid. */
    public record Result(Path dir, List<String> invalid) {
    }

    private SuiteMerge() {
    }

    /** Beside the first shard's suite: {@code <first>-merged}. */
    public static Path defaultOut(List<Path> suites) {
        Path first = suites.get(0).toAbsolutePath();
        return first.resolveSibling(first.getFileName().toString().replaceAll("-shard-\\d+-of-\\d+$", "") + "-merged");
    }

    public static Result merge(List<Path> suites, Path out, double clockBoundMs) {
        List<Path> dirs = suites.stream().map(Path::toAbsolutePath).toList();
        Path planFile = dirs.get(0).resolve("plan.yaml");
        Plan plan = Plan.parse(LocatedYaml.read(planFile, planFile.toString()));
        List<JsonNode> suiteJsons = new ArrayList<>();
        JsonNode firstRun = null;
        for (Path d : dirs) {
            Path p = d.resolve("plan.yaml");
            if (!Files.isRegularFile(p) || !Plan.parse(LocatedYaml.read(p, p.toString())).toMap().equals(plan.toMap())) {
                throw new BenchException(d + " ran another plan than " + dirs.get(0) + " (plan.yaml differs, or is missing): "
                        + "give the shards of one sharded suite");
            }
            try {
                suiteJsons.add(SuiteRunner.JSON.readTree(d.resolve("suite.json").toFile()));
                JsonNode run = SuiteRunner.JSON.readTree(d.resolve("run.json").toFile());
                if (!run.has("shard")) {
                    throw new BenchException(d + " is not a shard's suite (its run.json has no 'shard'): run it with "
                            + "'bench run PLAN --shard i/N --start-at T'");
                }
                firstRun = firstRun == null ? run : firstRun;
            } catch (IOException e) {
                throw new BenchException("cannot read " + d + "'s suite.json or run.json: " + e.getMessage(), e);
            }
        }
        long seed = plan.seed();
        List<Cell> cells = Matrix.cells(plan);
        List<Matrix.Slot> slots = Matrix.order(cells, plan.trials(), seed);
        try {
            if (Files.exists(out)) {
                throw new BenchException(out + " exists already: a merge never writes into another run's folder");
            }
            Files.createDirectories(out.resolve("trials"));
            Files.copy(planFile, out.resolve("plan.yaml"), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new BenchException("cannot create " + out + ": " + e.getMessage(), e);
        }
        List<TrialResult> trials = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Matrix.Slot slot : slots) {
            TrialResult t = mergeTrial(slot, dirs, suiteJsons, out, clockBoundMs);
            trials.add(t);
            t.flags().stream().filter(f -> f.startsWith(SuiteStatistics.INVALID))
                    .forEach(f -> invalid.add(slot.folder() + ": " + f.substring(SuiteStatistics.INVALID.length())));
            Console.info("merged trial %s: %s", slot.folder(), t.outcome() + (t.reason() == null ? "" : " (" + t.reason() + ")"));
        }
        boolean complete = suiteJsons.stream().allMatch(s -> s.path("outcome").asText().equals("completed"));
        SuiteRunner.writeSuite(out, plan, seed, cells, trials, complete ? "completed" : "interrupted");
        ObjectNode run = ((ObjectNode) firstRun).deepCopy();
        run.remove("shard");
        run.put("runId", out.getFileName().toString());
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("shards", dirs.stream().map(Path::toString).toList());
        merge.put("mergedAt", Instant.now().toString());
        merge.put("clockBoundMs", clockBoundMs);
        merge.put("method", "each trial's shard run directories merged (bench merge); suite.json recomputed from the "
                + "merged trials by the suite's statistics");
        run.set("merge", SuiteRunner.JSON.valueToTree(merge));
        run.set("invalidReasons", SuiteRunner.JSON.valueToTree(invalid));
        run.put("valid", invalid.isEmpty());
        try {
            SuiteRunner.JSON.writeValue(out.resolve("run.json").toFile(), run);
        } catch (IOException e) {
            throw new BenchException("cannot write " + out.resolve("run.json") + ": " + e.getMessage(), e);
        }
        return new Result(out, invalid);
    }

    /** One trial: its shards' run directories merged and read back, or failed with the reason. */
    private static TrialResult mergeTrial(Matrix.Slot slot, List<Path> dirs, List<JsonNode> suiteJsons, Path out,
                                          double clockBoundMs) {
        List<Path> parts = new ArrayList<>();
        String outcome = "ok";
        double seconds = 0;
        for (int i = 0; i < dirs.size(); i++) {
            JsonNode t = trial(suiteJsons.get(i), slot.order());
            Path d = dirs.get(i).resolve("trials").resolve(slot.folder());
            if (t == null || !Files.isRegularFile(d.resolve("run.json"))) {
                return TrialResult.failed(slot, "failed", dirs.get(i).getFileName() + " has no trial " + slot.folder(), 0);
            }
            String o = t.path("outcome").asText();
            if (!o.equals("ok") && !o.equals("slo-broken")) {
                return TrialResult.failed(slot, o.equals("interrupted") ? "interrupted" : "failed", dirs.get(i).getFileName()
                        + ": " + t.path("reason").asText(o), t.path("seconds").asDouble());
            }
            outcome = o.equals("slo-broken") ? o : outcome;
            seconds = Math.max(seconds, t.path("seconds").asDouble());
            parts.add(d);
        }
        Path merged = out.resolve("trials").resolve(slot.folder());
        try {
            ShardMerge.merge(parts, merged, clockBoundMs);
            return TrialReader.read(slot, merged, outcome, null, seconds, out.resolve("resources"));
        } catch (BenchException | IOException e) {
            return TrialResult.failed(slot, "failed", "merge: " + e.getMessage(), seconds);
        }
    }

    private static JsonNode trial(JsonNode suite, int order) {
        for (JsonNode t : suite.path("trials")) {
            if (t.path("order").asInt() == order) {
                return t;
            }
        }
        return null;
    }
}
