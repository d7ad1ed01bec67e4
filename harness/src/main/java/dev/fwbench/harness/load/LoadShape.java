package dev.fwbench.harness.load;

import dev.fwbench.harness.BenchException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workload shape, from system properties: an open model (users arrive at {@code rate}
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

    private static final double MAX_RATE = 100_000; // req/s: far beyond one loopback injector

    public LoadShape {
        if (model == Model.OPEN && !(rate > 0 && rate <= MAX_RATE)) {
            throw new BenchException("-Drate must be a number of requests/s in (0, " + (long) MAX_RATE + "] (got " + rate + ")");
        }
        if (rampTo != null && !(rampTo > 0 && rampTo <= MAX_RATE)) {
            throw new BenchException("-Dramp.to must be a positive number (req/s for the open model, users for the closed one), got " + rampTo);
        }
        if (users < 1 || users > 100_000) {
            throw new BenchException("-Dusers must be between 1 and 100000 (got " + users + ")");
        }
        if (warmupSeconds < 0 || warmupSeconds > 3_600) {
            throw new BenchException("-Dwarmup must be between 0 and 3600 seconds (got " + warmupSeconds + ")");
        }
        if (durationSeconds < 1 || durationSeconds > 86_400) {
            throw new BenchException("-Dduration must be between 1 and 86400 seconds (got " + durationSeconds + ")");
        }
    }

    /** {@code -Dmodel=open|closed -Drate=100 -Dusers=10 -Dwarmup=5 -Dduration=30 [-Dramp.to=N]}. */
    public static LoadShape fromSystemProperties() {
        String m = System.getProperty("model", "open").trim().toLowerCase(java.util.Locale.ROOT);
        Model model = switch (m) {
            case "open" -> Model.OPEN;
            case "closed" -> Model.CLOSED;
            default -> throw new BenchException("unknown -Dmodel '" + m + "': use open or closed");
        };
        String ramp = System.getProperty("ramp.to");
        return new LoadShape(model, number("rate", "100"), ramp == null || ramp.isBlank() ? null : number("ramp.to", ramp),
                (int) whole("users", "10"), (int) whole("warmup", "5"), (int) whole("duration", "30"));
    }

    public static double number(String name, String fallback) {
        String v = System.getProperty(name, fallback).trim();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BenchException("-D" + name + " must be a number (got '" + v + "')");
        }
    }

    public static long whole(String name, String fallback) {
        String v = System.getProperty(name, fallback).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BenchException("-D" + name + " must be a whole number (got '" + v + "')");
        }
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
