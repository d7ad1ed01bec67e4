package dev.fwbench.harness.injector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fwbench.harness.baseline.BaselineServer;
import dev.fwbench.harness.latency.LatencyRecorder;
import dev.fwbench.harness.latency.ScheduleLag;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.testing.LoopbackHttp;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean engine against real loopback servers: the schedule's counts, the bounded pool and
 * what its waits do to the corrected latency, the closed model's users, connections that
 * close after each answer, and a server that never answers. Counts and bounds, not timings:
 * the instrument's speed is measured by benchmarks/scripts/instrument.sh, not here.
 */
class TargetLoadTest {
    private static InjectorLoop injector;
    private static BaselineServer baseline;

    @BeforeAll
    static void start() {
        injector = new InjectorLoop("test-injector");
        baseline = new BaselineServer();
    }

    @AfterAll
    static void stop() {
        baseline.close();
        injector.close();
    }

    private static InetSocketAddress address(URI u) {
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    private static LatencyRecorder[] recorders(List<RequestShape> shapes) {
        return shapes.stream().map(s -> new LatencyRecorder(s.name())).toArray(LatencyRecorder[]::new);
    }

    @Test
    void theOpenModelSendsExactlyTheScheduleAndRecordsOnlyTheMeasuredPart() {
        List<RequestShape> shapes = RequestCatalogue.shapes(List.of("json", "db"), baseline.baseUrl(), null);
        LatencyRecorder[] rec = recorders(shapes);
        ScheduleLag lag = new ScheduleLag(1.0);
        // 1 s warm-up + 2 s measured at 500 req/s: 1,500 arrivals, 1,000 of them measured, json and db in turn
        TargetLoad load = new TargetLoad(injector, address(baseline.baseUrl()), 16, shapes,
                new LoadShape(LoadShape.Model.OPEN, 500, null, 1, 1, 2), Shard.WHOLE, rec, lag, TimeUnit.SECONDS.toNanos(5));
        load.start().join();
        rec[0].takeInterval();
        rec[1].takeInterval();
        assertThat(rec[0].correctedTotal().getTotalCount() + rec[1].correctedTotal().getTotalCount()).isEqualTo(1_000);
        assertThat(rec[0].correctedTotal().getTotalCount()).isEqualTo(500);
        assertThat(rec[0].errors() + rec[1].errors()).isZero();
        assertThat(load.completed.sum()).isEqualTo(1_000);
        assertThat(lag.report().count()).isEqualTo(1_000);
        // the warm-up's 500 took the same recording path, into recorders of their own
        rec[0].warmUp().takeInterval();
        rec[1].warmUp().takeInterval();
        assertThat(rec[0].warmUp().correctedTotal().getTotalCount() + rec[1].warmUp().correctedTotal().getTotalCount())
                .isEqualTo(500);
        assertThat(load.pool().peakOpen).isLessThanOrEqualTo(16);
        // the corrected latency is never below the uncorrected one
        assertThat(rec[0].correctedTotal().getValueAtPercentile(50))
                .isGreaterThanOrEqualTo(rec[0].uncorrectedTotal().getValueAtPercentile(50));
    }

    @Test
    void aFullPoolQueuesRequestsAndTheWaitShowsInTheCorrectedLatency() throws Exception {
        HttpServer slow = LoopbackHttp.contractServer("{\"status\":\"ok\",\"framework\":\"nestjs\"}");
        slow.setExecutor(Executors.newFixedThreadPool(32));
        slow.createContext("/json", x -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackHttp.answer(x, "{\"message\":\"Hello, World!\"}");
        });
        slow.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + slow.getAddress().getPort());
            List<RequestShape> shapes = RequestCatalogue.shapes(List.of("json"), url, null);
            LatencyRecorder[] rec = recorders(shapes);
            // 200 req/s x 50 ms needs 10 connections; the pool has 4: about 80 req/s get through
            TargetLoad load = new TargetLoad(injector, address(url), 4, shapes,
                    new LoadShape(LoadShape.Model.OPEN, 200, null, 1, 0, 2), Shard.WHOLE, rec, new ScheduleLag(1.0),
                    TimeUnit.SECONDS.toNanos(20));
            load.start().join();
            rec[0].takeInterval();
            assertThat(load.pool().peakOpen).as("never more sockets than the pool's bound").isLessThanOrEqualTo(4);
            assertThat(load.pool().waited).as("requests that found every connection busy").isPositive();
            assertThat(rec[0].correctedTotal().getTotalCount()).as("all answered within the drain").isEqualTo(400);
            double correctedP50 = rec[0].correctedTotal().getValueAtPercentile(50) / 1e6;
            double uncorrectedP50 = rec[0].uncorrectedTotal().getValueAtPercentile(50) / 1e6;
            assertThat(uncorrectedP50).as("from the send: the server's 50 ms").isBetween(49.0, 200.0);
            assertThat(correctedP50).as("from the due time: the queue behind the 4 connections").isGreaterThan(1_000);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void theClosedModelKeepsOneConnectionPerUserBusy() {
        List<RequestShape> shapes = RequestCatalogue.shapes(List.of("json"), baseline.baseUrl(), null);
        LatencyRecorder[] rec = recorders(shapes);
        TargetLoad load = new TargetLoad(injector, address(baseline.baseUrl()), 64, shapes,
                new LoadShape(LoadShape.Model.CLOSED, 1, null, 4, 0, 1), Shard.WHOLE, rec, null, TimeUnit.SECONDS.toNanos(5));
        load.start().join();
        rec[0].takeInterval();
        assertThat(load.pool().peakOpen).isEqualTo(4);
        assertThat(load.pool().connects).isEqualTo(4);
        assertThat(rec[0].correctedTotal().getTotalCount()).isGreaterThan(100);
        assertThat(rec[0].errors()).isZero();
        // no schedule: corrected and uncorrected are the same measurement
        assertThat(rec[0].correctedTotal().getTotalCount()).isEqualTo(rec[0].uncorrectedTotal().getTotalCount());
    }

