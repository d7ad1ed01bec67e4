package dev.fwbench.scenarios;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.fwbench.harness.gatling.BenchSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;

/**
 * The TechEmpower database test types (CONTRACT.md section 4): one row, N single-row
 * queries, N read-then-write updates, the fortunes template, and the in-process cache.
 * Each user sends one request; users take the endpoints in turn, so each gets rate / 9.
 *
 * <pre>./mvnw -pl scenarios -am test-compile gatling:test -Dgatling.simulationClass=dev.fwbench.scenarios.DbSimulation -Dtarget=both</pre>
 */
public class DbSimulation extends BenchSimulation {

    // request name -> path; the N values span cheap to heavy per request
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"db", "/db"},
            new String[] {"queries 1", "/queries?queries=1"},
            new String[] {"queries 5", "/queries?queries=5"},
            new String[] {"queries 20", "/queries?queries=20"},
            new String[] {"updates 1", "/updates?queries=1"},
            new String[] {"updates 5", "/updates?queries=5"},
            new String[] {"updates 20", "/updates?queries=20"},
            new String[] {"fortunes", "/fortunes"},
            new String[] {"cached-queries 20", "/cached-queries?count=20"});

    // one request per user, each endpoint (of -Drequests, default all) in turn
    private final ChainBuilder oneRequest = inTurn(ENDPOINTS.stream().filter(e -> selected(e[0]))
            .map(e -> timed(e[0], http(e[0]).get(e[1]).check(status().is(200))))
            .toList());

    public DbSimulation() {
        super(false);
    }

    {
        runEachTarget(target -> oneRequest);
    }
}
