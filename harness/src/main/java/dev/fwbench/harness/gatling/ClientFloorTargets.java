package dev.fwbench.harness.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.baseline.BaselineServer;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two populations a simulation runs before its targets, against the in-process
 * {@link BaselineServer} (the lean engine's {@code injector.ClientFloor} does the same):
 * <ol>
 *   <li>{@link #jit()}: {@value #JIT_USERS} concurrent users for {@value #JIT_SECONDS} s, recorded
 *       nowhere: Gatling's request, check and session code gets compiled by C2 before anything
 *       is timed (at 50 req/s a 5-s warm-up is 250 requests: still the interpreter);</li>
 *   <li>{@link #floor()}: the simulation's own chain at its start rate for
 *       {@code -Dclient.floor.seconds} (after 1 s of warm-up), timed exactly as the targets:
 *       its percentiles go beside every target's as {@code clientFloorMs}.</li>
 * </ol>
 */
final class ClientFloorTargets {
    static final int JIT_USERS = 8;
    static final int JIT_SECONDS = 3;
    private static final String TOKEN = "baseline.token.value";

    private final BaselineServer baseline = new BaselineServer();
    private final BenchTarget jit;
    private final BenchTarget floor;

    /** @param firstIndex the index of its first population's target among the simulation's */
    ClientFloorTargets(RunContext ctx, String simulation, LoadShape shape, int floorSeconds, int firstIndex) {
        LoadShape floorShape = shape.model() == LoadShape.Model.OPEN
                ? new LoadShape(LoadShape.Model.OPEN, shape.rate(), null, 1, 1, floorSeconds)
                : new LoadShape(LoadShape.Model.CLOSED, 1, null, shape.users(), 1, floorSeconds);
        // never measured: its "warm-up" outlasts its injection
        LoadShape jitShape = new LoadShape(LoadShape.Model.CLOSED, 1, null, JIT_USERS, 3_600, 1);
        Target jitTarget = Target.external("client-floor-jit", baseline.baseUrl(), baseline.wsUrl());
        Target floorTarget = Target.external(LatencyCapture.CLIENT_FLOOR, baseline.baseUrl(), baseline.wsUrl());
        jit = new BenchTarget(active(jitTarget), firstIndex, null, ctx.injectorCpu(jitTarget), jitShape, Double.MAX_VALUE);
        LatencyCapture capture = ctx.capture(floorTarget.name(), simulation, floorShape.correction(),
                ctx.injectorCpu(floorTarget));
        floor = new BenchTarget(active(floorTarget), firstIndex + 1, capture, ctx.injectorCpu(floorTarget), floorShape,
                Double.MAX_VALUE);
        ctx.run().put("clientFloor", Map.of("server", "in-process Netty baseline (" + baseline.baseUrl() + ")",
                "jitWarmUp", JIT_USERS + " concurrent users for " + JIT_SECONDS + " s, not recorded",
                "measured", floorShape.describe()));
    }

    private ActiveTarget active(Target t) {
        var health = new ObjectMapper().createObjectNode().put("status", "ok").put("framework", "baseline");
        RunningService service = new RunningService(t, TargetSpec.defaults(Framework.NESTJS), t.url(), t.wsUrl(), health,
                null, List.of(), Duration.ZERO);
        return new ActiveTarget(t, service, TOKEN);
    }

    List<BenchTarget> targets() {
        return List.of(jit, floor);
    }

    BenchTarget jit() {
        return jit;
    }

    BenchTarget floor() {
        return floor;
    }

    /** Closes the floor's capture and the baseline server; returns the floor's corrected percentiles per request. */
    Map<String, LatencySummary.Percentiles> finish() {
        floor.capture.lag(floor.lag);
        floor.capture.close();
        baseline.close();
        Map<String, LatencySummary.Percentiles> out = new LinkedHashMap<>();
        floor.capture.summary().requests().forEach(r -> out.put(r.name(), r.correctedMs()));
        return out;
    }
}
