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
        description = {"Decide the article's claims (claims/claims.yaml: each claim's quote, hypothesis, experiment and "
                + "rule, fixed before any run): runs each experiment the selected claims need once (claims/plans/"
                + "<experiment>-<size>.yaml, through the suite runner), applies each rule to the numbers and writes "
                + "results/runs/<UTC>-claims/ with claims.json (per claim: verdict supported / refuted / inconclusive / "
                + "not a runtime property, the reason, every estimate with its 95 % interval and trials, links to the "
                + "suites and trials), summary.txt and the suites. A verdict is never stronger than its evidence: too few "
                + "trials, a saturated injector, errors above the SLO, workers beyond the cores or a configuration that "
                + "differs make it inconclusive, with the reason."},
        footer = {"", "Examples:",
            "  ./bench claims --dry-run                     # the experiments, their trials and the estimated time",
            "  ./bench claims                               # every claim, quick size",
            "  ./bench claims --plan nightly --only 1-4,8-12",
            "  ./bench claims --only 10                     # TypeScript: compiled, no load (seconds)",
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
