package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.Locale;

/**
 * Which of two honest configurations of a framework a target runs (CONTRACT.md, section 1,
 * {@code PROFILE}); the app reports it on {@code /health} and it is recorded with every result.
 * <ul>
 *   <li>{@link #PRODUCTION} (default): what the framework's and its server's documentation
 *       recommend for a production service, each choice cited in the app's README;</li>
 *   <li>{@link #TUNED}: the fastest configuration still within the contract (the best-known
 *       settings, e.g. TechEmpower's).</li>
 * </ul>
 */
public enum Profile {
    PRODUCTION, TUNED;

    /** "production" / "tuned": the value of the apps' {@code PROFILE} variable. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String text) {
        if (text == null || text.isBlank()) {
            return PRODUCTION;
        }
        for (Profile p : values()) {
            if (p.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new BenchException("unknown profile '" + text + "': use production or tuned");
    }
}
