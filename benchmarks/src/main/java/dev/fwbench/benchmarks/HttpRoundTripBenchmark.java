package dev.fwbench.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/*
 * What one request costs, as a client sees it.
 *
 * One thread sends a request, waits for the whole response, and sends the next one, on a
 * connection kept alive between requests (HTTP/1.1). Sample-time mode records the time of
 * each round trip, so the percentiles are the distribution of single-request latencies on
 * an idle server; throughput mode counts round trips per millisecond for the same loop.
 * Neither is a load test: one request is in flight at a time, so this is the latency floor,
 * not the capacity (that is the Gatling scenarios' job).
 *
 * Traps avoided:
 *  - Dead code: the response body is returned, so JMH consumes it and the JIT cannot drop
 *    the work.
 *  - Measuring errors: a non-2xx answer throws, which fails the benchmark instead of
 *    timing a fast 404.
 *  - Counting the client as the server: run with -p target=baseline (the default set
 *    includes it) to see what the JDK client, loopback and JMH cost on their own.
 *  - Connection set-up in the number: the connection is opened in warm-up. Exception:
 *    Gunicorn's sync worker (Django's default variant) closes the connection after every
 *    response, as it expects a buffering proxy in front; there each round trip includes a
 *    TCP connect, which is what that deployment costs.
 *
 * How to run (after ./mvnw -B package):
 *   java -jar benchmarks/target/benchmarks.jar HttpRoundTrip                  # quick defaults
 *   java -jar benchmarks/target/benchmarks.jar HttpRoundTrip -p target=nestjs -p endpoint=db
 *   java -jar benchmarks/target/benchmarks.jar -wi 5 -i 10 -w 5s -r 10s -f 3   # nightly
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(1)
@Threads(1)
public class HttpRoundTripBenchmark {

    /** Endpoint names and the request each stands for. */
    static final Map<String, String> PATHS = Map.of(
            "json", "/json",
            "plaintext", "/plaintext",
            "db", "/db",
            "queries20", "/queries?queries=20",
            "fortunes", "/fortunes",
            "articles", "/api/articles?limit=20",
            "me", "/api/me");

    @Param({"json", "plaintext", "db", "queries20", "fortunes", "articles", "me"})
    public String endpoint;

    private HttpRequest request;

    @Setup(Level.Trial)
    public void prepare(TargetUnderTest t) {
        String path = PATHS.get(endpoint);
        if (path == null) {
            throw new IllegalArgumentException("unknown endpoint '" + endpoint + "': use one of " + PATHS.keySet());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.baseUrl + path)).GET();
        if ("me".equals(endpoint)) {
            b.header("Authorization", "Bearer " + t.token);
        }
        request = b.build();
    }

    @Benchmark
    public String roundTrip(TargetUnderTest t) throws Exception {
        HttpResponse<String> r = t.client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(t.target + " " + request.uri() + " -> HTTP " + r.statusCode());
        }
        return r.body();
    }
}