    @Test
    void aServerThatClosesEachConnectionCostsAConnectPerRequestAndNoError() throws Exception {
        HttpServer closing = LoopbackHttp.contractServer("{\"status\":\"ok\",\"framework\":\"django\"}");
        closing.createContext("/json", x -> {
            x.getResponseHeaders().set("Connection", "close"); // as Gunicorn's sync worker answers
            LoopbackHttp.answer(x, "{\"message\":\"Hello, World!\"}");
        });
        closing.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + closing.getAddress().getPort());
            List<RequestShape> shapes = RequestCatalogue.shapes(List.of("json"), url, null);
            LatencyRecorder[] rec = recorders(shapes);
            TargetLoad load = new TargetLoad(injector, address(url), 8, shapes,
                    new LoadShape(LoadShape.Model.OPEN, 100, null, 1, 0, 1), Shard.WHOLE, rec, null, TimeUnit.SECONDS.toNanos(5));
            load.start().join();
            rec[0].takeInterval();
            assertThat(rec[0].correctedTotal().getTotalCount()).isEqualTo(100);
            assertThat(rec[0].errors()).isZero();
            assertThat(load.pool().connects).as("a connection per request").isGreaterThanOrEqualTo(100);
        } finally {
            closing.stop(0);
        }
    }

    @Test
    void aServerThatNeverAnswersFailsEveryRequestAtTheDrainsEnd() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // reads nothing, answers nothing
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            List<RequestShape> shapes = RequestCatalogue.shapes(List.of("json"), url, null);
            LatencyRecorder[] rec = recorders(shapes);
            long t0 = System.nanoTime();
            TargetLoad load = new TargetLoad(injector, address(url), 4, shapes,
                    new LoadShape(LoadShape.Model.OPEN, 50, null, 1, 0, 1), Shard.WHOLE, rec, null, TimeUnit.MILLISECONDS.toNanos(500));
            load.start().join();
            rec[0].takeInterval();
            assertThat(rec[0].errors()).as("every request failed, none lost").isEqualTo(50);
            assertThat(rec[0].correctedTotal().getTotalCount()).isEqualTo(50);
            assertThat(load.pool().outstanding()).isZero();
            assertThat((System.nanoTime() - t0) / 1e9).as("the schedule (1 s) + the drain (0.5 s), not forever")
                    .isLessThan(10);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void webSocketEchoFramesAreSentOnScheduleAndEachEchoMatched() {
        URI ws = baseline.wsUrl();
        LatencyRecorder rec = new LatencyRecorder("echo");
        ScheduleLag lag = new ScheduleLag(1.0);
        EchoLoad load = new EchoLoad(injector, URI.create(ws + "/ws/echo"), 4,
                new LoadShape(LoadShape.Model.OPEN, 200, null, 1, 1, 2), Shard.WHOLE, rec, lag, TimeUnit.SECONDS.toNanos(5));
        load.start().join();
        rec.takeInterval();
        assertThat(rec.correctedTotal().getTotalCount()).as("2 s measured at 200 frames/s").isEqualTo(400);
        assertThat(rec.errors()).as("every echo equal to its frame").isZero();
        assertThat(lag.report().count()).isEqualTo(400);
        assertThat(load.facts()).containsEntry("webSocketConnections", 4);
    }

    @Test
    void aWebSocketEndpointThatIsNotThereFailsTheLoadWithTheReason() {
        EchoLoad load = new EchoLoad(injector, URI.create(baseline.wsUrl() + "/ws/none"), 2,
                new LoadShape(LoadShape.Model.OPEN, 10, null, 1, 0, 1), Shard.WHOLE, new LatencyRecorder("echo"), null,
                TimeUnit.SECONDS.toNanos(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load.start().join())
                .hasMessageContaining("WebSocket handshake with");
    }

    @Test
    void unknownRequestNamesAreRefusedWithTheList() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestCatalogue.select("json,article create"))
                .hasMessageContaining("no request 'article create'").hasMessageContaining("-Dengine=gatling")
                .hasMessageContaining("queries 20");
        assertThat(RequestCatalogue.select(null)).containsExactly("json");
        assertThat(RequestCatalogue.select("db, queries 20,db")).containsExactly("db", "queries 20");
        assertThat(RequestCatalogue.needsToken(List.of("json", "me"))).isTrue();
        assertThat(RequestCatalogue.select("echo")).containsExactly("echo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestCatalogue.select("json,echo"))
                .hasMessageContaining("runs alone");
    }
}
