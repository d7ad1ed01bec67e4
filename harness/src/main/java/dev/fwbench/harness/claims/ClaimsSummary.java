package dev.fwbench.harness.claims;

import java.util.List;
import java.util.Locale;

/** summary.txt of a claims run: one line per claim (verdict, headline estimate, trials), then each claim's reason. */
final class ClaimsSummary {
    private ClaimsSummary() {
    }

    static String text(String size, String outcome, List<ClaimVerdict> verdicts, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "claims, %s size (%s after %.0f min): verdicts from claims/claims.yaml's rules; "
                + "estimates are B/A ratios (Hodges-Lehmann) or values per core, with their 95 %% intervals%n%n", size,
                outcome, seconds / 60));
        sb.append(String.format("%3s  %-24s %-52s %-7s %s%n", "#", "verdict", "estimate [95 % CI]", "trials", "claim"));
        for (ClaimVerdict v : verdicts) {
            sb.append(String.format("%3d  %-24s %-52s %-7s %s%n", v.id(), v.verdict(), headline(v.estimate()),
                    v.trials() == null ? "-" : v.trials(), shorten(v.quote(), 70)));
        }
        for (ClaimVerdict v : verdicts) {
            sb.append(String.format("%n%d. %s%n   %s: %s%n", v.id(), v.quote(), v.verdict(), v.reason()));
            for (ClaimVerdict.Estimate b : v.beside()) {
                sb.append(String.format("   beside: %s%n", line(b)));
            }
        }
        return sb.toString();
    }

    private static String headline(ClaimVerdict.Estimate e) {
        if (e == null || e.value() == null) {
            return "-";
        }
        return shorten(String.format(Locale.ROOT, "%s %s [%s, %s]", e.label(), num(e.value()), num(e.ciLow()),
                num(e.ciHigh())), 52);
    }

    private static String line(ClaimVerdict.Estimate e) {
        if (e.value() == null) {
            return e.label() + ": n/a (" + e.inconclusiveBecause() + ")";
        }
        return String.format(Locale.ROOT, "%s: %s %s [%s, %s] (%s, %s)%s", e.label(), e.kind(), num(e.value()), num(e.ciLow()),
                num(e.ciHigh()), e.cellB() == null ? e.cellA() : e.cellB() + " / " + e.cellA(),
                e.trialsA() + (e.trialsB() == null ? "" : "+" + e.trialsB()) + " trials",
                e.inconclusiveBecause() == null ? "" : "; " + e.inconclusiveBecause());
    }

    private static String num(Double v) {
        return v == null ? "?" : java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
