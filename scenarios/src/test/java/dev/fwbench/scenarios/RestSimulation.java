package dev.fwbench.scenarios;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.fwbench.harness.gatling.BenchSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The REST side of the contract: TechEmpower /json and /plaintext, the article list and
 * detail (an article embeds its author: a join, CONTRACT.md section 5), and an authenticated
 * write: create, replace, delete (so the table keeps its size). Users take the five in turn;
 * only the first request of a write is timed from the plan, the next two from their send.
 *
 * <pre>./mvnw -pl scenarios -am test-compile gatling:test -Dgatling.simulationClass=dev.fwbench.scenarios.RestSimulation</pre>
 */
public class RestSimulation extends BenchSimulation {
    private static final String AUTH = "Bearer #{" + TOKEN + "}";
    private static final String ARTICLE = "{\"title\":\"load test\",\"body\":\"written by Gatling\",\"author_id\":1}";

    private final ChainBuilder json = timed("json", http("json").get("/json").check(status().is(200)));
    private final ChainBuilder plaintext = timed("plaintext", http("plaintext").get("/plaintext")
            .check(status().is(200)));
    private final ChainBuilder list = timed("article list", http("article list")
            .get("/api/articles?limit=20&offset=#{offset}").check(status().is(200)));
    private final ChainBuilder detail = timed("article detail", http("article detail")
            .get("/api/articles/#{id}").check(status().is(200)));
    private final ChainBuilder write = exec(
            timed("article create", http("article create").post("/api/articles").header("Authorization", AUTH)
                    .body(StringBody(ARTICLE)).asJson().check(status().is(201), jsonPath("$.id").saveAs("created"))),
            timed("article update", http("article update").put("/api/articles/#{created}")
                    .header("Authorization", AUTH).body(StringBody(ARTICLE)).asJson().check(status().is(200))),
            timed("article delete", http("article delete").delete("/api/articles/#{created}")
                    .header("Authorization", AUTH).check(status().is(204))));

    private final ChainBuilder oneUser = exec(session -> session
            .set("id", ThreadLocalRandom.current().nextInt(1, 10_001))       // a seeded article
            .set("offset", ThreadLocalRandom.current().nextInt(0, 9_981)))   // a full page of 20
            .exec(inTurn(Stream.of(
                            Map.entry("json", json), Map.entry("plaintext", plaintext), Map.entry("article list", list),
                            Map.entry("article detail", detail), Map.entry("article create", write))
                    .filter(e -> selected(e.getKey())).map(Map.Entry::getValue).toList()));  // -Drequests

    public RestSimulation() {
        super(true); // the writes need a token: one login per target before the load
    }

    {
        runEachTarget(target -> oneUser);
    }
}
