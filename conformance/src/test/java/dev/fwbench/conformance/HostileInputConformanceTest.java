package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.service.RunningService;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * A hostile client against each target (CONTRACT.md §7, "Hostile input"): about a thousand
 * generated requests per target, over raw sockets ({@link HostileRequests}: methods, request
 * targets, versions, headers, framing, encodings, WebSocket handshakes and frames) and at the
 * application level ({@link HostilePayloads}: JSON shapes, injection strings in every
 * parameter, forged tokens). Every case is held to the same invariants:
 * <ul>
 *   <li>no 5xx (but the 501 and 505 the contract allows for an unknown transfer coding and an
 *       HTTP version the server does not speak);</li>
 *   <li>an answer, or a closed connection, within 5 s: never a hang;</li>
 *   <li>no stack trace or internal path in the body (a traceback, a Node stack frame,
 *       {@code node_modules}, {@code site-packages}, the app's directory);</li>
 *   <li>no write without a valid token: no 2xx to one, and the seeded articles unchanged;</li>
 *   <li>where the contract names the answer (401 for a forged token, 400 on the field for NUL
 *       or too-deep JSON, a 4xx for an oversized header section), that answer.</li>
 * </ul>
 * After each group the target must answer {@code /health} and keep the same processes (a
 * crashed and respawned worker is a new PID). One line per target gives the figures.
 */
@ExtendWith(Targets.class)
class HostileInputConformanceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void hostileInputNeverReachesA5xxAHangALeakOrAWrite(Framework f) throws Exception {
        Targets.assumeFullContract(f);
        RunningService service = Targets.service(f);
        Http http = new Http(service);
        Http.Reply login = http.send("POST", "/api/auth/token", "{\"username\":\"bench\",\"password\":\"bench-password\"}", null, null);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        String token = login.json().get("access").asText();
        String refresh = login.json().path("refresh").asText(null);
        Http.Reply created = http.send("POST", "/api/articles",
                "{\"title\":\"hostile-input scratch\",\"body\":\"replaced by the suite\",\"author_id\":1}", token, null);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        int scratch = created.json().get("id").asInt();

        Set<Long> processes = alive(service);
        String seeded = articlesFingerprint(f, service, scratch);
        List<HostileCase> cases = new ArrayList<>(HostileRequests.all());
        cases.addAll(new HostilePayloads(token, refresh, signingKey(), scratch).all());

        // a request whose header section never ends may be left waiting where nothing buffers in front of the
        // app server: the tuned profile (CONTRACT.md section 1; like the slow-client check, production-only)
        boolean buffered = service.spec().profile() == Profile.PRODUCTION;
        boolean gunicorn23 = gunicornBefore24(http);
        Tally tally = new Tally(leakPatterns());
        long start = System.nanoTime();
        String group = null;
        for (HostileCase c : cases) {
            if (!c.group().equals(group)) {
                if (group != null) {
                    tally.afterGroup(group, service, processes);
                }
                group = c.group();
            }
            URI base = c.webSocket() ? URI.create(service.wsUrl().toString().replaceFirst("^ws", "http")) : service.baseUrl();
            byte[] request = c.request().bytes(base.getHost() + ":" + base.getPort());
            tally.record(c, request, RawHttp.exchange(base, request, c.afterUpgrade(), DEADLINE), buffered, gunicorn23);
        }
        tally.afterGroup(group, service, processes);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String seededAfter = articlesFingerprint(f, service, scratch);
        http.send("DELETE", "/api/articles/" + scratch, null, token, null);

        System.out.printf("%s (%s): %d hostile cases in %.1f s: %d 5xx, %d hangs, %d leaks, %d unauthenticated writes, "
                        + "%d other unexpected answers; %s; %s; articles %s%n", f.id(), Targets.BACKEND, cases.size(),
                took.toMillis() / 1000.0, tally.count("5xx"), tally.count("hang"), tally.count("leak"), tally.count("write"),
                tally.count("expectation"), tally.healthSummary(), processes.isEmpty() ? "processes not observable"
                        : "process tree " + (tally.processChanges.isEmpty() ? "unchanged" : "changed"),
                seeded.equals(seededAfter) ? "unchanged" : "CHANGED");
        System.out.println("  4xx answers without a JSON object body (outside the contract's §7 shape, not asserted): "
                + tally.nonJsonErrors);
        assertThat(tally.findings).as("hostile input findings on %s (%d of %d cases)", f.id(), tally.findings.size(), cases.size())
                .isEmpty();
        assertThat(seededAfter).as("the seeded articles after the hostile cases").isEqualTo(seeded);
    }

    /**
     * Bytes that never end a header section (no blank line): a server may wait for the rest. For a
     * parser that recognises CRLF only ({@code crlfOnly}), bare LF ends nothing either.
     */
    static boolean incomplete(byte[] request, boolean crlfOnly) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return !text.contains("\r\n\r\n") && (crlfOnly || !text.contains("\n\n"));
    }

    /**
     * Gunicorn before 24 (Django's tuned set under Gunicorn, requirements-tuned.txt: Gunicorn 23), as
     * /health reports it. Its parser recognises only CRLF line ends, and it refuses a request line
     * over its limit (4,094 bytes) with 400 where Gunicorn 24+ answers 414: server-stack refusals,
     * CONTRACT.md section 7.
     */
    private static boolean gunicornBefore24(Http http) {
        JsonNode h = http.get("/health").json();
        String version = h.path("serverVersion").asText("");
        return "gunicorn".equals(h.path("server").asText()) && version.matches("\\d+\\..*")
                && Integer.parseInt(version.substring(0, version.indexOf('.'))) < 24;
    }

    /** Tallies what each answer broke; a case may break several rules. */
    private static final class Tally {
        private final List<String> leakPatterns;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        final List<String> findings = new ArrayList<>();
        final List<String> processChanges = new ArrayList<>();
        private final List<String> unhealthy = new ArrayList<>();
        private final Map<String, Integer> nonJsonErrors = new LinkedHashMap<>();

        Tally(List<String> leakPatterns) {
            this.leakPatterns = leakPatterns;
        }

        void record(HostileCase c, byte[] request, RawHttp.Reply r, boolean buffered, boolean gunicorn23) {
            String what = "[" + c.group() + "] " + c.name() + " (" + c.request().describe() + "): ";
            if (r.outcome() == RawHttp.Outcome.TIMED_OUT && (buffered || !incomplete(request, gunicorn23))) {
                finding("hang", what + r);
            }
            if (r.status() >= 500 && !c.expect().allows(r.status())) {
                finding("5xx", what + r);
            }
            String body = r.text();
            String requestText = new String(request, StandardCharsets.ISO_8859_1);
            for (String p : leakPatterns) {
                if (body.contains(p) && !requestText.contains(p)) {
                    finding("leak", what + "the body shows '" + p.strip() + "': " + r);
                    break;
                }
            }
            if (c.write() && r.status() >= 200 && r.status() < 300) {
                finding("write", what + "a write without a valid token was accepted: " + r);
            }
            String violation = c.expect().violation(r);
            boolean gunicorn23LineRefusal = gunicorn23 && r.status() == 400 && body.contains("Request Line is too large");
            if (violation != null && !gunicorn23LineRefusal) {
                finding("expectation", what + violation);
            }
            if (r.status() >= 400 && r.status() < 500 && !isJsonObject(r.body())) {
                nonJsonErrors.merge(r.status() + " " + r.header("Server").orElse("?"), 1, Integer::sum);
            }
        }

        void afterGroup(String group, RunningService service, Set<Long> processes) {
            RawHttp.Reply health = RawHttp.exchange(service.baseUrl(), RawRequest.get("/health").bytes(
                    service.baseUrl().getHost() + ":" + service.baseUrl().getPort()), null, DEADLINE);
            if (health.status() != 200) {
                unhealthy.add(group);
                finding("health", "after the '" + group + "' cases /health answered " + health);
            }
            Set<Long> now = alive(service);
            if (!now.equals(processes)) {
                Set<Long> gone = new TreeSet<>(processes);
                gone.removeAll(now);
                Set<Long> added = new TreeSet<>(now);
                added.removeAll(processes);
                processChanges.add(group);
                finding("processes", "after the '" + group + "' cases the process tree changed: gone " + gone + ", new " + added);
                processes.clear();
                processes.addAll(now); // report the next group's changes on their own
            }
        }

        private void finding(String kind, String message) {
            counts.merge(kind, 1, Integer::sum);
            findings.add(message);
        }

        int count(String kind) {
            return counts.getOrDefault(kind, 0);
        }

        String healthSummary() {
            return unhealthy.isEmpty() ? "/health answered after every group" : "/health failed after " + unhealthy;
        }

        private static boolean isJsonObject(byte[] body) {
            try {
                return Http.JSON.readTree(body).isObject();
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }

    /** Text that only an internal error shows: stack frames, library folders, the app's own location. */
    private static List<String> leakPatterns() {
        List<String> patterns = new ArrayList<>(List.of("Traceback", "node_modules", "site-packages", "dist-packages",
                "\n    at ", "File \"/", "/app/", ".py\", line", "Error: ", "Exception:"));
        try {
            patterns.add(BenchHome.locate().root().toString());
        } catch (RuntimeException e) {
            // an external target run outside the checkout: the generic patterns only
        }
        return patterns;
    }

    /** The live PIDs of the target's process trees (empty for an external target). */
    private static Set<Long> alive(RunningService service) {
        return service.pids().stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The suite forges signed tokens with the target's key when it knows it; without it, unsigned forgeries only. */
    private static String signingKey() {
        try {
            return Targets.jwtSecret();
        } catch (TestAbortedException e) {
            System.out.println("hostile input: " + e.getMessage() + " (signed forgeries skipped)");
            return null;
        }
    }

    /** Every article but the scratch one, from the database when the suite can read it, else the count the API reports. */
    private static String articlesFingerprint(Framework f, RunningService service, int scratch) throws SQLException {
        Connection db;
        try {
            db = Targets.database(f);
        } catch (TestAbortedException e) {
            JsonNode page = new Http(service).get("/api/articles?limit=1").json();
            return "count " + (page.get("count").asLong() - 1);
        }
        try (db; PreparedStatement s = db.prepareStatement("SELECT count(*), md5(string_agg(id || ':' || title || ':' || body "
                + "|| ':' || author_id || ':' || created_at, ',' ORDER BY id)) FROM article WHERE id <> ?")) {
            s.setInt(1, scratch);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " rows, md5 " + rs.getString(2);
            }
        }
    }
}
