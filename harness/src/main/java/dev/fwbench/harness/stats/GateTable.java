package dev.fwbench.harness.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The nightly gate's decisions as a text table: what was compared (the cell, the metric, how
 * many nights, the baseline median and its spread, tonight's median) and why it was decided
 * (the decision and its one-line reason, with p and the limits it was held against).
 *
 * <pre>
 * cell         metric (unit)            nights  baseline ±MAD   tonight      change    decision      why
 * nestjs/json  json throughput (req/s)  14      1.00k ±6.67     800 n=5      -20.0 %   FAIL          p=0.000172, -20.0 % &gt; 10.0 % and &gt; 3 MAD (2.0 %); confirmed by a re-run (...)
 * nestjs/json  json p99 (ms)            3       4.11 ±0.0300    4.20 n=5     -         inconclusive  3 nights of history, 5 needed before the gate judges
 * </pre>
 * A pure function: decisions in, lines out (no trailing newline), then a legend line.
 */
public final class GateTable {

    /** One row: the cell a decision is about (the metric's name already carries the request). */
    public record Line(String cell, GateDecision decision) {
    }

    private static final String[] HEADER = {"cell", "metric (unit)", "nights", "baseline ±MAD", "tonight", "change", "decision", "why"};

    private GateTable() {
    }

    public static List<String> lines(List<Line> lines, GateSettings settings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Line l : lines) {
            GateDecision d = l.decision();
            rows.add(new String[] {
                l.cell(),
                d.metric().label(),
                Integer.toString(d.nights()),
                d.baselineMedian() == null ? "-" : NumberText.value(d.baselineMedian()) + " ±" + NumberText.value(d.baselineMad()),
                (d.tonightMedian() == null ? "-" : NumberText.value(d.tonightMedian())) + " n=" + d.trialsTonight(),
                d.change() == null ? "-" : NumberText.signedPercent(d.change()),
                word(d.outcome()),
                d.reason(),
            });
        }
        List<String> out = TextColumns.align(rows);
        out.add(legend(settings));
        return out;
    }

    /** How an outcome reads in the table: FAIL in capitals so it stands out. */
    public static String word(GateDecision.Outcome outcome) {
        return switch (outcome) {
            case FAIL -> "FAIL";
            case CONFIRMATION_NEEDED -> "re-run needed";
            default -> outcome.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String legend(GateSettings s) {
        return "baseline = median of the last " + s.window() + " nights' medians (judged from " + s.minimumNights()
                + ") ± scaled MAD (1.4826 x median |x - median|); tonight = median of tonight's trials; change = tonight / baseline - 1; "
                + "FAIL only when p <= " + NumberText.plain(s.alpha()) + " (exact Mann-Whitney, tonight's trials against the nights), "
                + "|change| > " + NumberText.percent(s.effectThreshold()) + " and > " + NumberText.plain(s.madMultiplier())
                + " MAD, in the bad direction, and a confirming re-run agrees; warn = worse by more than the threshold without all of these";
    }
}
