package dev.fwbench.harness.injector;

import dev.fwbench.harness.Console;
import dev.fwbench.harness.baseline.BaselineServer;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.latency.QuietMoment;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the injector itself costs, measured before any target in every lean run, against the
 * {@link BaselineServer} on a thread of this JVM:
 * <ol>
 *   <li><b>JIT warm-up</b>: the selected requests as fast as {@value #WARM_USERS} connections
 *       allow for {@value #WARM_SECONDS} s (tens of thousands of requests here). The send,
 *       decode and record path is then compiled by C2 (its threshold is about 10,000
 *       invocations), so a run at 50 req/s does not spend its measured seconds in the
 *       interpreter: the rule is "compile first, on a server that costs nothing", not "wait
 *       long enough", which no warm-up at a low rate can reach.</li>
 *   <li><b>The floor</b>: the same requests at the run's rate (its start rate, in the open
 *       model; its users, in the closed one) for {@code seconds}, timed exactly as the
 *       targets will be. Its percentiles are recorded beside every target's: a target's p50
 *       of 0.30 ms with a floor p50 of 0.08 ms means about 0.22 ms was the server's.</li>
 * </ol>
 */
final class ClientFloor {
    static final int WARM_USERS = 8;
    static final int WARM_SECONDS = 2;
    private static final String TOKEN = "baseline.token.value";

    private ClientFloor() {
    }

    /**
     * @param capture  where the floor's own latencies go ({@code hdr/<scenario>/client-floor/})
     * @param warmedUp run after the JIT warm-up, before the floor is timed (waits for other warm-ups)
     * @return request name -> corrected percentiles of the floor
     */
    static Map<String, LatencySummary.Percentiles> measure(InjectorLoop injector, List<String> names, LoadShape load,
                                                            int connections, int wsConnections, int seconds,
                                                            LatencyCapture capture, Runnable warmedUp) {
        try (BaselineServer baseline = new BaselineServer()) {
            URI http = baseline.baseUrl();
            URI ws = baseline.wsUrl();
            long t0 = System.nanoTime();
            Injection warm = Injection.of(injector, names, http, ws, TOKEN,
                    new LoadShape(LoadShape.Model.CLOSED, 1, null, WARM_USERS, 0, WARM_SECONDS), connections, wsConnections,
                    null, null, 1_000_000_000L);
            warm.start().join();
            Console.info("injector JIT warm-up: %,d requests against the in-process baseline in %.1f s", warm.completed(),
                    (System.nanoTime() - t0) / 1e9);
            warmedUp.run();
            LoadShape floorLoad = load.model() == LoadShape.Model.OPEN
                    ? new LoadShape(LoadShape.Model.OPEN, load.rate(), null, 1, 1, seconds)
                    : new LoadShape(LoadShape.Model.CLOSED, 1, null, load.users(), 1, seconds);
            ScheduleLag lag = load.model() == LoadShape.Model.OPEN ? new ScheduleLag(Double.MAX_VALUE) : null;
            Injection floor = Injection.of(injector, names, http, ws, TOKEN, floorLoad, connections, wsConnections, capture, lag,
                    1_000_000_000L);
            capture.quietWhen(() -> floor.quiet(QuietMoment.IDLE_NANOS));
            floor.start().join();
            capture.lag(lag);
            capture.close();
            Map<String, LatencySummary.Percentiles> out = new LinkedHashMap<>();
            capture.summary().requests().forEach(r -> out.put(r.name(), r.correctedMs()));
            return out;
        }
    }
}
