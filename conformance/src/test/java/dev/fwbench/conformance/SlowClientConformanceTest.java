package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slow clients cannot take a target down in its default deployment (CONTRACT.md, "Production
 * front"): 20 slowloris connections trickle request headers, one line a second, for 20 s,
 * never finishing a request, while {@code /health} is asked every 500 ms and must answer 200
 * within 1 s every time. A server that gives each connection a worker until its request is
 * read (Gunicorn's sync worker, with 2 x cores + 1 of them) is down for the whole 20 s; a
 * buffering front (nginx) or an asynchronous server is not.
 */
@ExtendWith(Targets.class)
class SlowClientConformanceTest {
    private static final int SLOW_CLIENTS = 20;
    private static final Duration HOLD = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void twentySlowlorisConnectionsDoNotStopHealthAnswering(Framework f) throws Exception {
        Targets.assumeFullContract(f);
        // 20 s per app: once per build is enough (the containers run fronts the apps the same way)
        Assumptions.assumeFalse(Targets.BACKEND.equals("containers"), "slow clients: checked on the process backend");
        RunningService service = Targets.service(f);
        // a production requirement (CONTRACT.md §1): the tuned profile serves a benchmark's
        // clients directly, as TechEmpower's entries do (Django's gthread workers, no front)
        Assumptions.assumeTrue(service.spec().profile() == Profile.PRODUCTION,
                "slow clients: a requirement of the production profile, not of tuned");
        // the cache and raw-SQL variants (CONTRACT.md sections 5a, 4b) change no server or front
        Assumptions.assumeTrue(service.spec().cache() == ArticleCache.OFF
                        && service.spec().dbAccess() == f.defaultDbAccess(),
                "slow clients: checked once, without the variants, which change no server");
        URI base = service.baseUrl();
        List<Socket> slow = new ArrayList<>();
        List<String> late = new ArrayList<>();
        int asked = 0;
        long worstNanos = 0;
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1000);
                s.getOutputStream().write(("GET /json HTTP/1.1\r\nHost: " + base.getHost() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long end = System.nanoTime() + HOLD.toNanos();
            long nextTrickle = System.nanoTime();
            int line = 0;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextTrickle) {
                    for (Socket s : slow) {
                        trickle(s.getOutputStream(), line);
                    }
                    line++;
                    nextTrickle += Duration.ofSeconds(1).toNanos();
                }
                long t0 = System.nanoTime();
                asked++;
                try {
                    HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                    long took = System.nanoTime() - t0;
                    worstNanos = Math.max(worstNanos, took);
                    if (r.statusCode() != 200) {
                        late.add("HTTP " + r.statusCode() + " at request " + asked);
                    }
                } catch (IOException e) {
                    late.add(e.getClass().getSimpleName() + " at request " + asked);
                }
                Thread.sleep(500);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        System.out.printf("%s: /health asked %d times under %d slow clients, worst %.0f ms, %d late or failed%n",
                f.id(), asked, SLOW_CLIENTS, worstNanos / 1e6, late.size());
        assertThat(late).as("/health answers that were not 200 within 1 s (of %d)", asked).isEmpty();
        assertThat(service.isClosed()).isFalse();
    }

    /** One more header line of a request that never ends (a slowloris client, but one that reads nothing). */
    private static void trickle(OutputStream out, int line) {
        try {
            out.write(("X-Slow-" + line + ": still here\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the server gave up on this connection: that is allowed (and what nginx does after its timeout)
        }
    }
}
