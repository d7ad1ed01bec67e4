package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One target under one workload in one run directory: a trial of a suite, or one target of a
 * single Gatling, lean or JMH run. What the charts plot comes from here.
 *
 * @param source   the label of the directory given to the report ("A", "B"... when several)
 * @param cell     the suite's cell id ({@code nestjs/db}), or {@code target/scenario} for a single run
 * @param group    what the charts group by: the workload, with its sweep point when it has one
 * @param trial    the trial number within its cell (1 for a single run)
 * @param runDir   the run directory (a suite's {@code trials/NNN-cell-tK/}, or the run itself)
 * @param hdrDir   {@code hdr/<scenario>/<target>/} with the interval logs; null for JMH (no logs)
 * @param floorDir {@code hdr/<scenario>/client-floor/}; null where the floor was not measured
 * @param summary  the target's latency summary ({@code summary.json}); null when the run wrote none
 */
record MeasuredRun(String source, String cell, String target, String workload, String group, int trial, Path runDir,
                   String scenario, Path hdrDir, Path floorDir, JsonNode summary) {

    /** The label a reader picks a run by in the over-time charts: "trial 2", or "B trial 2" with several sources. */
    String runLabel(boolean severalSources) {
        return (severalSources ? source + " " : "") + "trial " + trial;
    }

    /** The key of the run a reader picks in the over-time charts (its source and trial number). */
    String runKey() {
        return source + "#" + trial;
    }

    /**
     * WebSocket requests get their own section: the echo round trip (Gatling's
     * WebSocketSimulation and the lean engine's {@code echo}) and the broadcast fan-out.
     */
    boolean webSocket(String request) {
        return scenario.startsWith("WebSocket") || request.equals("echo") || request.startsWith("broadcast");
    }
}
