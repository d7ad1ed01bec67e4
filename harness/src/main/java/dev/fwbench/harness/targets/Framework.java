package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.List;
import java.util.Locale;

/**
 * The frameworks under comparison, each with its HTTP server stacks (variants); and
 * {@link #BARE}, NestJS's routes on the same stacks without Nest (the baseline of claim 7,
 * CONTRACT.md section 10), which a driver brings up only when asked by name ("both" means
 * NestJS and Django).
 */
public enum Framework {
    NESTJS("nestjs", List.of("express", "fastify")),
    DJANGO("django", List.of("gunicorn", "uvicorn")),
    BARE("bare", List.of("express", "fastify"));

    /** The two frameworks the project compares: what "both" means. */
    public static final List<Framework> COMPARED = List.of(NESTJS, DJANGO);

    private final String id;
    private final List<String> variants;

    Framework(String id, List<String> variants) {
        this.id = id;
        this.variants = variants;
    }

    public String id() {
        return id;
    }

    /** The first variant is the default: what the framework's docs lead a newcomer to. */
    public List<String> variants() {
        return variants;
    }

    public String defaultVariant() {
        return variants.get(0);
    }

    /**
     * The variant a profile runs when none is asked for: the first one in production; in the
     * tuned profile NestJS's Fastify adapter (the faster of its two stacks, measured in
     * reference-apps/nestjs/README.md) and so the bare baseline's, Django's Gunicorn (gthread,
     * as TechEmpower's entry).
     */
    public String defaultVariant(Profile profile) {
        return this != DJANGO && profile == Profile.TUNED ? "fastify" : defaultVariant();
    }

    /** The bare baseline has neither an ORM nor a cache: it sends its SQL itself, uncached. */
    public boolean isBaseline() {
        return this == BARE;
    }

    /** What a target of this framework runs when no database access is asked for. */
    public DbAccess defaultDbAccess() {
        return isBaseline() ? DbAccess.RAW : DbAccess.ORM;
    }

    public static Framework parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Framework f : values()) {
            if (f.id.equals(t)) {
                return f;
            }
        }
        throw new BenchException("unknown target '" + text + "': use one of nestjs, django (or bare, the baseline)");
    }
}
