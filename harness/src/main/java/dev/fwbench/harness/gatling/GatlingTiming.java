package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
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
    private static final String MEASURED = "measured";
    private static final String WARM_UP = "warm-up";

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

    /** The first step of every user: numbers it and, in the open model, sets its intended start. */
    ChainBuilder arrive(BenchTarget t) {
        return exec(session -> {
            long k = t.arrive(System.nanoTime());
            Session s = session.set(TARGET, t.index).set(TOKEN, t.token() == null ? "" : t.token());
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
            boolean measured = intended - t.originNanos() >= t.warmupNanos;
            if (measured && t.lag != null && session.contains(INTENDED)) {
                t.lag.record(now - intended); // how late Gatling ran the request's first action
            }
            Session s = session.set(GROUP, t.name() + " " + (measured ? MEASURED : WARM_UP));
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
