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
     * ({@link BenchTarget#startAt}), a user with no arrival of the plan to play is dropped, and a
     * user Gatling starts before its due time (the open model's; the closed model's: the shared
     * start instant) waits for it, rounded up to Gatling's whole milliseconds, so that no request
     * leaves before the plan wants it: lateness is recorded as lag, never hidden by an early send.
     */
    ChainBuilder play(BenchTarget t, ChainBuilder userChain) {
        if (!t.sharded()) {
            return arrive(t).exec(userChain);
        }
        return arrive(t).doIf(session -> session.getBoolean(IN_PLAN)).then(
                pause(session -> untilDue(t, session)).exec(userChain));
    }

    /** How long a shard's user waits for its due time, in whole milliseconds (Gatling's pause resolution), rounded up. */
    private static Duration untilDue(BenchTarget t, Session session) {
        long due = session.contains(INTENDED) ? session.getLong(INTENDED) : t.originNanos();
        long early = due - System.nanoTime();
        return early <= 0 ? Duration.ZERO : Duration.ofMillis((early + 999_999) / 1_000_000);
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
