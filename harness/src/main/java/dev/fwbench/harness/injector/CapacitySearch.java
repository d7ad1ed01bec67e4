package dev.fwbench.harness.injector;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The arithmetic of a capacity search, without I/O: which load level to try next, given
 * whether each step so far held the SLO. The driver ({@link CapacityRun}) measures each
 * step and reports it here; this class only decides.
 *
 * <ol>
 *   <li><b>Ramp</b>: {@code from}, then x2 per step ({@code from}, 2 from, 4 from...), capped at
 *       {@code max}, until a step breaks the SLO.</li>
 *   <li><b>Bisection</b>: between the last level that held ({@code lo}) and the first that did
 *       not ({@code hi}), the geometric midpoint sqrt(lo hi), {@code bisections} times; each
 *       step replaces lo (held) or hi (broke). Geometric, because capacity is a ratio scale:
 *       between 1,600 and 3,200 req/s the midpoint is 2,263, as far from each end in percent
 *       (41 %).</li>
 * </ol>
 * Worked numbers: from 50 req/s, a server holding up to 1,000 req/s: 50, 100, 200, 400, 800
 * hold, 1,600 breaks; bisections 1,131 (breaks), 951 (holds), 1,037 (breaks): capacity 951,
 * failed at 1,037, an interval of 9 %. Each bisection halves the interval's log width:
 * 2x after the ramp, 1.41x, 1.19x, 1.09x after three.
 *
 * <p>A step whose injector saturated is judged neither way: its numbers are the injector's, not
 * the target's. It becomes a ceiling the search stays under: the bisections go on between the
 * last level that held and the lowest of the ceiling and the first clean break, so a ramp that
 * overshot (an overloaded target at 2x its capacity starves the injector of the CPU it shares)
 * still ends bracketed when a lower level breaks cleanly. Worked numbers: 800 holds, 1,600
 * saturates; 1,131 breaks cleanly, 951 holds: capacity in [951, 1,131], bracketed by the SLO.
 * When no level below the ceiling breaks cleanly, the capacity is only a lower bound
 * ({@link Stop#INJECTOR}); also when the very first step saturates.
 *
 * <p>The search also stops, and says why ({@link Stop}), when {@code max} held (a lower bound
 * too) or the very first step broke (the capacity lies below {@code from}). In a <b>sweep</b> ({@code stopAtBreak} false: the closed model's users 1, 2,
 * 4 ... max) every level up to max is measured whatever the SLO did, and there is no
 * bisection; the capacity is still the last level that held before the first break.
 *
 * <p>Integral levels (users, connections) are rounded, and the bisection ends when the
 * rounded midpoint meets an end.
 */
public final class CapacitySearch {

    /** Why the search ended. */
    public enum Stop {
        /** The SLO broke and the bisections are done: capacity in [held, failedAt]. */
        SLO("the SLO broke: capacity between the last level that held and the first that did not"),
        /** A step saturated the injector and none below it broke cleanly: the capacity is at least the last held. */
        INJECTOR("injector-limited: the injector saturated; the capacity is only a lower bound"),
        /** {@code max} held: the capacity is at least max. */
        MAX("search.max held: the capacity is only a lower bound"),
        /** The first step broke the SLO: the capacity lies below {@code from}. */
        BELOW_FROM("the first level already broke the SLO: the capacity is below search.from");

        private final String meaning;

        Stop(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }

        /** Whether the reported capacity is only a lower bound of the target's. */
        public boolean lowerBound() {
            return this == INJECTOR || this == MAX;
        }
    }

    /** One measured step: its level, the phase it belonged to and what it showed. */
    public record Step(int number, String phase, double level, boolean held, boolean injectorSaturated) {
    }

    /** What the search found; {@code held} null when no step held, {@code failedAt} null when none broke. */
    public record Result(Double held, Double failedAt, Stop stop, List<Step> steps) {
    }

    private final double from;
    private final double max;
    private final boolean integral;
    private final boolean stopAtBreak;
    private final List<Step> steps = new ArrayList<>();
    private int bisectionsLeft;
    private Double lo;
    private Double hi;
    /** The lowest level whose step saturated the injector: judged neither way, the search stays under it. */
    private Double ceiling;
    private Stop stop;
    private boolean bisecting;
    private double pending = Double.NaN;

    /**
     * @param from        the first level (req/s, users or connections), &gt; 0
     * @param max         the highest level tried, &ge; from
     * @param bisections  midpoints measured after the first break (0: the ramp's bracket alone)
     * @param integral    levels are whole numbers (users, connections)
     * @param stopAtBreak false for a sweep: every level up to max, no bisection
     */
    public CapacitySearch(double from, double max, int bisections, boolean integral, boolean stopAtBreak) {
        if (!(from > 0) || !(max >= from) || bisections < 0) {
            throw new IllegalArgumentException("a search needs 0 < from <= max and bisections >= 0 (got from " + from
                    + ", max " + max + ", bisections " + bisections + ")");
        }
        this.from = integral ? Math.max(1, Math.round(from)) : from;
        this.max = integral ? Math.round(max) : max;
        this.integral = integral;
        this.stopAtBreak = stopAtBreak;
        this.bisectionsLeft = stopAtBreak ? bisections : 0;
    }

    /** The next level to measure, or empty once the search is over. Asking twice gives the same level. */
    public OptionalDouble next() {
        if (stop != null) {
            return OptionalDouble.empty();
        }
        if (!Double.isNaN(pending)) {
            return OptionalDouble.of(pending);
        }
        double level;
        if (!bisecting) {
            level = steps.isEmpty() ? from : Math.min(max, steps.get(steps.size() - 1).level() * 2);
        } else {
            double top = upper();
            level = round(Math.sqrt(lo * top));
            if (level <= lo || level >= top) { // integral levels: the bracket cannot narrow further
                stop = hi != null ? Stop.SLO : Stop.INJECTOR;
                return OptionalDouble.empty();
            }
        }
        pending = level;
        return OptionalDouble.of(level);
    }

    /** Records what the level {@link #next()} gave did: held the SLO or not, and whether the injector saturated. */
    public void record(boolean held, boolean injectorSaturated) {
        if (Double.isNaN(pending)) {
            throw new IllegalStateException("record() follows next(): no level is being measured");
        }
        double level = pending;
        pending = Double.NaN;
        steps.add(new Step(steps.size() + 1, bisecting ? "bisection" : "ramp", level, held && !injectorSaturated,
                injectorSaturated));
        if (injectorSaturated) {
            ceiling = ceiling == null ? level : Math.min(ceiling, level);
            if (!stopAtBreak || lo == null) { // a sweep, or nothing held yet: nothing to bisect under it
                stop = Stop.INJECTOR;
            } else if (bisecting ? --bisectionsLeft == 0 : bisectionsLeft == 0) {
                stop = hi != null ? Stop.SLO : Stop.INJECTOR;
            } else {
                bisecting = true;
            }
            return;
        }
        if (bisecting) {
            if (held) {
                lo = level;
            } else {
                hi = level;
            }
            if (--bisectionsLeft == 0) {
                stop = hi != null ? Stop.SLO : Stop.INJECTOR;
            }
            return;
        }
        if (held && hi == null) {
            lo = level;
        } else if (!held && hi == null) {
            hi = level;
        }
        if (!held && stopAtBreak) {
            if (lo == null) {
                stop = Stop.BELOW_FROM;
            } else if (bisectionsLeft > 0) {
                bisecting = true;
            } else {
                stop = Stop.SLO;
            }
            return;
        }
        if (level >= max) {
            stop = hi != null ? (lo == null ? Stop.BELOW_FROM : Stop.SLO) : Stop.MAX;
        }
    }

    /** The outcome so far (complete once {@link #next()} is empty). */
    public Result result() {
        return new Result(lo, hi, stop, List.copyOf(steps));
    }

    /** The upper end of the bisection: the first clean break or the lowest saturated level, whichever is lower. */
    private double upper() {
        return hi == null ? ceiling : ceiling == null ? hi : Math.min(hi, ceiling);
    }

    private double round(double level) {
        // whole req/s from 100 up (1,131 rather than 1,131.37), a tenth below
        return integral || level >= 100 ? Math.round(level) : Math.round(level * 10) / 10.0;
    }
}
