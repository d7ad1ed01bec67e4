package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link LoadShape} as Gatling's injection profile: warm-up at the start rate, then the measured phase. */
final class GatlingInjection {
    /**
     * How long a shard's open injection runs on at its last rate after the plan's end: Gatling
     * rounds each step's users, and a shard must miss none of its arrivals (those past the plan's
     * last are dropped, {@link BenchTarget#inPlan}).
     */
    static final int TAIL_SECONDS = 2;

    private GatlingInjection() {
    }

    /**
     * Shard {@code shard}'s part of {@code plan}, injected from the shared instant
     * ({@link BenchSimulation#before} waits for it): its users are numbered onto the plan's
     * arrivals, and one that Gatling starts early waits for its due time
     * ({@link GatlingTiming#play}); one it starts late is late, and its lag says so.
     * Open model: nothing until the shard's first arrival is due, then 1/N of every rate (never
     * later than the plan's own times for this shard's arrivals, since arrival {@code jN + i - 1}
     * is due no earlier than the plan's {@code jN}-th), then {@value #TAIL_SECONDS} s more.
     * Gatling is let go {@code early} before the instant; the open model's first user is then
     * that much early and waits. Closed model: its part of the users ({@link Shard#part}), for
     * {@code early} more at the start (they wait at the start instant); requests after the
     * plan's end are not measured.
     */
    static PopulationBuilder injectShard(LoadShape plan, Shard shard, Duration early, ScenarioBuilder scenario) {
        if (plan.model() == LoadShape.Model.OPEN) {
            List<OpenInjectionStep> steps = new ArrayList<>();
            long first = plan.intendedOffsetNanos(shard.arrival(0));
            if (first > 0) {
                steps.add(nothingFor(Duration.ofNanos(first)));
            }
            double rate = shard.rate(plan.rate());
            if (plan.warmupSeconds() > 0) {
                steps.add(constantUsersPerSec(rate).during(plan.warmupSeconds()));
            }
            double end = rate;
            if (plan.rampTo() == null) {
                steps.add(constantUsersPerSec(rate).during(plan.durationSeconds()));
            } else {
                end = shard.rate(plan.rampTo());
                steps.add(rampUsersPerSec(rate).to(end).during(plan.durationSeconds()));
            }
            steps.add(constantUsersPerSec(end).during(TAIL_SECONDS));
            return scenario.injectOpen(steps);
        }
        LoadShape part = shard.part(plan);
        List<ClosedInjectionStep> steps = new ArrayList<>();
        steps.add(constantConcurrentUsers(part.users()).during(early));
        if (part.warmupSeconds() > 0) {
            steps.add(constantConcurrentUsers(part.users()).during(part.warmupSeconds()));
        }
        steps.add(part.rampTo() == null ? constantConcurrentUsers(part.users()).during(part.durationSeconds())
                : rampConcurrentUsers(part.users()).to((int) Math.round(part.rampTo())).during(part.durationSeconds()));
        return scenario.injectClosed(steps);
    }

    static PopulationBuilder inject(LoadShape shape, ScenarioBuilder scenario) {
        double rate = shape.rate();
        Double rampTo = shape.rampTo();
        int warmupSeconds = shape.warmupSeconds();
        int durationSeconds = shape.durationSeconds();
        if (shape.model() == LoadShape.Model.OPEN) {
            OpenInjectionStep measured = rampTo == null
                    ? constantUsersPerSec(rate).during(durationSeconds)
                    : rampUsersPerSec(rate).to(rampTo).during(durationSeconds);
            return warmupSeconds == 0 ? scenario.injectOpen(measured)
                    : scenario.injectOpen(constantUsersPerSec(rate).during(warmupSeconds), measured);
        }
        int users = shape.users();
        ClosedInjectionStep measured = rampTo == null
                ? constantConcurrentUsers(users).during(durationSeconds)
                : rampConcurrentUsers(users).to((int) Math.round(rampTo)).during(durationSeconds);
        return warmupSeconds == 0 ? scenario.injectClosed(measured)
                : scenario.injectClosed(constantConcurrentUsers(users).during(warmupSeconds), measured);
    }
}
