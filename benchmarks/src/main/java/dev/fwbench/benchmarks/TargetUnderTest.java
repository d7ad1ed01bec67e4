package dev.fwbench.benchmarks;

import dev.fwbench.benchmarks.baseline.BaselineHttpServer;
import dev.fwbench.benchmarks.baseline.BaselineWebSocketServer;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.ShutdownHooks;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.service.ApiLogin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server a benchmark talks to, brought up once per trial (one JMH fork) and taken down
 * after it, through the harness's driver-neutral run context (the same code the Gatling
 * simulations use):
 * <ul>
 *   <li>{@code nestjs}, {@code django}: started by the backend {@code -Dbackend=} picks
 *       (containers where Docker answers, else processes), configured by {@code -Dvariant=},
 *       {@code -Dworkers=}, {@code -Dthreads=}, {@code -Dprofile=}, {@code -Dserver.cpus=}...;
 *       or, with {@code -Dbase.url=} (and {@code -Dws.url=}), a service already running, which
 *       is only driven (it must be on this machine unless {@code -Dallow.remote=true});</li>
 *   <li>{@code baseline}: a trivial in-JVM server with canned answers: the client's own cost.</li>
 * </ul>
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

    private RunContext context;
    private BaselineHttpServer baselineHttp;
    private BaselineWebSocketServer baselineWs;

    @Setup(Level.Trial)
    public void up() throws Exception {
        if ("baseline".equals(target)) {
            baselineHttp = new BaselineHttpServer();
            baselineWs = new BaselineWebSocketServer();
            baseUrl = baselineHttp.baseUrl();
            wsUrl = baselineWs.wsUrl();
            token = ApiLogin.token(URI.create(baseUrl));
            return;
        }
        Console.setQuiet(true);
        ShutdownHooks.forceOnSecondSignal();
        context = RunLocation.context(target);
        ActiveTarget active = context.start(context.targets().get(0), true);
        baseUrl = active.baseUrl().toString();
        wsUrl = active.wsUrl().toString();
        token = active.token();
    }

    @TearDown(Level.Trial)
    public void down() throws IOException {
        if (context != null) {
            context.close();
        }
        if (baselineHttp != null) {
            baselineHttp.close();
        }
        if (baselineWs != null) {
            baselineWs.close();
        }
    }
}
