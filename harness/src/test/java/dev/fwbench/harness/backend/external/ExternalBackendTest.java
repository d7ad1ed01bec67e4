package dev.fwbench.harness.backend.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.run.ActiveTarget;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.RunSettings;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.testing.LoopbackHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external backend against a real HTTP server on loopback that answers the contract's
 * {@code /health} and login: nothing started, the target described by what it reports, and
 * a run context records it like any other target.
 */
class ExternalBackendTest {
    private static final String HEALTH = "{\"status\":\"ok\",\"framework\":\"django\",\"frameworkVersion\":\"5.2\","
            + "\"runtime\":\"python\",\"server\":\"uvicorn\",\"workers\":3,\"threads\":1,\"profile\":\"tuned\"}";
    private HttpServer server;
    private URI url;

    @BeforeEach
    void serve() throws Exception {
        server = LoopbackHttp.contractServer(HEALTH);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aServiceIsDescribedByWhatItsHealthReports() {
        try (ExternalBackend backend = new ExternalBackend(false, Duration.ofSeconds(5))) {
            RunningService s = backend.start(Target.external("mine", url, null));
            assertThat(s.spec().framework()).isEqualTo(Framework.DJANGO);
            assertThat(s.spec().variant()).isEqualTo("uvicorn");
            assertThat(s.spec().workers()).isEqualTo(3);
            assertThat(s.spec().profile()).isEqualTo(Profile.TUNED);
            assertThat(s.wsUrl()).isEqualTo(URI.create(url.toString().replace("http", "ws")));
            assertThat(s.pids()).isEmpty();
            assertThat(s.databaseName()).isNull();
            assertThat(backend.configuration()).containsEntry("backend", "external");
            assertThat(backend.jwtSecret()).isNull();
            assertThatThrownBy(backend::postgres).isInstanceOf(BenchException.class);
        }
    }

    @Test
    void aHealthOfAnotherFrameworkIsAClearError() throws Exception {
        JsonNode rails = new ObjectMapper().readTree("{\"framework\":\"rails\"}");
        assertThatThrownBy(() -> ExternalBackend.reported(Target.external("x", url, null), rails))
                .hasMessageContaining("reports framework 'rails'");
    }

    @Test
    void remoteTargetsAreRefusedBeforeAnythingIsSent() {
        try (ExternalBackend backend = new ExternalBackend(false, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> backend.start(Target.external("far", URI.create("http://192.0.2.9:80"), null)))
                    .hasMessageContaining("is not on this machine");
        }
    }

    @Test
    void aRunContextDrivesAnExternalTargetThroughTheSameCode(@TempDir Path runs) throws Exception {
        DriverConfig c = DriverConfig.read(RunSettings.all(), Map.of("base.url", url.toString(), "target", "django",
                "fwbench.runs", runs.toString()), Map.of());
        try (RunContext ctx = RunContext.open("external-test", c, "both", Map.of("driver", "test"))) {
            assertThat(ctx.targets()).extracting(Target::name).containsExactly("django");
            ActiveTarget t = ctx.start(ctx.targets().get(0), true);
            assertThat(t.token()).isEqualTo("a.b.c");
            ctx.finish("completed", Map.of());
            JsonNode runJson = new ObjectMapper().readTree(ctx.run().root().resolve("run.json").toFile());
            assertThat(runJson.path("targets").path("django").path("backend").asText()).isEqualTo("external");
            assertThat(runJson.path("targets").path("django").path("health").path("server").asText()).isEqualTo("uvicorn");
            assertThat(runJson.path("settings").path("base.url").path("source").asText()).isEqualTo("-Dbase.url");
            assertThat(runJson.path("configuration").path("backend").asText()).isEqualTo("external");
        }
    }
}
