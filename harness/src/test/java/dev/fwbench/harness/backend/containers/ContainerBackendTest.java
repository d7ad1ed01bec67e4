package dev.fwbench.harness.backend.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.backend.ImageBases;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.testing.DockerRequirement;
import dev.fwbench.harness.db.EmbeddedPostgresServer;
import dev.fwbench.harness.db.PostgresServer;
import dev.fwbench.harness.db.PostgresSettings;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The containers backend for real: both apps built and started in containers with the
 * same limits (checked by inspecting the containers), PostgreSQL with the embedded
 * server's major and settings, resource samples written, nothing left after close.
 */
class ContainerBackendTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void equalLimitsSamplesAndNothingLeftAfterClose(@TempDir Path run) throws Exception {
        DockerRequirement.require();
        DockerClient client = DockerEngine.client();
        ResourceLimits limits = ResourceLimits.of(1, "768m");
        List<String> ids = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        Map<String, String> pgSettings;
        try (ContainerBackend backend = new ContainerBackend(BenchHome.locate(), run.resolve("logs"), run.resolve("resources"),
                Duration.ofSeconds(240), ImageBases.fromEnvironment(System.getenv()))) {
            RunningService nest = backend.start(Target.managed(TargetSpec.defaults(Framework.NESTJS).withLimits(limits)));
            RunningService django = backend.start(Target.managed(TargetSpec.defaults(Framework.DJANGO).withLimits(limits)));
            // Django's production default is behind its nginx front: a second container, with the same limits
            assertThat(nest.containerIds()).hasSize(1);
            assertThat(django.containerIds()).hasSize(2);
            assertThat(django.spec().proxy()).isEqualTo(dev.fwbench.harness.targets.Proxy.NGINX);
            for (String id : django.containerIds()) {
                HostConfig front = client.inspectContainerCmd(id).exec().getHostConfig();
                assertThat(front.getCpusetCpus()).isEqualTo(limits.cpuset());
            }
            for (RunningService s : List.of(nest, django)) {
                HostConfig hc = client.inspectContainerCmd(s.containerIds().get(0)).exec().getHostConfig();
                assertThat(hc.getCpusetCpus()).as("cpuset of %s", s.spec().name()).isEqualTo(limits.cpuset());
                assertThat(hc.getMemory()).as("memory limit of %s", s.spec().name()).isEqualTo(768L << 20);
                assertThat(hc.getMemorySwap()).as("no swap beyond the limit").isEqualTo(768L << 20);
                assertThat(hc.getNetworkMode()).isEqualTo("host");
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(s.url("/json")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                ids.addAll(s.containerIds());
                pids.addAll(s.pids());
            }
            // each framework sizes itself from the cpuset: Node one worker per core, Gunicorn 2 x cores + 1
            assertThat(nest.health().path("workers").asInt()).isEqualTo(1);
            assertThat(django.health().path("workers").asInt()).isEqualTo(3);
            // WebSocket over the host network too (Django: Uvicorn beside Gunicorn)
            assertThat(echo(django.ws("/ws/echo"), "héllo")).isEqualTo("héllo");
            assertThat(echo(nest.ws("/ws/echo"), "héllo")).isEqualTo("héllo");

            pgSettings = settings(backend.postgres());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && backend.resourceSampleCounts().values().stream().anyMatch(n -> n < 3)) {
                Thread.sleep(250);
            }
            assertThat(backend.resourceSampleCounts()).containsKeys("postgres", "redis", "nestjs-express", "django-gunicorn",
                    "nginx-django-gunicorn")
                    .allSatisfy((name, n) -> assertThat(n).as("samples of %s", name).isGreaterThanOrEqualTo(3));
            Map<String, Object> conf = backend.configuration();
            assertThat(conf).containsKeys("limits", "appliedLimits", "imageBases", "appImages", "postgresSettings");
        }
        assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerEngine.LABEL, DockerEngine.SESSION))
                .exec()).as("containers of this session after close").isEmpty();
        for (String id : ids) {
            assertThat(client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec()).isEmpty();
        }
        assertThat(pids).isNotEmpty().noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));

        for (String name : List.of("postgres", "nestjs-express", "django-gunicorn")) {
            List<String> lines = Files.readAllLines(run.resolve("resources").resolve(name + ".csv"));
            assertThat(lines.get(0)).startsWith("time_utc,cpu_percent_of_one_core,memory_bytes");
            assertThat(lines.size()).isGreaterThanOrEqualTo(4);
            String[] sample = lines.get(lines.size() - 1).split(",");
            assertThat(Double.parseDouble(sample[1])).isBetween(0.0, 100.0 * Runtime.getRuntime().availableProcessors());
            assertThat(Long.parseLong(sample[2])).isPositive();
        }
        assertThat(run.resolve("resources/summary.json")).isRegularFile();

        // same major and settings as the process backend's embedded server
        Map<String, String> embedded;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            embedded = settings(pg);
        }
        assertThat(pgSettings.remove("server_version")).startsWith(PostgresSettings.MAJOR + ".");
        assertThat(embedded.remove("server_version")).startsWith(PostgresSettings.MAJOR + ".");
        assertThat(pgSettings).isEqualTo(embedded);
    }

    private static Map<String, String> settings(PostgresServer pg) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(PostgresSettings.server().keySet());
        names.remove("listen_addresses");
        names.add("server_version");
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    m.put(name, rs.getString(1));
                }
            }
        }
        return m;
    }

    private static String echo(URI ws, String text) throws Exception {
        java.util.concurrent.CompletableFuture<String> got = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(ws, new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                got.complete(data.toString());
                return null;
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendText(text, true);
        String reply = got.get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").join();
        return reply;
    }
}
