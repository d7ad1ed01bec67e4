package dev.fwbench.harness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.suite.LocatedYaml;
import dev.fwbench.harness.suite.Matrix;
import dev.fwbench.harness.suite.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry against the plans it names, before anything runs: every cell a decision reads exists in its
 * experiment's plan of each size, and exactly once (a rule that matches two cells, such as a fixed-rate and a
 * capacity workload of the same target, cannot be decided; the first quick run found claims 6 and 7 so). The
 * comparisons reported beside a verdict are held to it in the nightly size, which runs all of them.
 */
class RegistryPlansTest {
    private static final Path HOME = Path.of(System.getProperty("fwbench.home", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"quick", "nightly"})
    void everyCellARuleReadsIsOneCellOfItsPlan(String size) {
        ClaimRegistry.Registry registry = ClaimRegistry.read(HOME.resolve("claims/claims.yaml"), "claims/claims.yaml");
        Map<String, SuiteEvidence> suites = new LinkedHashMap<>();
        for (Claim c : registry.claims()) {
            for (String plan : c.decision().plans()) {
                Path file = HOME.resolve("claims/plans/" + plan + "-" + size + ".yaml");
                Plan p = Plan.parse(LocatedYaml.read(file, file.toString()));
                suites.computeIfAbsent(plan, k -> SuiteEvidence.of(plan, "suites/" + plan, "completed", 2,
                        Matrix.cells(p), List.of()));
            }
        }
        List<String> unresolved = new ArrayList<>();
        for (Claim c : registry.claims()) {
            ClaimVerdict v = RuleEvaluation.evaluate(registry, c, suites, null);
            List<ClaimVerdict.Estimate> read = new ArrayList<>();
            v.profiles().stream().filter(p -> !p.verdict().equals("not run"))
                    .forEach(p -> p.parts().forEach(part -> read.addAll(part.estimates())));
            if (size.equals("nightly")) {
                read.addAll(v.beside());
            }
            for (ClaimVerdict.Estimate e : read) {
                String why = String.valueOf(e.inconclusiveBecause());
                if (why.contains("must name one") || why.contains("no cell of the suite")) {
                    unresolved.add("claim " + c.id() + ", " + e.label() + ": " + why);
                }
            }
        }
        assertThat(unresolved).as("cells the registry reads in the %s plans", size).isEmpty();
    }
}
