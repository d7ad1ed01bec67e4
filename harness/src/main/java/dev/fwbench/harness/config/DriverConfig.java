package dev.fwbench.harness.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting a driver (a Gatling simulation, the JMH jar, the suite runner) reads, read
 * once, checked once, and written whole into {@code run.json}: for each key its value, where
 * it came from ({@code -Dkey}, an environment variable, or the default), its default and unit.
 * A run's record can therefore never miss a parameter the driver used, and a bad value stops
 * the driver before anything starts.
 *
 * <p>Settings whose keys are only known from the input (a target per name:
 * {@code -Dtarget.mine.url=}) are read with {@link #read(Setting)} when they are resolved,
 * which also records them.
 */
public final class DriverConfig {

    /** One value as read. {@code source} is "-Dkey", "environment VAR" or "default". */
    public record Entry(Setting<?> setting, Object value, String source) {
    }

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private DriverConfig(Map<String, String> properties, Map<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Reads {@code settings} from {@code properties} (then the environment, then defaults); fails on the first bad one. */
    public static DriverConfig read(Collection<? extends Setting<?>> settings, Map<String, String> properties,
                                    Map<String, String> environment) {
        DriverConfig c = new DriverConfig(Map.copyOf(properties), Map.copyOf(environment));
        settings.forEach(c::read);
        return c;
    }

    /** From this JVM's system properties and environment. */
    public static DriverConfig fromSystem(Collection<? extends Setting<?>> settings) {
        return read(settings, snapshot(System.getProperties()), System.getenv());
    }

    private static Map<String, String> snapshot(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** Reads (once) and records one setting; later calls return the same value. */
    public synchronized <T> T read(Setting<T> setting) {
        Entry e = entries.get(setting.key());
        if (e == null) {
            e = parse(setting);
            entries.put(setting.key(), e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) e.value();
        return value;
    }

    private <T> Entry parse(Setting<T> s) {
        String raw = properties.get(s.key());
        if (raw != null && !raw.isBlank()) {
            return new Entry(s, s.parse(raw, "-D" + s.key()), "-D" + s.key());
        }
        if (s.environmentVariable() != null) {
            String env = environment.get(s.environmentVariable());
            if (env != null && !env.isBlank()) {
                return new Entry(s, s.parse(env, s.environmentVariable()), "environment " + s.environmentVariable());
            }
        }
        return new Entry(s, s.defaultValue(), "default");
    }

    /** The value of a setting this configuration was read with (or reads it now). */
    public <T> T get(Setting<T> setting) {
        return read(setting);
    }

    /** Whether the user gave this setting (as a property or environment variable), rather than its default. */
    public synchronized boolean isGiven(Setting<?> setting) {
        read(setting);
        return !"default".equals(entries.get(setting.key()).source());
    }

    /** The raw keys given as properties that start with {@code prefix} (e.g. "target."), for settings named by the input. */
    public Map<String, String> propertiesWithPrefix(String prefix) {
        Map<String, String> m = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null && !v.isBlank()) {
                m.put(k, v);
            }
        });
        return m;
    }

    public synchronized Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    /** {@code run.json}'s "settings": key -> {value, source, default, unit, meaning}, in the order read. */
    public synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        entries.forEach((k, e) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("value", e.value());
            one.put("source", e.source());
            one.put("default", e.setting().defaultValue());
            if (!e.setting().unit().isEmpty()) {
                one.put("unit", e.setting().unit());
            }
            one.put("meaning", e.setting().description());
            m.put(k, one);
        });
        return m;
    }
}
