package dev.fwbench.harness.report;

import dev.fwbench.harness.stats.NumberText;

/**
 * One number as a table cell shows it: its text, a short note under it (a verdict word,
 * "noisy"), how it was obtained (the cell's tooltip: "median of 3 trials: min 1.01, max
 * 1.20 ms, CV 4.2 %"), and a class for its look ({@code better}, {@code worse}, {@code same},
 * {@code undecided}, {@code noisy}, {@code missing}, or empty).
 */
public record Figure(String text, String note, String how, String look) {

    static final Figure NONE = missing("not measured");

    static Figure of(String text, String how) {
        return new Figure(text, "", how, "");
    }

    static Figure missing(String why) {
        return new Figure("–", "", why, "missing");
    }

    /** A measured value to 3 significant digits (k for thousands), as the statistics print them. */
    static String value(double v) {
        return NumberText.value(v);
    }
}
