package dev.fwbench.harness.config;

import dev.fwbench.harness.BenchException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One input a driver reads: its key (the {@code -D} system property, e.g. {@code rate}), an
 * optional environment variable that may give it instead, its default, its unit and its
 * range. A setting parses and checks its own text, so a bad value is refused up front with
 * one line that names the setting, the accepted range and the value received
 * ({@code -Drate must be a number of req/s in (0, 200000] (got 'abc')}), never later in a
 * run and never silently replaced by the default.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {

    /** Parses the raw text of a setting; throws {@link IllegalArgumentException} with the reason. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final String key;
    private final String env;
    private final String description;
    private final String unit;
    private final T defaultValue;
    private final String accepted;
    private final Parser<T> parser;

    private Setting(String key, String env, String description, String unit, T defaultValue, String accepted,
                    Parser<T> parser) {
        this.key = Objects.requireNonNull(key);
        this.env = env;
        this.description = description;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.accepted = accepted;
        this.parser = parser;
    }

    /** A whole number in [min, max]; the default may lie outside the range to mean "not set" (e.g. 0 = framework default). */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String unit, String description) {
        return new Setting<>(key, null, description, unit, defaultValue, "a whole number from " + min + " to " + max
                + (unit.isEmpty() ? "" : " (" + unit + ")"), text -> {
            long v;
            try {
                v = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return (int) v;
        });
    }

    /** A finite number in [min, max] (or (min, max] when {@code minExclusive}). */
    public static Setting<Double> number(String key, Double defaultValue, double min, boolean minExclusive, double max,
                                         String unit, String description) {
        String range = (minExclusive ? "(" : "[") + plain(min) + ", " + plain(max) + "]";
        return new Setting<>(key, null, description, unit, defaultValue, "a number in " + range
                + (unit.isEmpty() ? "" : " (" + unit + ")"), text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
            if (!Double.isFinite(v) || v > max || (minExclusive ? v <= min : v < min)) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        });
    }

    /** One of a fixed set of words (lower case). */
    public static Setting<String> choice(String key, String defaultValue, List<String> choices, String description) {
        return new Setting<>(key, null, description, "", defaultValue, "one of " + String.join(", ", choices), text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(t)) {
                throw new IllegalArgumentException("unknown");
            }
            return t;
        });
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, null, description, "", defaultValue, "true or false", text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("not a boolean");
            }
            return t.equals("true");
        });
    }

    /** Free text (e.g. a list of request names), or null when unset; blank counts as unset. */
    public static Setting<String> text(String key, String description) {
        return new Setting<>(key, null, description, "", null, "text", String::trim);
    }

    /** An absolute URL with one of the schemes ({@code http}, {@code ws}...), a trailing slash dropped; null when unset. */
    public static Setting<URI> url(String key, String description, String... schemes) {
        List<String> allowed = List.of(schemes);
        return new Setting<>(key, null, description, "", null, "a " + String.join("/", allowed) + ":// URL with a host",
                text -> parseUrl(text, allowed));
    }

    /** The same setting, also read from environment variable {@code variable} when the property is not given. */
    public Setting<T> orEnvironment(String variable) {
        return new Setting<>(key, variable, description, unit, defaultValue, accepted, parser);
    }

    /** The same setting under another key (e.g. {@code variant.nestjs} from {@code variant}). */
    public Setting<T> withKey(String otherKey, String otherDescription) {
        return new Setting<>(otherKey, env, otherDescription, unit, defaultValue, accepted, parser);
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return env;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** In words, what values are accepted: "a whole number from 1 to 256 (processes)". */
    public String accepted() {
        return accepted;
    }

    /** Parses {@code text}, or fails with the one-line error a user sees. */
    public T parse(String text, String source) {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BenchException(source + " must be " + accepted + " (got '" + text + "')");
        }
    }

    static URI parseUrl(String text, List<String> schemes) {
        String t = text.trim().replaceAll("/+$", "");
        URI u;
        try {
            u = new URI(t);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
            throw new IllegalArgumentException("not a URL of that scheme");
        }
        return u;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return key;
    }
}
