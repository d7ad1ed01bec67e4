package dev.fwbench.harness.suite;

import java.util.Map;

/**
 * One thing a suite measures in every trial: a target under a workload, at one point of the
 * plan's sweeps ({@code point}: the swept settings and their values here; empty without a
 * sweep). {@code settings} are every setting of the trial's driver, one value each.
 *
 * @param id e.g. {@code django/json/workers=5}: the key of its trials in suite.json
 */
public record Cell(String id, Plan.PlanTarget target, Plan.Workload workload, Map<String, String> point,
                   Map<String, String> settings) {

    /** The point written as {@code workers=5,rate=200}, or "" without a sweep. */
    public String pointText() {
        StringBuilder sb = new StringBuilder();
        point.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The workload's point alone (no target setting): cells of two targets compare at equal workload points. */
    public String workloadPoint() {
        StringBuilder sb = new StringBuilder();
        point.forEach((k, v) -> {
            if (workload.settings().containsKey(k) || workload.params().containsKey(k)) {
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /** The target's point alone (the target settings swept here). */
    public String targetPoint() {
        StringBuilder sb = new StringBuilder();
        point.forEach((k, v) -> {
            if (target.settings().containsKey(k)) {
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
