package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.suite.Cell;
import dev.fwbench.harness.suite.LocatedYaml;
import dev.fwbench.harness.suite.Matrix;
import dev.fwbench.harness.suite.Plan;
import dev.fwbench.harness.suite.SuiteRunner;
import dev.fwbench.harness.suite.SuiteStatistics;
import dev.fwbench.harness.suite.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suite.json made by the suite's own statistics from trials with known numbers, 10 per cell (enough for
 * a verdict after Holm's correction over the suite's 40-odd comparisons):
 * on {@code json}, django's p99 is 3 times nestjs's (a clear "slower"), throughput equal; on
 * {@code capacity}, a sweep of users 1, 2, 4 whose throughput is 100, 195, 230 req/s for
 * nestjs (the knee at 2 users) and whose django trials ran on a saturated injector.
 */
final class SuiteFixture {
    static final String PLAN = """
            name: fixture
            trials: 10
            seed: 11
            targets: [{name: nestjs, framework: nestjs}, {name: django, framework: django}]
            workloads:
              - {name: json, engine: lean, requests: json, rate: 100}
              - {name: capacity, engine: lean, requests: db, model: closed, users: [1, 2, 4], slo.p99.ms: 10}
            """;

    private SuiteFixture() {
    }

    static Path write(Path dir) throws IOException {
        Plan plan = Plan.parse(LocatedYaml.parse(PLAN, "fixture.yaml"));
        List<Cell> cells = Matrix.cells(plan);
        List<TrialResult> trials = new ArrayList<>();
        for (Matrix.Slot slot : Matrix.order(cells, plan.trials(), 11)) {
            trials.add(trial(slot));
        }
        Files.createDirectories(dir);
        SuiteStatistics.Result stats = SuiteStatistics.compute(cells, trials, plan.noiseLimitPct(), 11);
        new ObjectMapper().writeValue(dir.resolve("suite.json").toFile(),
                SuiteRunner.document(plan, 11, "completed", cells, trials, stats));
        Files.writeString(dir.resolve("plan.yaml"), PLAN);
        return dir;
    }

    private static TrialResult trial(Matrix.Slot slot) {
        Cell c = slot.cell();
        boolean django = c.target().name().equals("django");
        double k = 1 + slot.trial() * 0.01; // a little spread between trials
        String request;
        double throughput;
        double p99;
        if (c.workload().name().equals("json")) {
            request = "json";
            throughput = 100 * (1 + slot.trial() * 0.001);
            p99 = (django ? 3 : 1) * k;
        } else {
            request = "db";
            int users = Integer.parseInt(c.point().get("users"));
            throughput = (users == 1 ? 100 : users == 2 ? 195 : 230) * k * (django ? 0.5 : 1);
            p99 = users * 4 * k;
        }
        var n = new TrialResult.Numbers(1000, 0, 0, throughput, p99 / 3, p99 / 2, p99, p99 * 1.5, p99 * 2, p99 / 3, p99,
                0.2 * k, 0.5 * k);
        List<String> flags = django && c.workload().name().equals("capacity") ? List.of("injector saturated") : List.of();
        return new TrialResult(c.id(), slot.trial(), slot.order(), "trials/" + slot.folder(), "ok", null, 10,
                Map.of(request, n), 0.5 * k * (django ? 2 : 1), 0.1, (long) (200 * k * 1048576), flags, Map.of(), null, null);
    }
}
