package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.suite.Matrix;
import dev.fwbench.harness.suite.Plan;
import dev.fwbench.harness.suite.Plans;
import dev.fwbench.harness.suite.SuiteRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench run PLAN}: a whole comparison, with repeated trials and honest statistics. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Run a plan: every target under every workload, each cell several times (trials), the trials of "
                + "all cells interleaved in a seeded random order, each trial with its targets started fresh. Writes "
                + "results/runs/<UTC>-<plan>/ with plan.yaml, suite.json (every number, statistic and flag), summary.txt "
                + "and one run directory per trial.",
            "Built-in plans: plans/smoke.yaml (seconds), plans/quick.yaml (both targets, REST + DB + WebSocket, "
                + "3 trials), plans/nightly.yaml (every workload, 5 trials). Or the path of a plan of yours."},
        footer = {"", "Examples:",
            "  ./bench run quick",
            "  ./bench run quick --trials 5 --only db,json --targets nestjs",
            "  ./bench run path/to/plan.yaml --dry-run        # the matrix, the order, the estimated time; runs nothing",
            "  ./bench run --resume results/runs/20261202T100000Z-quick",
            "  ./bench run plans/cluster.yaml --shard 2/3 --start-at 2026-12-02T10:00:00Z --clock-url http://fwbench-clock:7070",
            "", "Sharded (--shard i/N --start-at T): N runners, one per injector machine, play the same plan; each trial's",
            "load is split N ways (open model: arrivals k with k mod N = i-1; closed: users split) and starts at the same",
            "instant everywhere (T, then each trial's slot after the last). Lean and Gatling workloads (not WebSocketSimulation) against 'url:' targets only.",
            "'bench merge' makes the N suites into one."})
public final class RunCommand implements Runnable {

    @Parameters(arity = "0..1", paramLabel = "PLAN", description = "a built-in plan's name (smoke, quick, nightly) or a YAML file")
    String plan;

    @Option(names = "--trials", paramLabel = "N", description = "trials per cell (default: the plan's)")
    Integer trials;

    @Option(names = "--only", paramLabel = "WORKLOADS", split = ",", description = "run only these workloads of the plan")
    List<String> only;

    @Option(names = "--targets", paramLabel = "TARGETS", split = ",", description = "run only these targets of the plan")
    List<String> targets;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the trial order (default: the plan's, else random; recorded)")
    Long seed;

    @Option(names = "--dry-run", description = "print the expanded matrix, the order and the estimated duration; run nothing")
    boolean dryRun;

    @Option(names = "--resume", paramLabel = "SUITE_DIR", description = "finish an interrupted suite (its plan.yaml and suite.json)")
    Path resume;

    @Option(names = "--shard", paramLabel = "i/N", description = "run as injector i of N: this runner's part of every "
            + "trial's load (needs --start-at)")
    String shard;

    @Option(names = "--start-at", paramLabel = "INSTANT", description = "the UTC instant (e.g. 2026-12-02T10:00:00Z) at which "
            + "the first trial starts on every shard")
    String startAt;

    @Option(names = "--clock-url", paramLabel = "URL", description = "the shards' reference clock ('bench clock'), checked "
            + "by every trial")
    String clockUrl;

    @Override
    public void run() {
        BenchHome home = BenchHome.locate();
        if (resume != null) {
            if (plan != null || trials != null || only != null || targets != null || seed != null || shard != null
                    || startAt != null) {
                throw new BenchException("--resume takes the suite's own plan.yaml: drop the plan and its options");
            }
            SuiteRunner.resume(home, resume).run();
            return;
        }
        if (plan == null) {
            throw new BenchException("name a plan (" + String.join(", ", Plans.builtIn(home)) + ") or a YAML file, "
                    + "or --resume a suite directory");
        }
        Plan p = Plans.load(plan, home).with(trials, seed, only, targets);
        if (dryRun) {
            printDryRun(p);
            return;
        }
        SuiteRunner runner;
        if (shard != null || startAt != null || clockUrl != null) {
            if (shard == null || startAt == null) {
                throw new BenchException("--shard and --start-at go together: every shard needs its part and the shared "
                        + "start instant, e.g. --shard 1/3 --start-at " + java.time.Instant.now().plusSeconds(120)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            runner = SuiteRunner.create(home, p, Shard.parse(shard, "--shard"), Shard.parseStart(startAt, "--start-at"),
                    clockUrl == null ? null : Shard.CLOCK_URL.parse(clockUrl, "--clock-url"));
        } else {
            runner = SuiteRunner.create(home, p);
        }
        Path dir = runner.run();
        System.out.println(dir.resolve("summary.txt"));
    }

    private static void printDryRun(Plan p) {
        long seed = p.seed() != null ? p.seed() : 1;
        var cells = Matrix.cells(p);
        var slots = Matrix.order(cells, p.trials(), seed);
        System.out.printf("plan %s: %d targets x %d workloads -> %d cells, %d trials each = %d trials (seed %s)%n", p.name(),
                p.targets().size(), p.workloads().size(), cells.size(), p.trials(), slots.size(),
                p.seed() != null ? p.seed() : "drawn at start; order below for seed 1");
        System.out.println();
        System.out.println("cells:");
        for (var c : cells) {
            System.out.printf("  %-40s %s%n", c.id(), c.settings());
        }
        System.out.println();
        System.out.println("order:");
        Duration total = SuiteRunner.sharedStart(p);
        for (var s : slots) {
            Duration d = SuiteRunner.estimate(s.cell(), p.freshTargets());
            total = total.plus(d);
            System.out.printf("  %3d  block %d  %-40s ~%s%n", s.order(), s.trial(), s.cell().id(), Console.human(d));
        }
        System.out.println();
        System.out.printf("estimated duration: %s (start-up, warm-up and measured phases; image builds and first "
                + "installs not included)%n", Console.human(total));
    }
}
