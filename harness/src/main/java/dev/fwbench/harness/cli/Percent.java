package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;

/** A percentage option as users write it ("10%", "10", "2.5 %"), checked: one way for every command. */
final class Percent {

    private Percent() {
    }

    /** The percentage in {@code text} (0 &lt; value &lt; 1000), or a one-line error naming {@code option}. */
    static double parse(String option, String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim().replace("%", "").trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(value > 0 && value < 1000)) {
            throw new BenchException(option + " must be a percentage like 10% (got '" + text + "')");
        }
        return value;
    }
}
