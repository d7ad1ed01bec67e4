package dev.fwbench.scenarios;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.fwbench.harness.Console;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.gatling.SimulationSettings;
import dev.fwbench.harness.gatling.BenchSimulation;
import dev.fwbench.harness.gatling.BenchTarget;
import dev.fwbench.harness.gatling.BroadcastProbe;
import dev.fwbench.harness.latency.LatencyRecorder;
import java.net.URI;
import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;

/**
 * WebSocket echo round trips on many concurrent connections (CONTRACT.md section 8):
 * {@code -Dws.connections} clients (default 20) open {@code /ws/echo} over 1 s, then each
 * sends a text frame on a fixed schedule so that all together send {@code -Drate} frames/s,
 * and times each round trip from its scheduled send: a connection whose previous echo came
 * back late sends late, and the plan, not the late send, is the reference.
 *
 * <p>The client floor: the same connections and frames against the in-process baseline's
 * echo, after the targets ({@code -Dclient.floor.seconds}).
 *
 * <p>Then broadcast fan-out, per target, outside Gatling's injection ({@link BroadcastProbe}:
 * Gatling times unsolicited frames only to the millisecond): {@code -Dws.broadcast.clients}
 * (10) connections to {@code /ws/broadcast}, one of them sending {@code -Dws.broadcast.rate}
 * (20) frames/s; each receipt at every other client is one "broadcast fan-out" sample,
 * timed from the frame's scheduled send. Warm-up up to 2 s, measured up to 10 s
 * ({@code -Dws.broadcast.seconds}).
 *
 * <pre>./mvnw -pl scenarios -am test-compile gatling:test -Dgatling.simulationClass=dev.fwbench.scenarios.WebSocketSimulation -Drate=200</pre>
 */
public class WebSocketSimulation extends BenchSimulation {
    private static final Setting<Integer> CONNECTIONS = SimulationSettings.WS_CONNECTIONS;
    private static final Setting<Integer> BROADCAST_CLIENTS = SimulationSettings.WS_BROADCAST_CLIENTS;
    private static final Setting<Double> BROADCAST_RATE = SimulationSettings.WS_BROADCAST_RATE;
    private static final Setting<Double> BROADCAST_SECONDS = SimulationSettings.WS_BROADCAST_SECONDS;

    public WebSocketSimulation() {
        super(false, CONNECTIONS, BROADCAST_CLIENTS, BROADCAST_RATE, BROADCAST_SECONDS);
    }

    private final int connections = config.get(CONNECTIONS);
    // each connection's share of the rate: one frame every periodNanos
    private final long periodNanos = Math.round(connections / shape.rate() * 1e9);

    // a connection's frames over its target's schedule (the client floor's is shorter than the targets')
    private int framesPerConnection(BenchTarget target) {
        return (int) Math.ceil((target.shape().warmupSeconds() + target.shape().durationSeconds()) * shape.rate()
                / connections);
    }

    // one frame on one connection: its text is unique, and the echo must match it byte for byte
    private final ChainBuilder roundTrip = exec(session -> session.set("text",
            "echo " + session.userId() + " " + session.getInt("frame")))
            // Gatling logs the send ("echo send") and the awaited reply ("echo", the round trip)
            .exec(timed("echo", ws("echo send").sendText("#{text}").await(10).on(
                    ws.checkTextMessage("echo").check(bodyString().isEL("#{text}")))));

    @Override
    protected void afterLoad(BenchTarget target) {
        LatencyRecorder recorder = recorder(target, "broadcast fan-out");
        if (recorder == null) {
            return; // -Dhdr=false: nothing to record into
        }
        int clients = config.get(BROADCAST_CLIENTS);
        double rate = config.get(BROADCAST_RATE);
        double seconds = config.get(BROADCAST_SECONDS) != null ? config.get(BROADCAST_SECONDS)
                : Math.min(10, shape.durationSeconds());
        Duration warmup = Duration.ofMillis(Math.round(Math.min(2, shape.warmupSeconds()) * 1000));
        Console.info("%s %s: broadcast fan-out, %d clients, %.0f frames/s for %.0f s...", simulationName, target.name(),
                clients, rate, seconds);
        long[] result = BroadcastProbe.run(URI.create(target.wsUrl() + "/ws/broadcast"), clients, rate, warmup,
                Duration.ofMillis(Math.round(seconds * 1000)), recorder);
        Console.info("%s %s: broadcast fan-out: %d receipts, %d lost", simulationName, target.name(), result[0], result[1]);
    }

    {
        runEachTarget(target -> exec(ws("connect").connect("/ws/echo"))
                        .exec(session -> session.set("loopStart", System.nanoTime()))
                        .repeat(framesPerConnection(target), "frame").on(
                                // the frame's slot in the absolute schedule (Gatling's pace() schedules each
                                // iteration from the previous one's start: its lateness would add up over a run)
                                intend(s -> s.getLong("loopStart") + s.getInt("frame") * periodNanos)
                                .exec(awaitIntended())
                                .exec(roundTrip))
                        .exec(ws("close").close()),
                scn -> scn.injectOpen(rampUsers(connections).during(1)));
    }
}
