package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.Locale;

/**
 * Whether a target serves the article reads from Redis (CONTRACT.md section 5a, {@code CACHE}),
 * with its framework's own cache (NestJS's cache module, Django's cache framework); the app
 * reports it on {@code /health} as {@code cache}. Claim 5 of the article compares the two.
 */
public enum ArticleCache {
    OFF, REDIS;

    /** "off" / "redis": the value of the apps' {@code CACHE} variable. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArticleCache parse(String text) {
        if (text == null || text.isBlank()) {
            return OFF;
        }
        for (ArticleCache c : values()) {
            if (c.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new BenchException("unknown cache '" + text + "': use off or redis");
    }
}
