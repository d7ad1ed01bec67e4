package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.Locale;

/**
 * How a target's {@code /db}, {@code /queries} and article reads reach PostgreSQL
 * (CONTRACT.md section 4b, {@code DB_ACCESS}): through the framework's ORM, or as the ORM's own
 * SQL sent through the same driver; the app reports it on {@code /health} as {@code dbAccess}.
 * Claim 6 of the article compares the two. The bare baseline has no ORM: raw only.
 */
public enum DbAccess {
    ORM, RAW;

    /** "orm" / "raw": the value of the apps' {@code DB_ACCESS} variable. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** null or blank: none asked for (the framework's default applies). */
    public static DbAccess parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (DbAccess d : values()) {
            if (d.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BenchException("unknown database access '" + text + "': use orm or raw");
    }
}
