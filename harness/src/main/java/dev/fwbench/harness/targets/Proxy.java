package dev.fwbench.harness.targets;

import dev.fwbench.harness.BenchException;
import java.util.Locale;

/**
 * What stands in front of a target's app servers: nothing (clients talk to the app server
 * itself) or nginx, as the servers' deployment docs describe (Gunicorn's docs require a
 * buffering proxy in front of its default sync workers; NestJS's deployment guidance puts a reverse
 * proxy in front of Node). The same nginx configuration fronts every framework
 * ({@code reference-apps/nginx/}), and with {@code instances > 1} it balances across them.
 *
 * <p>{@link #DEFAULT}: what the framework's production deployment calls for in the target's
 * profile (its {@code ReferenceApp} says: Django's Gunicorn workers behind nginx in
 * production, as Gunicorn's docs require; nothing in front of NestJS), resolved when the
 * target starts and recorded as resolved.
 */
public enum Proxy {
    DEFAULT, NONE, NGINX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Proxy parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        for (Proxy p : values()) {
            if (p.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new BenchException("unknown proxy '" + text + "': use default, none or nginx");
    }
}
