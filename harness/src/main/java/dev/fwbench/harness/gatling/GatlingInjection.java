package dev.fwbench.harness.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.fwbench.harness.load.LoadShape;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/** A {@link LoadShape} as Gatling's injection profile: warm-up at the start rate, then the measured phase. */
final class GatlingInjection {
    private GatlingInjection() {
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
