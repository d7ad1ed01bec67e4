package dev.fwbench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.benchmarks.baseline.BaselineHttpServer;
import dev.fwbench.benchmarks.baseline.BaselineWebSocketServer;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.backend.Backend;
import dev.fwbench.harness.backend.BackendOptions;
import dev.fwbench.harness.backend.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.TargetSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server a benchmark talks to, brought up once per trial (one JMH fork) and taken down
 * after it:
 * <ul>
 *   <li>{@code nestjs}, {@code django}: through the harness's process backend (embedded
 *       PostgreSQL, the app as child processes), unless {@code -Dbase.url=} (and
 *       {@code -Dws.url=}) name a service already running, which is then only driven;</li>
 *   <li>{@code baseline}: a trivial in-JVM server with canned answers: the client's own cost.</li>
 * </ul>
 * Variant and workers come from {@code -Dvariant=} and {@code -Dworkers=} (default: the
 * framework's own production defaults).
 */
@State(Scope.Benchmark)
public class TargetUnderTest {
    @Param({"nestjs", "django", "baseline"})
    public String target;

    /** HTTP/1.1, one kept-alive connection per benchmark thread (the JDK client pools it). */
    public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public String baseUrl;
    public String wsUrl;
    /** A valid JWT for the authenticated routes, from the target's own login route. */
    public String token;

    private Backend backend;
    private BaselineHttpServer baselineHttp;
    private BaselineWebSocketServer baselineWs;

    @Setup(Level.Trial)
    public void up() throws Exception {
        if ("baseline".equals(target)) {
            baselineHttp = new BaselineHttpServer();
            baselineWs = new BaselineWebSocketServer();
            baseUrl = baselineHttp.baseUrl();
            wsUrl = baselineWs.wsUrl();
        } else if (System.getProperty("base.url") != null) {
            baseUrl = strip(System.getProperty("base.url"));
            wsUrl = strip(System.getProperty("ws.url", baseUrl.replaceFirst("^http", "ws")));
        } else {
            Console.setQuiet(true);
            Path runDir = RunLocation.runDirectory();
            // -Dbackend=auto|containers|process, -Dserver.cpus=, -Dserver.memory=, -Dimage.node=...
            backend = BackendOptions.fromSystemProperties(Duration.ofSeconds(240)).open(BenchHome.locate(), runDir);
            RunningService s = backend.start(new TargetSpec(Framework.parse(target), System.getProperty("variant"),
                    Integer.getInteger("workers", 0), Integer.getInteger("threads", 0), 0));
            baseUrl = s.baseUrl().toString();
            wsUrl = s.wsUrl().toString();
            Path targets = Files.createDirectories(runDir.resolve("targets"));
            Files.writeString(targets.resolve(s.spec().name().replace(':', '-') + ".health.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s.health()));
            Files.writeString(targets.resolve(s.spec().name().replace(':', '-') + ".configuration.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(backend.configuration()));
        }
        token = login();
    }

    private String login() throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench\",\"password\":\"bench-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(target + " login failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return new ObjectMapper().readTree(r.body()).get("access").asText();
    }

    @TearDown(Level.Trial)
    public void down() throws IOException {
        if (backend != null) {
            backend.close();
        }
        if (baselineHttp != null) {
            baselineHttp.close();
        }
        if (baselineWs != null) {
            baselineWs.close();
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
