package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.claims.ClaimsRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench claims}: the article's claims, each decided by its rule on the experiment it names. */
@Command(name = "claims",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Decide the article's performance claims, each by a rule fixed before any run "
                + "(claims/claims.yaml: the quote, the hypothesis, the experiment, the metric, the threshold). Runs each "
                + "experiment the selected claims need once, as a suite (claims/plans/<experiment>-<size>.yaml, the "
                + "layout of 'bench run'), applies every rule to the numbers and writes results/runs/<UTC>-claims/: "
                + "claims.json, summary.txt (one line per claim, then why), suites/<experiment>/ and typescript/.",
            "Verdicts: supported, refuted, inconclusive (and why), or not a runtime property. Each comes with its "
                + "estimate (a ratio B/A or a value per core) and 95 %% interval, the trials per side, the profile it "
                + "rests on and links to the trials. Too few trials, a saturated injector, errors above the SLO, a "
                + "capacity that is only a lower bound, workers beyond the cores or a configuration that differs make "
                + "a verdict inconclusive.",
            "Sizes: quick (4 to 6 trials per cell, 1 s search steps; about 1 to 2 hours on 2 cores: --dry-run says) "
                + "and nightly (5 trials or more, longer phases, the tuned profile beside production where a claim is "
                + "about what a framework can do)."},
        footer = {"", "Examples:",
            "  ./bench claims --dry-run              # experiments, trials, estimated time",
            "  ./bench claims                        # all 12 claims, quick size",
            "  ./bench claims --only 5,7             # the Redis cache and Nest's overhead",
            "  ./bench claims --only 10              # TypeScript: compiled, no load",
            "  ./bench claims --plan nightly --only 1-4,8-12",
            "", "After a failed experiment: fix it and run its claims again with --only (the dry-run lists which "
                + "claims each experiment serves).",
            "", "Exit codes: 0 done (whatever the verdicts), 2 bad input or a plan this checkout cannot run, "
                + "130 interrupted (claims.json holds what ran)."})
public final class ClaimsCommand implements Runnable {

    @Option(names = "--plan", paramLabel = "SIZE", defaultValue = "quick",
            description = "quick (bounded time on a small machine) or nightly (more trials, longer phases); default quick")
    String size;

    @Option(names = "--only", paramLabel = "IDS", split = ",",
            description = "decide only these claims: ids and ranges, e.g. 5,7 or 1-4,8-12")
    List<String> only;

    @Option(names = "--backend", paramLabel = "KIND",
            description = "bring every target up on this backend: auto, containers or process (default: the plans', auto)")
    String backend;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "another registry of claims (its plans in plans/ beside it); default claims/claims.yaml")
    Path registry;

    @Option(names = "--dry-run", description = "print the claims, their experiments, trials and the estimated time; run nothing")
    boolean dryRun;

    @Override
    public void run() {
        if (!size.equals("quick") && !size.equals("nightly")) {
            throw new BenchException("--plan is quick or nightly (got '" + size + "')");
        }
        if (backend != null && !List.of("auto", "containers", "process").contains(backend)) {
            throw new BenchException("--backend is auto, containers or process (got '" + backend + "')");
        }
        ClaimsRun claims = ClaimsRun.prepare(BenchHome.locate(), new ClaimsRun.Options(size, ids(only), backend, registry));
        if (dryRun) {
            System.out.print(claims.dryRun());
            return;
        }
        Path dir = claims.run();
        System.out.println(dir.resolve("summary.txt"));
    }

    /** "1-4,8" -> 1, 2, 3, 4, 8. */
    static List<Integer> ids(List<String> given) {
        List<Integer> ids = new ArrayList<>();
        if (given == null) {
            return ids;
        }
        for (String g : given) {
            String t = g.trim();
            try {
                if (t.matches("\\d+-\\d+")) {
                    int from = Integer.parseInt(t.substring(0, t.indexOf('-')));
                    int to = Integer.parseInt(t.substring(t.indexOf('-') + 1));
                    if (from > to) {
                        throw new NumberFormatException();
                    }
                    for (int i = from; i <= to; i++) {
                        ids.add(i);
                    }
                } else {
                    ids.add(Integer.parseInt(t));
                }
            } catch (NumberFormatException e) {
                throw new BenchException("--only takes claim ids and ranges such as 5,7 or 1-4,8-12 (got '" + t + "')");
            }
        }
        return ids;
    }
}
