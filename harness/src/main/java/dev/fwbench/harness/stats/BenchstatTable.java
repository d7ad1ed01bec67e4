package dev.fwbench.harness.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Comparisons as a text table in the style of Go's benchstat: per metric, A's and B's median
 * with their CV, the delta B/A - 1 with its exact interval, the (Holm-adjusted) p with the
 * trial counts, and the verdict; "~" stands for "no difference detected", and then the delta
 * itself is not shown (only its interval), so nobody reads a number the data do not support.
 *
 * <pre>
 * metric                    django           nestjs           delta                   p              verdict
 * /json throughput (req/s)  1.00k ±0.8 %     1.21k ±1.3 %     +21.0 % [+18.8, +23.2]  0.00794 n=5+5  faster
 * /db p99 (ms)              10.9 ±8.6 % (!)  12.3 ±7.6 % (!)  ~ [-1.7, +30.6]         0.0556 n=5+5   ~
 * ws echo p50 (ms)          1.5 ±6.7 % (!)   1 ±10.0 % (!)    -33.3 % [-43.8, -21.4]  0.100 n=3+3    too few trials
 * </pre>
 * A pure function: comparisons in, lines out (no trailing newline), then a legend line.
 */
public final class BenchstatTable {

    private static final String[] HEADER = {"metric", null, null, "delta", "p", "verdict"};

    private BenchstatTable() {
    }

    /** The table of {@code comparisons}, with {@code labelA} and {@code labelB} as the column heads of A and B. */
    public static List<String> lines(String labelA, String labelB, List<Comparison> comparisons) {
        List<String[]> rows = new ArrayList<>();
        String[] header = HEADER.clone();
        header[1] = labelA;
        header[2] = labelB;
        rows.add(header);
        for (Comparison c : comparisons) {
            rows.add(new String[] {
                c.metric().label(),
                cell(c.a()),
                cell(c.b()),
                delta(c),
                NumberText.p(c.holmFamily() > 1 ? c.pHolm() : c.p()) + " n=" + c.trialsA() + "+" + c.trialsB(),
                c.verdict() == Verdict.NO_DIFFERENCE ? "~" : c.verdictWord(),
            });
        }
        List<String> lines = TextColumns.align(rows);
        lines.add(legend(comparisons));
        return lines;
    }

    /** "1.21k ±1.3 %", "(!)" after a noisy cell; no CV with one trial. */
    private static String cell(CellStats s) {
        return NumberText.value(s.median()) + (s.cv() == null ? "" : " ±" + NumberText.percent(s.cv())) + (s.noisy() ? " (!)" : "");
    }

    /** "+21.0 % [+18.8, +23.2]"; "~ [-5.0, +3.1]" when no difference is detected. */
    private static String delta(Comparison c) {
        String interval = "[" + percentNumber(c.ciLow() - 1) + ", " + percentNumber(c.ciHigh() - 1) + "]";
        return (c.verdict() == Verdict.NO_DIFFERENCE ? "~" : NumberText.signedPercent(c.ratio() - 1)) + " " + interval;
    }

    private static String percentNumber(double fraction) {
        return NumberText.signedPercent(fraction).replace(" %", "");
    }

    private static String legend(List<Comparison> comparisons) {
        int family = comparisons.stream().mapToInt(Comparison::holmFamily).max().orElse(1);
        double alpha = comparisons.stream().mapToDouble(Comparison::alpha).max().orElse(ComparisonSettings.DEFAULT_ALPHA);
        return "median ±CV of the trials, (!) = noisy; delta = B/A - 1 (Hodges-Lehmann) [exact CI, at least "
                + NumberText.confidence(1 - alpha) + "; the full range with too few trials]; p two-sided Mann-Whitney"
                + (family > 1 ? ", Holm-adjusted over " + family + " comparisons" : "") + "; ~ = no difference detected";
    }
}
