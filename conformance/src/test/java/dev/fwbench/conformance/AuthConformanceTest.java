package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.targets.Framework;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract §6: JWT login, the current user, and every kind of bad token. */
@ExtendWith(Targets.class)
class AuthConformanceTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void loginReturnsAnHs256TokenThatIdentifiesTheUser(Framework f) {
        Targets.assumeFullContract(f);
        String token = Tokens.login(Targets.service(f));
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(Tokens.header(token).get("alg").asText()).isEqualTo("HS256");

        Http.Reply me = new Http(Targets.service(f)).get("/api/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("bench");
        assertThat(me.json().get("id").isInt()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void wrongCredentialsAre401(Framework f) {
        Targets.assumeFullContract(f);
        Http http = new Http(Targets.service(f));
        assertError(http.send("POST", "/api/auth/token", "{\"username\":\"bench\",\"password\":\"nope\"}", null, null), 401);
        assertError(http.send("POST", "/api/auth/token", "{\"username\":\"nobody\",\"password\":\"bench-password\"}", null, null), 401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void malformedLoginRequestsAre400(Framework f) {
        Targets.assumeFullContract(f);
        Http http = new Http(Targets.service(f));
        for (String body : new String[] {"{\"username\":\"bench\"}", "{}", "{\"username\":", "[1,2]", "\"bench\"", "null"}) {
            Http.Reply r = http.send("POST", "/api/auth/token", body, null, null);
            assertThat(r.status()).as("%s for body %s", r, body).isEqualTo(400);
            assertThat(r.json().get("errors").isObject()).as("errors object in %s", r).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void badTokensAre401(Framework f) {
        Targets.assumeFullContract(f);
        Http http = new Http(Targets.service(f));
        String good = Tokens.login(Targets.service(f));
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

        assertError(http.get("/api/me"), 401);
        assertError(http.get("/api/me", "Bearer"), 401);
        assertError(http.get("/api/me", "Bearer not-a-jwt"), 401);
        assertError(http.get("/api/me", "Basic YmVuY2g6YmVuY2gtcGFzc3dvcmQ="), 401);
        assertError(http.get("/api/me", tampered), 401);
        assertError(http.get("/api/me", Tokens.unsigned(good)), 401);
        assertError(http.get("/api/me", Tokens.expired(good, Targets.jwtSecret())), 401);
        assertError(http.get("/api/me", Tokens.resigned(Tokens.header(good), Tokens.payload(good), "another-secret")), 401);
        // the control: the same claims signed with the right key are accepted
        assertThat(http.get("/api/me", Tokens.resigned(Tokens.header(good), Tokens.payload(good), Targets.jwtSecret()))
                .status()).isEqualTo(200);
    }

    static void assertError(Http.Reply r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.isObject()).as("JSON object in %s", r).isTrue();
        if (status == 400) {
            assertThat(body.get("errors")).as("errors in %s", r).isNotNull();
        } else {
            assertThat(body.path("error").isTextual()).as("error string in %s", r).isTrue();
        }
    }
}
