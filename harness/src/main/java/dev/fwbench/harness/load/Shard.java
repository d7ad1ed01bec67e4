package dev.fwbench.harness.load;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.Setting;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Injector {@code index} of {@code count} ({@code -Dshard=2/3}): which part of a plan's load
 * this injector makes, so that {@code count} injectors on as many machines make exactly the
 * plan's load together.
 *
 * <p><b>Open model</b>: the plan's arrivals are numbered 0, 1, 2... and arrival k is due at
 * {@link LoadShape#intendedOffsetNanos(long) k / rate} after the shared start. Shard i takes
 * the arrivals with {@code k mod count == i - 1}: its j-th is arrival {@code j * count + i - 1},
 * due at the plan's own time for that arrival. The union of the shards' schedules is the plan's
 * schedule, arrival for arrival and due time for due time (a ramp included), so every latency
 * is still timed from the time the plan wanted it sent: the coordinated-omission correction
 * holds across injectors. Example: 3 shards at 300 req/s; shard 1 sends arrivals 0, 3, 6... at
 * 0, 10, 20 ms; shard 2 arrivals 1, 4, 7... at 3.33, 13.33, 23.33 ms; shard 3 at 6.67, 16.67...
 * Each runs at 100 req/s; together, one request every 3.33 ms, as one injector would send.
 *
 * <p><b>Closed model</b>: the plan's users are split, the remainder to the first shards
 * (10 users on 3 shards: 4, 3, 3); each shard needs at least one.
 *
 * <p>{@link #WHOLE} (1/1) is an injector alone: arrival j is arrival j.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);
    /** More shards than this is more machines than a benchmark of one service needs. */
    public static final int MAX_COUNT = 1_000;

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new BenchException("a shard is i/N with 1 <= i <= N <= " + MAX_COUNT + " (got " + index + "/" + count + ")");
        }
    }

    public static final Setting<String> SHARD = Setting.text("shard",
            "this injector's part of the load, i/N: open-model arrivals k with k mod N = i-1, closed-model users split "
                    + "(default 1/1: all of it)");
    public static final Setting<java.net.URI> CLOCK_URL = Setting.url("clock.url",
            "the shards' reference clock ('bench clock'), e.g. http://fwbench-clock:7070: each shard measures its offset to "
                    + "it (Cristian's algorithm) before the start and records it in run.json", "http");
    public static final Setting<String> START_AT = Setting.text("start.at",
            "the UTC instant (e.g. 2026-12-02T10:00:00Z) at which every shard starts its schedule; the JIT warm-up, "
                    + "the client floor and the clock check run before it (required with -Dshard)");

    /** The settings a sharded injector reads. */
    public static List<Setting<?>> settings() {
        return List.of(SHARD, START_AT, CLOCK_URL);
    }

    /** {@code "2/3"} (null or blank: {@link #WHOLE}); a bad text is one line naming the setting. */
    public static Shard parse(String text, String source) {
        if (text == null || text.isBlank()) {
            return WHOLE;
        }
        String t = text.trim();
        if (!t.matches("\\d{1,4}/\\d{1,4}")) {
            throw new BenchException(source + " must be i/N, e.g. 2/3 (got '" + text + "')");
        }
        String[] p = t.split("/");
        try {
            return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        } catch (BenchException e) {
            throw new BenchException(source + ": " + e.getMessage());
        }
    }

    /** The start instant {@code text} (ISO-8601 UTC, e.g. 2026-12-02T10:00:00Z), or a one-line error naming {@code source}. */
    public static Instant parseStart(String text, String source) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BenchException(source + " must be a UTC instant like 2026-12-02T10:00:00Z (got '" + text + "')");
        }
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** The plan's arrival number of this shard's {@code j}-th arrival (0-based both). */
    public long arrival(long j) {
        return j * count + index - 1;
    }

    /** Whether the plan's arrival {@code k} is this shard's. */
    public boolean owns(long k) {
        return k % count == index - 1;
    }

    /** How many of the plan's arrivals {@code [from, to)} are this shard's. */
    public long owned(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long r = index - 1;
        // arrivals k = r + m * count; the number with k < x is ceil((x - r) / count) for x > r
        return Math.max(0, Math.floorDiv(to - r + count - 1, count)) - Math.max(0, Math.floorDiv(from - r + count - 1, count));
    }

    /** The plan's number of this shard's first arrival at or after {@code k}. */
    public long firstAtOrAfter(long k) {
        long r = index - 1;
        return k <= r ? r : r + Math.floorDiv(k - r + count - 1, count) * count;
    }

    /** This shard's part of {@code total} closed-model users: {@code total / N}, one more for the first {@code total mod N}. */
    public int users(int total) {
        return total / count + (index <= total % count ? 1 : 0);
    }

    /** This shard's share of a rate (req/s): what it must achieve to have kept up. */
    public double rate(double total) {
        return total / count;
    }

    /**
     * The load shape this shard plays: in the closed model, its users (and ramp) of the plan's;
     * in the open model, the plan's own shape (the shard picks its arrivals with {@link #arrival}).
     */
    public LoadShape part(LoadShape plan) {
        if (plan.model() == LoadShape.Model.OPEN || isWhole()) {
            return plan;
        }
        if (plan.users() < count) {
            throw new BenchException("-Dusers=" + plan.users() + " cannot be split over " + count + " shards: each needs at "
                    + "least one user");
        }
        Double rampTo = plan.rampTo() == null ? null : (double) users((int) Math.round(plan.rampTo()));
        return new LoadShape(plan.model(), plan.rate(), rampTo, users(plan.users()), plan.warmupSeconds(),
                plan.durationSeconds());
    }

    /**
     * The load this injector itself makes (what its client floor is measured at): in the open
     * model, 1/N of the plan's rates (its arrivals are every N-th of the plan's); in the closed
     * model, {@link #part}; alone, the plan.
     */
    public LoadShape own(LoadShape plan) {
        if (plan.model() == LoadShape.Model.OPEN && !isWhole()) {
            return new LoadShape(plan.model(), rate(plan.rate()), plan.rampTo() == null ? null : rate(plan.rampTo()),
                    plan.users(), plan.warmupSeconds(), plan.durationSeconds());
        }
        return part(plan);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
