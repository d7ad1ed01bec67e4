package dev.fwbench.harness.load;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A load that searches instead of holding one level (the lean engine's {@code -Dsearch=}):
 * a series of steps, each {@code -Dduration} seconds measured, each judged against the SLO
 * ({@code -Dslo.p99.ms}, {@code -Dslo.errors.pct}):
 * <ul>
 *   <li>{@code capacity}: the open model's rate, from {@code search.from} x2 per step until
 *       the SLO breaks, then bisections: the highest rate that holds the SLO, with its
 *       interval [last held, first broken];</li>
 *   <li>{@code users}: the closed model's users 1, 2, 4 ... {@code search.max}, every step
 *       measured (throughput and p99 per concurrency step: the knee);</li>
 *   <li>{@code connections}: open WebSocket connections {@code search.from} x2 ... up to
 *       {@code search.max}, echo frames at a steady {@code -Drate} across them: the most
 *       connections held at the SLO with none lost.</li>
 * </ul>
 *
 * @param from the first level (req/s, users or connections)
 * @param max  the last level tried
 */
public record SearchShape(Mode mode, double from, double max, int bisections) {

    public enum Mode {
        NONE("", 0, 0), CAPACITY("req/s", 50, 100_000), USERS("users", 1, 512), CONNECTIONS("connections", 100, 10_000);

        private final String unit;
        private final double from;
        private final double max;

        Mode(String unit, double from, double max) {
            this.unit = unit;
            this.from = from;
            this.max = max;
        }

        /** What a level counts: "req/s", "users", "connections". */
        public String unit() {
            return unit;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Setting<String> SEARCH = Setting.choice("search", "none",
            List.of("none", "capacity", "users", "connections"),
            "lean engine: none (hold -Drate or -Dusers), capacity (open-model rate x2 until the SLO breaks, then "
                    + "bisections), users (closed-model users x2 up to search.max, every step kept), connections "
                    + "(WebSocket connections x2 with -Drate echo frames/s across them)");
    public static final Setting<Double> FROM = Setting.number("search.from", null, 0, true, LoadShape.MAX_RATE,
            "req/s, users or connections", "first level of a search (default: capacity 50 req/s, users 1, connections 100)");
    public static final Setting<Double> MAX = Setting.number("search.max", null, 0, true, LoadShape.MAX_RATE,
            "req/s, users or connections",
            "highest level a search tries (default: capacity 100000 req/s, users 512, connections 10000)");
    public static final Setting<Integer> BISECTIONS = Setting.integer("search.bisections", 3, 0, 10, "steps",
            "geometric midpoints a capacity or connections search measures after the first level that broke the SLO");
    public static final Setting<Integer> FOOTPRINT_IDLE = Setting.integer("footprint.idle.seconds", 0, 0, 600, "s",
            "lean engine: after each target is up, this many seconds without load (its idle memory in the resource "
                    + "samples), and its image (containers) or install size recorded: the footprint (0: off)");

    public SearchShape {
        if (mode != Mode.NONE && !(from > 0 && max >= from)) {
            throw new BenchException("-Dsearch.from must be above 0 and at most -Dsearch.max (got from " + plain(from)
                    + ", max " + plain(max) + ")");
        }
        if (mode == Mode.CONNECTIONS && max > 100_000) {
            throw new BenchException("-Dsearch.max for connections is at most 100000 (got " + plain(max) + ")");
        }
        if (mode == Mode.USERS && max > LoadShape.MAX_USERS) {
            throw new BenchException("-Dsearch.max for users is at most " + LoadShape.MAX_USERS + " (got " + plain(max) + ")");
        }
    }

    public static List<Setting<?>> settings() {
        return List.of(SEARCH, FROM, MAX, BISECTIONS, FOOTPRINT_IDLE);
    }

    public static SearchShape from(DriverConfig c) {
        Mode mode = Mode.valueOf(c.get(SEARCH).toUpperCase(Locale.ROOT));
        Double from = c.get(FROM);
        Double max = c.get(MAX);
        return new SearchShape(mode, from != null ? from : mode.from, max != null ? max : mode.max, c.get(BISECTIONS));
    }

    /** The search a plan's cell asks for, from its settings (keys as above; the others are ignored). */
    public static SearchShape of(Map<String, String> settings) {
        Map<String, String> own = new LinkedHashMap<>();
        settings().forEach(k -> {
            if (settings.containsKey(k.key())) {
                own.put(k.key(), settings.get(k.key()));
            }
        });
        return from(DriverConfig.read(settings(), own, Map.of()));
    }

    public boolean active() {
        return mode != Mode.NONE;
    }

    /** Whether levels are whole numbers (users, connections). */
    public boolean integral() {
        return mode == Mode.USERS || mode == Mode.CONNECTIONS;
    }

    /** Whether the search stops at the first break (and bisects), rather than sweeping every level to max. */
    public boolean stopsAtBreak() {
        return mode != Mode.USERS;
    }

    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("search", mode.word());
        m.put("from", from);
        m.put("max", max);
        m.put("unit", mode.unit());
        if (stopsAtBreak()) {
            m.put("bisections", bisections);
        }
        return m;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
