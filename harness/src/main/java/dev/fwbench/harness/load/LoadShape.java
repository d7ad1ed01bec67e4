package dev.fwbench.harness.load;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The workload shape: an open model (users arrive at {@code rate}
 * per second, whatever the responses do; each user sends one request) or a closed model
 * ({@code users} concurrent users, each replaced as soon as it is done), a warm-up at the
 * start rate that is excluded from the measurements, then {@code duration} seconds
 * measured, optionally ramping to {@code ramp.to} (req/s or users) for capacity search.
 *
 * <p>The open model defines when each request should start: user {@code k} (0-based, in
 * arrival order) is due {@link #intendedOffsetNanos(long)} after the first. That intended
 * start is what the HdrHistogram capture times from, so a stalled server or a saturated
 * injector shows up in the latencies instead of thinning the arrivals.
 *
 * <p>Driver-neutral: Gatling injects it ({@code gatling.GatlingInjection}), the lean engine
 * schedules by it.
 */
public record LoadShape(Model model, double rate, Double rampTo, int users, int warmupSeconds, int durationSeconds) {

    public enum Model { OPEN, CLOSED }

    /** req/s: above what one loopback injector core can send (wrk, closed loop: ~110,000 here). */
    public static final double MAX_RATE = 200_000;
    public static final int MAX_USERS = 100_000;

    public LoadShape {
        if (model == Model.OPEN && !(rate > 0 && rate <= MAX_RATE)) {
            throw new BenchException("-Drate must be a number of requests/s in (0, " + (long) MAX_RATE + "] (got " + rate + ")");
        }
        if (rampTo != null && !(rampTo > 0 && rampTo <= MAX_RATE)) {
            throw new BenchException("-Dramp.to must be a positive number (req/s for the open model, users for the closed one), got " + rampTo);
        }
        if (users < 1 || users > MAX_USERS) {
            throw new BenchException("-Dusers must be between 1 and " + MAX_USERS + " (got " + users + ")");
        }
        if (warmupSeconds < 0 || warmupSeconds > 3_600) {
            throw new BenchException("-Dwarmup must be between 0 and 3600 seconds (got " + warmupSeconds + ")");
        }
        if (durationSeconds < 1 || durationSeconds > 86_400) {
            throw new BenchException("-Dduration must be between 1 and 86400 seconds (got " + durationSeconds + ")");
        }
    }

    public static final Setting<String> MODEL = Setting.choice("model", "open", List.of("open", "closed"),
            "open: requests arrive at -Drate per second whatever the responses do; closed: -Dusers concurrent users");
    public static final Setting<Double> RATE = Setting.number("rate", 100.0, 0, true, MAX_RATE, "req/s",
            "arrival rate of the open model (frames/s for WebSocket echo)");
    public static final Setting<Integer> USERS = Setting.integer("users", 10, 1, MAX_USERS, "users",
            "concurrent users of the closed model");
    public static final Setting<Integer> WARMUP = Setting.integer("warmup", 5, 0, 3_600, "s",
            "warm-up at the start rate, excluded from the measurements");
    public static final Setting<Integer> DURATION = Setting.integer("duration", 30, 1, 86_400, "s", "measured seconds");
    public static final Setting<Double> RAMP_TO = Setting.number("ramp.to", null, 0, true, MAX_RATE, "req/s or users",
            "ramp the measured phase from the rate (users) to this, for capacity search");

    /** The settings a load shape is read from. */
    public static List<Setting<?>> settings() {
        return List.of(MODEL, RATE, USERS, WARMUP, DURATION, RAMP_TO);
    }

    /** {@code -Dmodel=open|closed -Drate=100 -Dusers=10 -Dwarmup=5 -Dduration=30 [-Dramp.to=N]}. */
    public static LoadShape from(DriverConfig c) {
        return new LoadShape(c.get(MODEL).equals("open") ? Model.OPEN : Model.CLOSED, c.get(RATE), c.get(RAMP_TO),
                c.get(USERS), c.get(WARMUP), c.get(DURATION));
    }

    /** As {@link #from(DriverConfig)}, from this JVM's system properties. */
    public static LoadShape fromSystemProperties() {
        return from(DriverConfig.fromSystem(settings()));
    }

    /** Whether the plan defines intended start times (only the open model does). */
    public boolean definesIntendedStart() {
        return model == Model.OPEN;
    }

    /**
     * When user {@code k} is due, in nanoseconds after user 0: {@code k / rate} at a constant
     * rate; inside a ramp from r0 to r1 over D seconds, arrivals by time t are
     * {@code r0 t + (r1 - r0) t^2 / 2D}, solved for t.
     */
    public long intendedOffsetNanos(long k) {
        double warmupUsers = rate * warmupSeconds;
        if (rampTo == null || k < warmupUsers) {
            return (long) (k / rate * 1e9);
        }
        double n = k - warmupUsers;
        double a = (rampTo - rate) / (2.0 * durationSeconds);
        double t = Math.abs(a) < 1e-12 ? n / rate : (-rate + Math.sqrt(rate * rate + 4 * a * n)) / (2 * a);
        return (long) ((warmupSeconds + t) * 1e9);
    }

    /**
     * How many arrivals are due before {@code offsetNanos} (open model): the first k whose
     * {@link #intendedOffsetNanos(long)} is at or after it, found by bisection (due times never
     * decrease). {@code arrivalsBefore(warm-up)} is the first measured arrival's number;
     * {@code arrivalsBefore(warm-up + duration)} is the number of arrivals in the schedule.
     */
    public long arrivalsBefore(long offsetNanos) {
        long lo = 0;
        long hi = 1;
        while (intendedOffsetNanos(hi) < offsetNanos) {
            hi *= 2;
        }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (intendedOffsetNanos(mid) < offsetNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The measured arrivals' numbers, {@code [first, end)}: past the warm-up, before the end (open model). */
    public long[] measuredArrivals() {
        return new long[] {arrivalsBefore(TimeUnit.SECONDS.toNanos(warmupSeconds)),
                arrivalsBefore(TimeUnit.SECONDS.toNanos((long) warmupSeconds + durationSeconds))};
    }

    /** Every field, whichever the model, so that a reader (the shards' merge) can build the shape again. */
    public Map<String, Object> toMap() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", model.name().toLowerCase(java.util.Locale.ROOT));
        p.put("rate", rate);
        p.put("rampTo", rampTo);
        p.put("users", users);
        p.put("warmupSeconds", warmupSeconds);
        p.put("durationSeconds", durationSeconds);
        return p;
    }

    /** The shape {@link #toMap()} wrote. */
    public static LoadShape fromMap(Map<String, ?> m) {
        Object ramp = m.get("rampTo");
        return new LoadShape("open".equals(m.get("model")) ? Model.OPEN : Model.CLOSED, ((Number) m.get("rate")).doubleValue(),
                ramp == null ? null : ((Number) ramp).doubleValue(), ((Number) m.get("users")).intValue(),
                ((Number) m.get("warmupSeconds")).intValue(), ((Number) m.get("durationSeconds")).intValue());
    }

    /** For the summaries: how the "corrected" latencies are timed in this shape. */
    public String correction() {
        return model == Model.OPEN
                ? "open model: corrected = from the intended start of the injection schedule"
                : "closed model: the plan defines no intended start, corrected = uncorrected";
    }

    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", model.name().toLowerCase(java.util.Locale.ROOT));
        if (model == Model.OPEN) {
            p.put("rate", rate);
        } else {
            p.put("users", users);
        }
        p.put("rampTo", rampTo);
        p.put("warmupSeconds", warmupSeconds);
        p.put("durationSeconds", durationSeconds);
        return p;
    }

    public String describe() {
        String load = model == Model.OPEN ? rate + " req/s" + (rampTo == null ? "" : " ramping to " + rampTo)
                : users + " users" + (rampTo == null ? "" : " ramping to " + rampTo.intValue());
        return model.name().toLowerCase(java.util.Locale.ROOT) + " model, " + load + ", " + warmupSeconds
                + " s warm-up + " + durationSeconds + " s measured";
    }
}
