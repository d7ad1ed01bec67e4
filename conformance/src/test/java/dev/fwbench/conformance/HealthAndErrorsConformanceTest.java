package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.TargetSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract §7 and §9: /health, and client errors that stay client errors. */
@ExtendWith(Targets.class)
class HealthAndErrorsConformanceTest {
    private static final Map<Framework, String> HASHERS = Map.of(Framework.NESTJS, "bcrypt", Framework.DJANGO, "pbkdf2_sha256",
            Framework.BARE, "none");
    private static final Map<Framework, String> RUNTIMES = Map.of(Framework.NESTJS, "node", Framework.DJANGO, "python",
            Framework.BARE, "node");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void healthReportsWhatIsRunning(Framework f) {
        Http.Reply r = new Http(Targets.service(f)).get("/health");
        assertThat(r.status()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("framework").asText()).isEqualTo(f.id());
        assertThat(h.get("frameworkVersion").asText()).matches("\\d+\\.\\d+.*");
        assertThat(h.get("runtime").asText()).isEqualTo(RUNTIMES.get(f));
        assertThat(h.get("runtimeVersion").asText()).matches("\\d+\\.\\d+.*");
        assertThat(h.get("server").asText()).isEqualTo(Targets.service(f).spec().variant());
        assertThat(h.get("workers").asInt()).as("workers the suite asked for").isEqualTo(2);
        assertThat(h.get("threads").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(h.get("database").asText()).isEqualTo("up");
        assertThat(h.get("dbPoolSize").isInt()).isTrue();
        assertThat(h.get("passwordHasher").asText()).isEqualTo(HASHERS.get(f));
        // CONTRACT.md sections 5a and 4b: the variants in force, as the suite asked for them
        if (Targets.BACKEND.equals("external")) {
            return;
        }
        assertThat(h.path("cache").asText()).as("cache").isEqualTo(Targets.service(f).spec().cache().id());
        assertThat(h.path("dbAccess").asText()).as("dbAccess").isEqualTo(Targets.service(f).spec().dbAccess().id());
    }

    /**
     * Django's tuned profile under Gunicorn runs its own dependency set, requirements-tuned.txt
     * (Gunicorn 23, psycopg2), everything else requirements.txt (Gunicorn 27, psycopg 3):
     * /health names the server and the driver actually loaded, and they are the pins of the set
     * this target should run (reference-apps/django/README.md, "Profiles").
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void djangoRunsTheDependencySetOfItsProfile(Framework f) throws IOException {
        Assumptions.assumeTrue(f == Framework.DJANGO, "Django's dependency sets");
        Assumptions.assumeFalse(Targets.BACKEND.equals("external"), "an external target has no spec to compare with");
        TargetSpec spec = Targets.service(f).spec();
        boolean tunedSet = spec.profile() == Profile.TUNED && "gunicorn".equals(spec.variant());
        String lock = Files.readString(BenchHome.locate().app("django")
                .resolve(tunedSet ? "requirements-tuned.txt" : "requirements.txt"));
        String driver = tunedSet ? "psycopg2" : "psycopg";
        JsonNode h = new Http(Targets.service(f)).get("/health").json();
        assertThat(h.path("serverVersion").asText()).as("serverVersion of %s", spec.variant())
                .isEqualTo(pin(lock, spec.variant())).startsWith(tunedSet ? "23." : "");
        assertThat(h.path("dbDriver").asText()).as("dbDriver").isEqualTo(driver);
        assertThat(h.path("dbDriverVersion").asText()).as("dbDriverVersion")
                .isEqualTo(pin(lock, tunedSet ? "psycopg2-binary" : "psycopg"));
    }

    /**
     * Django's tuned profile disconnects two per-request signal receivers that do nothing there
     * (reset_queries without DEBUG, close_caches without a memcached backend: bench/apps.py);
     * production keeps Django's defaults. /health reports what was disconnected.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void djangoDropsOnlyInTunedTheReceiversThatDoNothing(Framework f) {
        Assumptions.assumeTrue(f == Framework.DJANGO, "Django's signal receivers");
        Assumptions.assumeFalse(Targets.BACKEND.equals("external"), "an external target has no spec to compare with");
        JsonNode dropped = new Http(Targets.service(f)).get("/health").json().path("droppedSignalReceivers");
        assertThat(dropped.isArray()).as("droppedSignalReceivers: %s", dropped).isTrue();
        List<String> names = new ArrayList<>();
        dropped.forEach(n -> names.add(n.asText()));
        if (Targets.service(f).spec().profile() == Profile.TUNED) {
            assertThat(names).containsExactly("reset_queries", "close_caches");
        } else {
            assertThat(names).isEmpty();
        }
    }

    private static String pin(String lock, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "==(\\S+)").matcher(lock);
        assertThat(m.find()).as("%s pinned", name).isTrue();
        return m.group(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void unknownRoutesAre404Json(Framework f) {
        Http http = new Http(Targets.service(f));
        for (String path : List.of("/no-such-route", "/api/nothing", "/ws/nothing", "/json/extra")) {
            Http.Reply r = http.get(path);
            assertThat(r.status()).as("%s", r).isEqualTo(404);
            assertThat(r.json().path("error").isTextual()).as("error string in %s", r).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void anHttp2UpgradeOfferIsAnsweredAsHttp11(Framework f) throws Exception {
        // the JDK client (like curl --http2) offers "Upgrade: h2c" on a cleartext first
        // request; a server may ignore it (RFC 9110 7.8) but must still answer
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(Targets.service(f).url("/json"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.JSON.readTree(r.body()).get("message").asText()).isEqualTo("Hello, World!");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void malformedInputNeverCausesA500OrAStackTrace(Framework f) {
        Targets.assumeFullContract(f);
        Http http = new Http(Targets.service(f));
        String token = Tokens.login(Targets.service(f));
        List<String[]> requests = List.of(
                new String[] {"GET", "/api/articles/99999999999999999999999", null, null},
                new String[] {"GET", "/api/articles/%00", null, null},
                new String[] {"GET", "/api/articles?limit=1e3&offset=%FF", null, null},
                new String[] {"GET", "/queries?queries=99999999999999999999", null, null},
                new String[] {"GET", "/updates?queries=%20", null, null},
                new String[] {"POST", "/json", "{}", null},
                new String[] {"DELETE", "/fortunes", null, null},
                new String[] {"POST", "/api/auth/token", "", null},
                new String[] {"POST", "/api/auth/token", "{\"username\":5,\"password\":[1]}", null},
                new String[] {"POST", "/api/auth/token", "username=bench&password=x", "form"},
                new String[] {"POST", "/api/articles", "{\"title\":null,\"body\":null,\"author_id\":null}", token},
                new String[] {"POST", "/api/articles", "{\"title\":{\"a\":1},\"body\":[],\"author_id\":true}", token},
                new String[] {"POST", "/api/articles", "{\"title\":\"t\",\"body\":\"b\",\"author_id\":99999999999999999999}", token},
                new String[] {"POST", "/api/articles", "{\"title\":\"t\",\"body\":\"b\",\"author_id\":-1}", token},
                new String[] {"PUT", "/api/articles/abc", "{}", token},
                new String[] {"DELETE", "/api/articles/99999999999999999999", null, token},
                new String[] {"GET", "/api/me", null, "Bearer " + "a".repeat(5000)});
        for (String[] q : requests) {
            String contentType = "form".equals(q[3]) ? "application/x-www-form-urlencoded" : null;
            String bearer = "form".equals(q[3]) ? null : q[3];
            Http.Reply r = http.send(q[0], q[1], q[2], bearer, contentType);
            assertThat(r.status()).as("%s", r).isLessThan(500);
            assertThat(r.body()).as("no stack trace in %s", r)
                    .doesNotContain("Traceback").doesNotContain("    at ").doesNotContain("node_modules");
            if (r.status() >= 400) {
                assertThat(r.contentType()).as("JSON error body in %s", r).startsWith("application/json");
                assertThat(r.json().isObject()).isTrue();
            }
        }
    }
}
