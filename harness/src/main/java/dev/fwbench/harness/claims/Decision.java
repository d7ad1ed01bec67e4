package dev.fwbench.harness.claims;

import java.util.List;
import java.util.Map;

/**
 * A claim's rule as data: which suite ({@code plan}), which cells are compared (B against A,
 * or one cell against a bar), on which metric, and when the numbers support or refute it.
 *
 * <ul>
 *   <li>{@code kind}: {@link Kind#RATIO} (the Hodges-Lehmann ratio B/A with its exact 95 %
 *       interval, against thresholds), {@link Kind#EFFICIENCY} (that ratio over the ratio of B's
 *       workers to A's: X(w) / (w X(1))), {@link Kind#BAR_PER_CORE} (one cell's capacity over its
 *       cores, the median's interval against an absolute bar), {@link Kind#NOT_A_RUNTIME_PROPERTY}
 *       (no measurement: compiled evidence).</li>
 *   <li>{@code a}, {@code b}: cell selectors, target name ({@code target}), workload name
 *       ({@code workload}) and any setting of the cell ({@code workers: "2"}); {@code each}: one
 *       comparison per entry, its keys added to both selectors ({@code metric} and {@code request}
 *       override the decision's); {@code parts}: decided one by one, the claim being their
 *       conjunction (both frameworks: supported when every part is, refuted when any part is).</li>
 *   <li>{@code supported}: the condition and how many comparisons must meet it; {@code refuted}:
 *       alternatives, any of which refutes (empty: the rule names no refutation).</li>
 *   <li>{@code profiles}: the profiles the experiment runs, each decided alone; {@code restsOn}: the
 *       one the verdict is; the others are reported beside it.</li>
 *   <li>{@code guardWorkersWithinCores}: B's workers beyond the cores the target has make a
 *       comparison inconclusive by construction.</li>
 *   <li>{@code beside}: comparisons reported with the verdict that do not decide it.</li>
 * </ul>
 */
public record Decision(String plan, Kind kind, String metric, String request, Map<String, String> a,
                       Map<String, String> b, List<Map<String, String>> each, List<Part> parts, List<String> profiles,
                       String restsOn, Condition supported, List<Condition> refuted, boolean guardWorkersWithinCores,
                       List<Beside> beside, String evidence) {

    public enum Kind {
        RATIO("ratio"), EFFICIENCY("efficiency"), BAR_PER_CORE("bar-per-core"),
        NOT_A_RUNTIME_PROPERTY("not-a-runtime-property");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** One framework (or stack) decided alone: its own A and B, or its one cell for a bar. */
    public record Part(String name, Map<String, String> a, Map<String, String> b) {
    }

    /**
     * A condition on an interval [low, high] (a ratio's CI, an efficiency's, a capacity per core's),
     * every bound given must hold: {@code lowAbove} low &gt; x, {@code lowAtLeast} low &ge; x,
     * {@code highBelow} high &lt; x, {@code highAtMost} high &le; x. Quantified over the comparisons:
     * at least {@code atLeast} of them, at most {@code atMost} of them, or (neither given) all.
     */
    public record Condition(Double lowAbove, Double lowAtLeast, Double highBelow, Double highAtMost, Integer atLeast,
                            Integer atMost) {

        /** Whether the interval meets every bound. */
        public boolean holds(double low, double high) {
            return (lowAbove == null || low > lowAbove) && (lowAtLeast == null || low >= lowAtLeast)
                    && (highBelow == null || high < highBelow) && (highAtMost == null || high <= highAtMost);
        }

        /** "CI low > 1.1", "CI within [0.9091, 1.1]", with the quantifier: "on at least 2 of 3". */
        public String describe(int of) {
            StringBuilder sb = new StringBuilder();
            if (lowAbove != null) {
                sb.append("lower bound > ").append(text(lowAbove));
            }
            if (lowAtLeast != null) {
                sb.append(sb.length() > 0 ? " and " : "").append("lower bound >= ").append(text(lowAtLeast));
            }
            if (highBelow != null) {
                sb.append(sb.length() > 0 ? " and " : "").append("upper bound < ").append(text(highBelow));
            }
            if (highAtMost != null) {
                sb.append(sb.length() > 0 ? " and " : "").append("upper bound <= ").append(text(highAtMost));
            }
            if (of > 1) {
                sb.append(atLeast != null ? " on at least " + atLeast + " of " + of
                        : atMost != null ? " on at most " + atMost + " of " + of : " on all " + of);
            }
            return sb.toString();
        }

        private static String text(double v) {
            return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * A comparison reported beside the verdict: its own label, plan (default the decision's), kind (ratio or
     * efficiency), metric and request (default the decision's), A and B, and {@code each}.
     */
    public record Beside(String label, String plan, Kind kind, String metric, String request, Map<String, String> a,
                         Map<String, String> b, List<Map<String, String>> each) {
    }

    /** Every plan the decision reads: its own and its beside's. */
    public List<String> plans() {
        List<String> all = new java.util.ArrayList<>();
        if (plan != null) {
            all.add(plan);
        }
        for (Beside x : beside) {
            if (x.plan() != null && !all.contains(x.plan())) {
                all.add(x.plan());
            }
        }
        return all;
    }
}
