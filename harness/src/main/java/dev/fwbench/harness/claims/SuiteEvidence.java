package dev.fwbench.harness.claims;

import dev.fwbench.harness.suite.Cell;
import dev.fwbench.harness.suite.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One experiment's suite as the rules read it, without I/O: its cells (each with every
 * setting it ran with, its trials, its flags) and the machine's cores; {@code folder} is the
 * suite's directory relative to the claims run, for the links of claims.json. Built from a
 * suite the runner wrote ({@link ClaimsRun}), or by a test from numbers of its own.
 */
public record SuiteEvidence(String plan, String folder, String outcome, int machineCores, List<CellEvidence> cells) {

    /**
     * One cell: the target's name, the workload's, every setting (target's and workload's, one value each),
     * every trial (failed ones too: they carry no numbers) and the flags of its trials.
     */
    public record CellEvidence(String id, String target, String workload, Map<String, String> settings,
                               List<TrialResult> trials, List<String> flags) {

        /** The trials with numbers ({@code ok}, {@code slo-broken}). */
        public List<TrialResult> measured() {
            return trials.stream().filter(TrialResult::hasNumbers).toList();
        }

        /** A setting's value; an unset profile is production (the default every driver takes). */
        public String setting(String key) {
            return switch (key) {
                case "target" -> target;
                case "workload" -> workload;
                case "profile" -> settings.getOrDefault("profile", "production");
                default -> settings.get(key);
            };
        }

        /** Whether every key of {@code selector} has this cell's value. */
        public boolean matches(Map<String, String> selector) {
            return selector.entrySet().stream().allMatch(e -> e.getValue().equals(setting(e.getKey())));
        }
    }

    /** Evidence of a suite: its cells as the plan expands them, each with its trials (and their flags). */
    public static SuiteEvidence of(String plan, String folder, String outcome, int machineCores, List<Cell> cells,
                                   List<TrialResult> trials) {
        List<CellEvidence> out = new ArrayList<>();
        for (Cell c : cells) {
            List<TrialResult> mine = trials.stream().filter(t -> t.cell().equals(c.id())).toList();
            Set<String> flags = new LinkedHashSet<>();
            for (TrialResult t : mine) {
                flags.addAll(t.flags());
                if (!t.hasNumbers()) {
                    flags.add("trial " + t.trial() + " " + t.outcome() + (t.reason() == null ? "" : ": " + t.reason()));
                }
            }
            out.add(new CellEvidence(c.id(), c.target().name(), c.workload().name(), new LinkedHashMap<>(c.settings()), mine,
                    List.copyOf(flags)));
        }
        return new SuiteEvidence(plan, folder, outcome, machineCores, out);
    }

    /** The cells every key of {@code selector} matches. */
    public List<CellEvidence> select(Map<String, String> selector) {
        return cells.stream().filter(c -> c.matches(selector)).toList();
    }
}
