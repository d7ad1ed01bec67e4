package dev.fwbench.harness.stats;

import java.util.Locale;

/** How the statistics write numbers into reasons and tables: the same digits everywhere. */
public final class NumberText {

    private NumberText() {
    }

    /** A p-value to 3 significant digits: 0.00794, 0.0556, 1.00. */
    public static String p(double p) {
        return String.format(Locale.ROOT, "%.3g", p);
    }

    /** A setting as written: 0.05 -> "0.05", 3.0 -> "3". */
    public static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A ratio to 4 significant digits: 1.210, 0.9835. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.4g", r);
    }

    /** A signed percentage of a fraction, one decimal: 0.213 -> "+21.3 %". */
    public static String signedPercent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    /** An unsigned percentage of a fraction, one decimal: 0.041 -> "4.1 %". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** A confidence level: 0.9683 -> "96.8 %". */
    public static String confidence(double level) {
        return percent(level);
    }

    /**
     * A measured value to 3 significant digits, with k / M for thousands and millions:
     * 12345 -> "12.3k", 4.105 -> "4.11", 0.0456 -> "0.0456".
     */
    public static String value(double v) {
        double magnitude = Math.abs(v);
        if (magnitude >= 999.5e6) {
            return String.format(Locale.ROOT, "%.3gG", v / 1e9);
        }
        if (magnitude >= 999.5e3) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (magnitude >= 999.5) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
