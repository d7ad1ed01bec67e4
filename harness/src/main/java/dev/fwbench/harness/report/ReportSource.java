package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.latency.LatencyCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One directory given to the report, read as it lies on disk: a suite ({@code suite.json},
 * {@code plan.yaml}, {@code trials/}) or a single run ({@code run.json} with {@code hdr/} from
 * a Gatling simulation or {@code bench load}, or {@code jmh/} from the JMH jar). Nothing is
 * recomputed here: the suite's statistics are read from suite.json as the runner wrote them.
 *
 * @param label  "A", "B"...: how the page names it when several are overlaid
 * @param suite  suite.json, or a missing node for a single run
 * @param run    the directory's run.json (a suite has one too: the machine, the plan, the outcome)
 * @param plan   plan.yaml as written, or null
 * @param runs   every target under every workload that has numbers, in the suite's trial order
 */
record ReportSource(Path dir, String label, JsonNode suite, JsonNode run, String plan, List<MeasuredRun> runs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean isSuite() {
        return !suite.isMissingNode();
    }

    /** The targets in the order they first appear (the plan's order for a suite). */
    List<String> targets() {
        List<String> names = new ArrayList<>();
        if (isSuite()) {
            suite.path("cells").forEach(c -> add(names, c.path("target").asText()));
        }
        runs.forEach(r -> add(names, r.target()));
        return names;
    }

    private static void add(List<String> names, String name) {
        if (!name.isEmpty() && !names.contains(name)) {
            names.add(name);
        }
    }

    static ReportSource read(Path dir, String label) {
        if (!Files.isDirectory(dir)) {
            throw new BenchException(dir + " is not a directory: give a run or suite directory, e.g. results/runs/<UTC>-quick");
        }
        JsonNode run = json(dir.resolve("run.json"));
        if (Files.isRegularFile(dir.resolve("suite.json"))) {
            JsonNode suite = json(dir.resolve("suite.json"));
            String plan = null;
            try {
                plan = Files.isRegularFile(dir.resolve("plan.yaml")) ? Files.readString(dir.resolve("plan.yaml")) : null;
            } catch (IOException e) {
                // the plan is shown when readable; its numbers are all in suite.json
            }
            return new ReportSource(dir, label, suite, run, plan, suiteRuns(dir, label, suite));
        }
        if (run.isMissingNode()) {
            throw new BenchException(dir + " holds neither suite.json nor run.json: give a directory 'bench run', "
                    + "'bench load', a Gatling simulation or the JMH jar wrote");
        }
        return new ReportSource(dir, label, MissingNode.getInstance(), run, null, singleRuns(dir, label));
    }

    /** The trials with numbers, each with its cell's target, workload and sweep point. */
    private static List<MeasuredRun> suiteRuns(Path dir, String label, JsonNode suite) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        suite.path("cells").forEach(c -> cells.put(c.path("id").asText(), c));
        List<MeasuredRun> runs = new ArrayList<>();
        for (JsonNode t : suite.path("trials")) {
            String outcome = t.path("outcome").asText();
            JsonNode cell = cells.get(t.path("cell").asText());
            if (cell == null || !(outcome.equals("ok") || outcome.equals("slo-broken"))) {
                continue;
            }
            Path trialDir = dir.resolve(t.path("folder").asText());
            String workload = cell.path("workload").asText();
            String group = workload + pointText(cell.path("point"));
            for (MeasuredRun r : inRunDirectory(trialDir, label, t.path("trial").asInt(1), workload, group)) {
                runs.add(new MeasuredRun(label, cell.path("id").asText(), cell.path("target").asText(), workload, group,
                        r.trial(), trialDir, r.scenario(), r.hdrDir(), r.floorDir(), r.summary()));
            }
        }
        return runs;
    }

    /** " (users=16, workers=2)" for a sweep point, "" without one. */
    static String pointText(JsonNode point) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = point.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Every target of a single run directory, its scenario as the workload. */
    private static List<MeasuredRun> singleRuns(Path dir, String label) {
        return inRunDirectory(dir, label, 1, null, null);
    }

    /**
     * The targets a run directory measured: {@code hdr/<scenario>/<target>/summary.json} (the
     * client floor's folder is the injector's, not a target), else {@code jmh/summary.json}.
     *
     * @param workload null: the scenario names the workload (a single run)
     */
    private static List<MeasuredRun> inRunDirectory(Path dir, String label, int trial, String workload, String group) {
        List<MeasuredRun> runs = new ArrayList<>();
        Path hdr = dir.resolve("hdr");
        if (Files.isDirectory(hdr)) {
            // the targets in the order the run started them (run.json), not the folders' alphabetical one
            List<String> started = new ArrayList<>();
            json(dir.resolve("run.json")).path("targets").fieldNames().forEachRemaining(started::add);
            for (Path scenario : list(hdr)) {
                Path floor = scenario.resolve(LatencyCapture.CLIENT_FLOOR);
                List<Path> targets = new ArrayList<>(list(scenario));
                targets.sort(java.util.Comparator.comparingInt(t -> {
                    int i = started.indexOf(t.getFileName().toString());
                    return i < 0 ? Integer.MAX_VALUE : i;
                }));
                for (Path target : targets) {
                    String name = target.getFileName().toString();
                    if (name.equals(LatencyCapture.CLIENT_FLOOR) || !Files.isRegularFile(target.resolve("summary.json"))) {
                        continue;
                    }
                    String sc = scenario.getFileName().toString();
                    runs.add(new MeasuredRun(label, name + "/" + sc, name, workload == null ? sc : workload,
                            group == null ? sc : group, trial, dir, sc, target,
                            Files.isDirectory(floor) ? floor : null, json(target.resolve("summary.json"))));
                }
            }
        }
        Path jmh = dir.resolve("jmh/summary.json");
        if (runs.isEmpty() && Files.isRegularFile(jmh)) {
            for (JsonNode s : json(jmh)) {
                String name = s.path("target").asText();
                runs.add(new MeasuredRun(label, name + "/jmh", name, workload == null ? "jmh" : workload,
                        group == null ? "jmh" : group, trial, dir, "jmh", null, null, s));
            }
        }
        return runs;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new BenchException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A JSON file's tree, or a missing node when there is no such file. */
    static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
