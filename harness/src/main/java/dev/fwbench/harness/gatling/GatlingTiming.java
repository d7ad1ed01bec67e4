package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where a Gatling request is timed: the clock is read just before Gatling's action starts
 * and just after it completes, and the request is recorded into its target's
 * {@code latency.LatencyRecorder} from the intended start (the open model's schedule, or a
 * paced loop's slot, {@link #intend}) and from the actual send. The phase (warm-up or
 * measured) follows from the intended start, so a request is judged by when it was due.
 */
final class GatlingTiming {
    /** Session attributes (underscores: a dot in Gatling EL means "property of"). */
    static final String TOKEN = "fw_token";
    static final String INTENDED = "fw_intended";
    private static final String TARGET = "fw_target";
    private static final String START = "fw_start";
    private static final String GROUP = "fw_group";
    private static final String IN_PLAN = "fw_in_plan";
    private static final String PAUSE = "fw_pause_ms";
    private static final String MEASURED = "measured";
    private static final String WARM_UP = "warm-up";
    /** A shard's requests after the plan's end (its closed-model users run on until their population stops). */
    private static final String AFTER = "after the end";

    private final List<BenchTarget> targets;
    private final boolean hdr;

    /** @param targets every population's target by its index: the client floor's and the real ones */
    GatlingTiming(List<BenchTarget> targets, boolean hdr) {
        this.targets = targets;
        this.hdr = hdr;
    }

    /** The Gatling group of a target's measured requests, which the SLO assertions judge. */
    static String measuredGroup(BenchTarget t) {
        return t.name() + " " + MEASURED;
    }

    /**
     * A user of {@code t}'s population: {@link #arrive}, then its chain. As a shard
     * ({@link BenchTarget#shard}), a user with no arrival of the plan to play is dropped, and a
     * user Gatling starts before its due time (the open model's; the closed model's: the shared
     * start instant) waits for it ({@link #awaitIntended}), so that no request leaves before the
     * plan wants it.
     */
    ChainBuilder play(BenchTarget t, ChainBuilder userChain) {
        if (!t.sharded()) {
            return arrive(t).exec(userChain);
        }
        ChainBuilder wait = t.shape.definesIntendedStart() ? awaitIntended()
                : exec(session -> session.set(PAUSE, wholeMillis(t.originNanos() - System.nanoTime())))
                        .pause(session -> Duration.ofMillis(session.getLong(PAUSE)));
        return arrive(t).doIf(session -> session.getBoolean(IN_PLAN)).then(wait.exec(userChain));
    }

    /**
     * Waits for the session's intended start. Gatling pauses in whole milliseconds (it drops the
     * rest), so the wait is rounded up, and the intended start moves to its end, at most 1 ms
     * later: the plan's time on the grid Gatling can keep, so that no request leaves before its
     * intended start (it would read faster than it was) and the rounding is not counted as the
     * server's. A session already late does not wait, and keeps its intended start: that lateness
     * (a late echo before it, a busy injector) is counted.
     */
    static ChainBuilder awaitIntended() {
        return exec(session -> {
            long early = session.getLong(INTENDED) - System.nanoTime();
            long ms = wholeMillis(early);
            return ms == 0 ? session.set(PAUSE, 0L)
                    : session.set(PAUSE, ms).set(INTENDED, session.getLong(INTENDED) - early + ms * 1_000_000);
        }).pause(session -> Duration.ofMillis(session.getLong(PAUSE)));
    }

    /** {@code nanos} in whole milliseconds, rounded up; 0 for none or less. */
    private static long wholeMillis(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /** The first step of every user: numbers it and, in the open model, sets its intended start. */
    private ChainBuilder arrive(BenchTarget t) {
        return exec(session -> {
            long k = t.arrive(System.nanoTime());
            Session s = session.set(TARGET, t.index).set(TOKEN, t.token() == null ? "" : t.token()).set(IN_PLAN,
                    t.inPlan(k));
            return t.shape.definesIntendedStart() ? s.set(INTENDED, t.originNanos() + t.shape.intendedOffsetNanos(k)) : s;
        });
    }

    /**
     * One timed request, in its target's "warm-up" or "measured" group, recorded into the
     * target's capture when measured: from the intended start the session carries (the open
     * model's arrival, or {@link #intend}), which is then cleared (a later request of the same
     * user has no planned start of its own), and from its actual send.
     */
    ChainBuilder timed(String requestName, ActionBuilder request) {
        return exec(session -> {
            long now = System.nanoTime();
            BenchTarget t = targets.get(session.getInt(TARGET));
            long intended = session.contains(INTENDED) ? session.getLong(INTENDED) : now;
            long since = intended - t.originNanos();
            boolean measured = since >= t.warmupNanos && since < t.endNanos;
            if (measured && t.lag != null && session.contains(INTENDED)) {
                t.lag.record(now - intended); // how late Gatling ran the request's first action
            }
            Session s = session.set(GROUP, t.name() + " " + (measured ? MEASURED : since < t.warmupNanos ? WARM_UP : AFTER));
            return hdr ? s.set(START, now) : s;
        }).group("#{" + GROUP + "}").on(exec(request)).exec(session -> {
            long end = System.nanoTime();
            BenchTarget t = targets.get(session.getInt(TARGET));
            boolean ok = !session.isFailed();
            if (session.getString(GROUP).endsWith(MEASURED)) {
                if (hdr) {
                    long start = session.getLong(START);
                    t.capture.recorder(requestName).record(session.contains(INTENDED) ? session.getLong(INTENDED) : start,
                            start, end, ok);
                }
                t.completed.increment();
                if (!ok) {
                    t.failed.increment();
                }
            }
            return session.markAsSucceeded().remove(INTENDED);
        });
    }

    static ChainBuilder intend(ToLongFunction<Session> intendedNanos) {
        return exec(session -> session.set(INTENDED, intendedNanos.applyAsLong(session)));
    }
}
