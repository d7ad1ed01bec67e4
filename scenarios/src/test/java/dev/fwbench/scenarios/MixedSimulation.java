package dev.fwbench.scenarios;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.fwbench.harness.gatling.BenchSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A weighted mix as a content API sees it: mostly reads of the article resource, some
 * TechEmpower-style lookups, short WebSocket sessions (connect, one echo, close), logins (bcrypt / PBKDF2: their cost is part of the comparison,
 * CONTRACT.md section 6), and a few authenticated writes. One operation per user.
 *
 * <pre>./mvnw -pl scenarios -am test-compile gatling:test -Dgatling.simulationClass=dev.fwbench.scenarios.MixedSimulation</pre>
 */
public class MixedSimulation extends BenchSimulation {
    private static final String ARTICLE = "{\"title\":\"mixed\",\"body\":\"written by Gatling\",\"author_id\":2}";
    private static final String LOGIN = "{\"username\":\"bench\",\"password\":\"bench-password\"}";

    private final ChainBuilder operation = exec(session -> session
            .set("id", ThreadLocalRandom.current().nextInt(1, 10_001))
            .set("offset", ThreadLocalRandom.current().nextInt(0, 9_981)))
            .exec(randomSwitch().on(
                    percent(30).then(timed("article list", http("article list")
                            .get("/api/articles?limit=20&offset=#{offset}").check(status().is(200)))),
                    percent(30).then(timed("article detail", http("article detail")
                            .get("/api/articles/#{id}").check(status().is(200)))),
                    percent(10).then(timed("db", http("db").get("/db").check(status().is(200)))),
                    percent(10).then(timed("json", http("json").get("/json").check(status().is(200)))),
                    percent(10).then(exec(
                            // a live-update client: connect, one echo, leave
                            timed("ws connect", ws("ws connect").connect("/ws/echo")),
                            exec(session -> session.set("text", "mixed " + session.userId())),
                            timed("ws echo", ws("ws echo send").sendText("#{text}").await(10).on(
                                    ws.checkTextMessage("ws echo").check(bodyString().isEL("#{text}")))),
                            exec(ws("ws close").close()))),
                    percent(5).then(timed("login", http("login").post("/api/auth/token")
                            .body(StringBody(LOGIN)).asJson().check(status().is(200)))),
                    percent(5).then(exec(
                            timed("article create", http("article create").post("/api/articles")
                                    .header("Authorization", "Bearer #{" + TOKEN + "}").body(StringBody(ARTICLE))
                                    .asJson().check(status().is(201), jsonPath("$.id").saveAs("created"))),
                            timed("article delete", http("article delete").delete("/api/articles/#{created}")
                                    .header("Authorization", "Bearer #{" + TOKEN + "}").check(status().is(204)))))));

    public MixedSimulation() {
        super(true); // the writes need a token: one login per target before the load
    }

    {
        runEachTarget(target -> operation);
    }
}
