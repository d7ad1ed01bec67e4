package dev.fwbench.conformance;

import static dev.fwbench.conformance.HostileCase.Expectation.anything;
import static dev.fwbench.conformance.HostileCase.Expectation.clientError;
import static dev.fwbench.conformance.HostileCase.Expectation.maybeUnknownTransferCoding;
import static dev.fwbench.conformance.HostileCase.Expectation.maybeUnsupportedVersion;
import static dev.fwbench.conformance.HostileCase.Expectation.refused;
import static dev.fwbench.conformance.HostileCase.Expectation.status;
import static dev.fwbench.conformance.HostileCase.Expectation.unknownTransferCoding;

import dev.fwbench.conformance.HostileCase.Expectation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile requests at the protocol level, the same for every target: methods, request
 * targets, protocol versions, headers (sizes, duplicates, bad characters), message framing
 * (Content-Length, chunked coding, unknown transfer codings), body encodings, and WebSocket
 * handshakes and frames. Where the contract asks a precise answer (an oversized header
 * section is a 4xx, an unknown transfer coding 400 or 501) the case says so; elsewhere any
 * answer that keeps the invariants will do, including a closed connection for garbage.
 */
final class HostileRequests {
    /** A header section this large is refused by every stack (CONTRACT.md §7, "Limits"). */
    static final int OVERSIZED_HEADERS = 70 * 1024;

    private HostileRequests() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(methods());
        cases.addAll(targets());
        cases.addAll(versions());
        cases.addAll(headers());
        cases.addAll(framing());
        cases.addAll(encodings());
        cases.addAll(webSocketHandshakes());
        cases.addAll(webSocketFrames());
        return cases;
    }

    static List<HostileCase> methods() {
        List<HostileCase> cases = new ArrayList<>();
        for (String m : List.of("PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "LOCK", "SEARCH", "PURGE",
                "get", "GETX", "G E T", "GET\u0000", "\u00c9T\u00c9", "X".repeat(8_000), "")) {
            cases.add(HostileCase.http("methods", m.length() > 20 ? m.length() + "-char method" : "'" + m + "' /json",
                    RawRequest.of(m, "/json"), anything()));
            cases.add(HostileCase.http("methods", (m.length() > 20 ? m.length() + "-char" : "'" + m + "'") + " /api/articles",
                    RawRequest.of(m, "/api/articles").json("{}"), anything()));
        }
        // writes by every write-like method, without a token
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE")) {
            cases.add(HostileCase.unauthenticatedWrite("methods", m + " /api/articles/1 without a token",
                    RawRequest.of(m, "/api/articles/1").json("{\"title\":\"t\",\"body\":\"b\",\"author_id\":1}"))
                    .withExpect(m.equals("PUT") || m.equals("DELETE") ? status(401) : status(401, 404, 405)));
        }
        return cases;
    }

    static List<HostileCase> targets() {
        List<HostileCase> cases = new ArrayList<>();
        for (String t : List.of("*", "http://evil.example/json", "https://127.0.0.1/json", "//json", "json", "/json?",
                "/json?%", "/json?a=%zz", "/json#fragment", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd",
                "/api/articles/1/../2", "/api/articles/..%2f..%2fetc%2fpasswd", "/api/articles/%00", "/api/articles/1%00",
                "/api/articles/1%0d%0aSet-Cookie:%20x=1", "/json;jsessionid=1", "/json/", "/JSON", "/json%20",
                "/%ff%fe", RawRequest.utf8Bytes("/caf\u00e9/\ud83d\ude80"), "/\u00ff\u00fe", "/a\tb", "/" + "a/".repeat(2_000),
                "/" + "x".repeat(9_000), "/json?" + "a=1&".repeat(5_000), "/api/articles?limit=1&limit=2",
                "/api/articles?limit[]=1", "/api/articles?limit[$gt]=1", "/api/articles?offset=1e3", "/api/articles?limit=%00",
                "/queries?queries[]=1", "/queries?queries=1&queries=2", "/api/articles/" + "9".repeat(400),
                "/api/articles/0x10", "/api/articles/-1", "/api/articles/1.0", "/api/articles/+1", "/api/articles/%2B1",
                "/health/..", "/.env", "/.git/config", "/admin/", "/static/../../etc/passwd", "/ws/echo/../../json")) {
            cases.add(HostileCase.http("targets", t.length() > 60 ? t.substring(0, 40) + "... (" + t.length() + " chars)" : t,
                    RawRequest.get(t), anything()));
        }
        return cases;
    }

    static List<HostileCase> versions() {
        List<HostileCase> cases = new ArrayList<>();
        for (String v : List.of("HTTP/1.0", "HTTP/0.9", "HTTP/1.2", "HTTP/2.0", "HTTP/3", "HTTP/9.9", "http/1.1", "HTTP/1.1 extra",
                "HTTP/", "HTTP/1.10", "HTTP/01.1", "XYZ/1.1")) {
            cases.add(HostileCase.http("versions", "GET /json " + v, RawRequest.get("/json").version(v), maybeUnsupportedVersion()));
        }
        cases.add(HostileCase.http("versions", "HTTP/1.1 without Host", RawRequest.get("/json").noHost(), anything()));
        cases.add(HostileCase.http("versions", "HTTP/1.0 without Host", RawRequest.get("/json").version("HTTP/1.0").noHost(), anything()));
        cases.add(HostileCase.http("versions", "HTTP/0.9 simple request", raw("GET /json\r\n\r\n"), anything()));
        cases.add(HostileCase.http("versions", "an HTTP/2 preface", raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), anything()));
        cases.add(HostileCase.http("versions", "a TLS ClientHello", raw("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003"), anything()));
        cases.add(HostileCase.http("versions", "LF-only line endings", raw("GET /json HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n"), anything()));
        cases.add(HostileCase.http("versions", "CR-only line endings", raw("GET /json HTTP/1.1\rHost: 127.0.0.1\rConnection: close\r\r"), anything()));
        cases.add(HostileCase.http("versions", "leading blank lines", raw("\r\n\r\nGET /json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), anything()));
        cases.add(HostileCase.http("versions", "NUL bytes only", raw("\u0000".repeat(64)), anything()));
        return cases;
    }

    static List<HostileCase> headers() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(HostileCase.http("headers", "one " + OVERSIZED_HEADERS / 1024 + " KiB header",
                RawRequest.get("/json").header("X-Big", "a".repeat(OVERSIZED_HEADERS)), refused()));
        cases.add(HostileCase.http("headers", "a " + OVERSIZED_HEADERS / 1024 + " KiB header section in 2,000 fields",
                manyHeaders(RawRequest.get("/json"), 2_000, OVERSIZED_HEADERS / 2_000), refused()));
        cases.add(HostileCase.http("headers", OVERSIZED_HEADERS / 1024 + " KiB Authorization on /api/me",
                RawRequest.get("/api/me").header("Authorization", "Bearer " + "a".repeat(OVERSIZED_HEADERS)), refused()));
        for (int kib : List.of(7, 12, 20, 40)) {
            cases.add(HostileCase.http("headers", "one " + kib + " KiB header", RawRequest.get("/json")
                    .header("X-Big", "a".repeat(kib * 1024)), anything()));
            cases.add(HostileCase.http("headers", kib + " KiB cookie", RawRequest.get("/api/articles")
                    .header("Cookie", "s=" + "b".repeat(kib * 1024)), anything()));
        }
        for (int n : List.of(99, 101, 200, 1_000)) {
            cases.add(HostileCase.http("headers", n + " small headers", manyHeaders(RawRequest.get("/json"), n, 4), anything()));
        }
        cases.add(HostileCase.http("headers", "header name of 10,000 chars", RawRequest.get("/json").header("X".repeat(10_000), "v"), anything()));
        cases.add(HostileCase.http("headers", "two Content-Length values",
                RawRequest.of("POST", "/api/auth/token").header("Content-Type", "application/json").header("Content-Length", "2")
                        .header("Content-Length", "3").body("{}x".getBytes(StandardCharsets.US_ASCII)).noLength(), anything()));
        cases.add(HostileCase.http("headers", "Content-Length: 2, 3", RawRequest.of("POST", "/api/auth/token")
                .header("Content-Type", "application/json").header("Content-Length", "2, 3").body("{}x".getBytes()).noLength(), anything()));
        cases.add(HostileCase.http("headers", "two Host headers", RawRequest.get("/json").header("Host", "evil.example"), anything()));
        cases.add(HostileCase.http("headers", "Host: evil.example", RawRequest.get("/json").noHost().header("Host", "evil.example"), anything()));
        cases.add(HostileCase.http("headers", "Host with a path", RawRequest.get("/json").noHost().header("Host", "127.0.0.1/../x"), anything()));
        cases.add(HostileCase.http("headers", "empty Host", RawRequest.get("/json").noHost().header("Host", ""), anything()));
        cases.add(HostileCase.http("headers", "Host: [::1]:99999", RawRequest.get("/json").noHost().header("Host", "[::1]:99999"), anything()));
        for (String[] h : new String[][] {
                {"X-Nul", "a\u0000b"}, {"X-Ctl", "a\u0007b"}, {"X-Del", "a\u007fb"}, {"X-Latin1", "caf\u00e9"},
                {"X-Utf8", RawRequest.utf8Bytes("\ud83d\ude80 \u202e")}, {"X-Cr", "a\rb"}, {"Bad Name", "v"}, {"", "empty name"},
                {"X-Colon:", "v"}, {"X(paren)", "v"}, {"X-Fold", "a\r\n folded"}, {"X-Tab", "\ta\t"},
                {"Authorization", "Bearer"}, {"Authorization", "Bearer  two  spaces"}, {"Authorization", "bEaReR x.y.z"},
                {"Authorization", "Basic YmVuY2g6YmVuY2gtcGFzc3dvcmQ="}, {"Accept", "*/*;q=nope"}, {"Accept-Encoding", "gzip;q=2, br;q=-1"},
                {"Range", "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9"}, {"If-None-Match", "\"x\", W/\"y\", *"},
                {"If-Modified-Since", "not a date"}, {"X-Forwarded-For", "127.0.0.1, evil"}, {"X-Forwarded-Host", "evil.example"},
                {"X-HTTP-Method-Override", "DELETE"}, {"Forwarded", "for=\"[::1]\";proto=gopher"}, {"Content-Type", "application/json; charset=\"\u0000\""}}) {
            cases.add(HostileCase.http("headers", "'" + h[0] + ": " + h[1] + "' on /api/me", RawRequest.get("/api/me").header(h[0], h[1]),
                    anything()));
        }
        // nginx refuses a repeated Authorization outright (400): refused either way, never a write
        cases.add(HostileCase.unauthenticatedWrite("headers", "two Authorization headers, one bogus, on DELETE",
                RawRequest.of("DELETE", "/api/articles/1").header("Authorization", "Bearer x").header("Authorization", "Bearer y"))
                .withExpect(status(400, 401)));
        cases.add(HostileCase.unauthenticatedWrite("headers", "X-HTTP-Method-Override: GET on an anonymous POST",
                RawRequest.of("POST", "/api/articles").header("X-HTTP-Method-Override", "GET")
                        .json("{\"title\":\"t\",\"body\":\"b\",\"author_id\":1}")));
        return cases;
    }

    static List<HostileCase> framing() {
        List<HostileCase> cases = new ArrayList<>();
        String login = "{\"username\":\"nobody\",\"password\":\"x\"}";
        for (String cl : List.of("-1", "abc", "99999999999999999999", "0x10", "+5", " 5", "1e3", "")) {
            cases.add(HostileCase.http("framing", "Content-Length: '" + cl + "'", RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").header("Content-Length", cl).body(login.getBytes()).noLength(), anything()));
        }
        cases.add(HostileCase.http("framing", "Content-Length shorter than the body", RawRequest.of("POST", "/api/auth/token")
                .header("Content-Type", "application/json").header("Content-Length", "5").body(login.getBytes()).noLength(), anything()));
        for (String te : List.of("xchunked", "chunked, xchunked", "gzip", "identity", "compress")) {
            cases.add(HostileCase.http("framing", "Transfer-Encoding: " + te, RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").header("Transfer-Encoding", te).body(chunked(login)).noLength(),
                    unknownTransferCoding()));
        }
        // chunked spelled oddly but validly, or behind a coding the server may not know
        for (String te : List.of("Chunked", " chunked", "chunked ", "gzip, chunked", "chunked;q=1")) {
            cases.add(HostileCase.http("framing", "Transfer-Encoding: '" + te + "'", RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").header("Transfer-Encoding", te).body(chunked(login)).noLength(),
                    maybeUnknownTransferCoding()));
        }
        cases.add(HostileCase.http("framing", "Transfer-Encoding and Content-Length", RawRequest.of("POST", "/api/auth/token")
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").header("Content-Length", "4")
                .body(chunked(login)).noLength(), anything()));
        cases.add(HostileCase.http("framing", "two Transfer-Encoding headers", RawRequest.of("POST", "/api/auth/token")
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").header("Transfer-Encoding", "chunked")
                .body(chunked(login)).noLength(), anything()));
        for (String[] body : new String[][] {
                {"chunk size 'zz'", "zz\r\n{}\r\n0\r\n\r\n"}, {"chunk size overflow", "fffffffffffffffffff\r\n{}\r\n0\r\n\r\n"},
                {"negative chunk size", "-2\r\n{}\r\n0\r\n\r\n"}, {"chunk extension junk", "2;\u0000=\"\r\n{}\r\n0\r\n\r\n"},
                {"chunk longer than its size", "1\r\n{}\r\n0\r\n\r\n"}, {"missing CRLF after data", "2\r\n{}0\r\n\r\n"},
                {"bare LF chunk lines", "2\n{}\n0\n\n"}, {"trailer section", "2\r\n{}\r\n0\r\nX-Trailer: 1\r\nContent-Length: 9\r\n\r\n"},
                {"a chunk per byte", "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"}, {"10,000 empty-looking chunks", "1\r\n \r\n".repeat(10_000) + "2\r\n{}\r\n0\r\n\r\n"}}) {
            cases.add(HostileCase.http("framing", "chunked: " + body[0], RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                    .body(body[1].getBytes(StandardCharsets.ISO_8859_1)).noLength(), anything()));
        }
        cases.add(HostileCase.http("framing", "chunked in HTTP/1.0", RawRequest.of("POST", "/api/auth/token").version("HTTP/1.0")
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").body(chunked(login)).noLength(), anything()));
        cases.add(HostileCase.http("framing", "Expect: 100-continue", RawRequest.of("POST", "/api/auth/token")
                .header("Expect", "100-continue").json(login), anything()));
        cases.add(HostileCase.http("framing", "Expect: teapot", RawRequest.of("POST", "/api/auth/token")
                .header("Expect", "teapot").json(login), anything()));
        cases.add(HostileCase.http("framing", "a body on GET", RawRequest.get("/json").json("{\"a\":1}"), anything()));
        cases.add(HostileCase.http("framing", "a 2 MiB JSON body (over the contract's 1 MiB)",
                RawRequest.of("POST", "/api/auth/token").json("{\"username\":\"" + "u".repeat(2 << 20) + "\",\"password\":\"x\"}"),
                status(400, 413)));
        cases.add(HostileCase.http("framing", "a 2 MiB chunked JSON body", RawRequest.of("POST", "/api/auth/token")
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                .body(chunked("{\"username\":\"" + "u".repeat(2 << 20) + "\",\"password\":\"x\"}")).noLength(), status(400, 413)));
        // only the first answer is read; a DELETE that went through shows in the seeded articles' fingerprint
        cases.add(HostileCase.http("framing", "a pipelined anonymous DELETE after a GET",
                RawRequest.get("/json").keepAlive().body(("DELETE /api/articles/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)).noLength(), anything()));
        return cases;
    }

    static List<HostileCase> encodings() {
        List<HostileCase> cases = new ArrayList<>();
        byte[][] bodies = {
                bytes(0xEF, 0xBB, 0xBF, '{', '}'), bytes('{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 0xFF, 0xFE, '"', '}'),
                bytes('{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 0xC0, 0xAF, '"', '}'),
                bytes('{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 0xED, 0xA0, 0x80, '"', '}'),
                bytes('{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 0xF4, 0x90, 0x80, 0x80, '"', '}'),
                bytes('{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 0xE2, 0x82, '"', '}'),
                "{\"username\":\"bench\",\"password\":\"bench-password\"}".getBytes(StandardCharsets.UTF_16),
                "{\"username\":\"bench\",\"password\":\"bench-password\"}".getBytes(StandardCharsets.UTF_16LE),
                "{\"username\":\"\\ud800\",\"password\":\"x\"}".getBytes(StandardCharsets.US_ASCII),
                "{\"username\":\"\\udc00\\ud800\",\"password\":\"x\"}".getBytes(StandardCharsets.US_ASCII),
                "{\"username\":\"\\u00\",\"password\":\"x\"}".getBytes(StandardCharsets.US_ASCII)};
        String[] names = {"UTF-8 BOM", "0xFF 0xFE in a string", "overlong '/'", "encoded surrogate", "code point past U+10FFFF",
                "truncated sequence", "UTF-16 with BOM", "UTF-16LE", "escaped lone high surrogate", "escaped reversed pair",
                "short \\u escape"};
        for (int i = 0; i < bodies.length; i++) {
            cases.add(HostileCase.http("encodings", "login body: " + names[i], RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").body(bodies[i]), anything()));
        }
        String login = "{\"username\":\"nobody\",\"password\":\"x\"}";
        for (String ct : List.of("application/json; charset=latin1", "application/json; charset=utf-16", "application/json; charset=nope",
                "application/json; charset=\"utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "multipart/form-data", "application/json-patch+json", "application/vnd.api+json", "application/xml", "*/*",
                "application/json, text/plain", "APPLICATION/JSON", "application/json;;;", "\u00e9/\u00e9", "")) {
            cases.add(HostileCase.http("encodings", "Content-Type: '" + ct + "'", RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", ct).body(login.getBytes(StandardCharsets.UTF_8)), anything()));
        }
        cases.add(HostileCase.http("encodings", "no Content-Type", RawRequest.of("POST", "/api/auth/token")
                .body(login.getBytes(StandardCharsets.UTF_8)), anything()));
        for (String ce : List.of("gzip", "deflate", "br", "zstd", "gzip, gzip", "x-nonsense")) {
            cases.add(HostileCase.http("encodings", "Content-Encoding: " + ce + " on plain JSON", RawRequest.of("POST", "/api/auth/token")
                    .header("Content-Type", "application/json").header("Content-Encoding", ce).body(login.getBytes()), anything()));
        }
        cases.add(HostileCase.http("encodings", "gzip bomb: 16 MiB of zeros in " + gzipBomb().length / 1024 + " KiB",
                RawRequest.of("POST", "/api/auth/token").header("Content-Type", "application/json")
                        .header("Content-Encoding", "gzip").body(gzipBomb()), anything()));
        return cases;
    }

    static List<HostileCase> webSocketHandshakes() {
        List<HostileCase> cases = new ArrayList<>();
        String protocols40k = String.join(", ", java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "p" + i).toList());
        cases.add(ws("a " + protocols40k.length() / 1024 + " KiB Sec-WebSocket-Protocol list",
                handshake("/ws/echo").header("Sec-WebSocket-Protocol", protocols40k), refused()));
        cases.add(ws("a " + OVERSIZED_HEADERS / 1024 + " KiB header on a handshake",
                handshake("/ws/echo").header("X-Big", "a".repeat(OVERSIZED_HEADERS)), refused()));
        cases.add(ws("200 small headers on a handshake", manyHeaders(handshake("/ws/echo"), 200, 4), anything()));
        cases.add(ws("a 9 KiB header on a handshake", handshake("/ws/echo").header("X-Big", "a".repeat(9 * 1024)), anything()));
        cases.add(ws("1,000 protocols in 7 KiB", handshake("/ws/echo").header("Sec-WebSocket-Protocol",
                String.join(",", java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "q" + i).toList())), anything()));
        for (String v : List.of("12", "99", "abc", "13, 8", "")) {
            cases.add(ws("Sec-WebSocket-Version: '" + v + "'", handshake("/ws/echo", v, key()), clientError()));
        }
        cases.add(ws("no Sec-WebSocket-Version", handshake("/ws/echo", null, key()), clientError()));
        cases.add(ws("no Sec-WebSocket-Key", handshake("/ws/echo", "13", null), clientError()));
        for (String k : List.of("short", "!!!!not-base64!!!!!!!!==", Base64.getEncoder().encodeToString(new byte[10]),
                Base64.getEncoder().encodeToString(new byte[64]), "")) {
            cases.add(ws("Sec-WebSocket-Key: '" + k + "'", handshake("/ws/echo", "13", k), anything()));
        }
        cases.add(ws("two Sec-WebSocket-Key headers", handshake("/ws/echo").header("Sec-WebSocket-Key", key()), anything()));
        cases.add(ws("Upgrade: websocket on POST", RawRequest.of("POST", "/ws/echo").keepAlive().header("Upgrade", "websocket")
                .header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", key()), anything()));
        cases.add(ws("Upgrade: websocket in HTTP/1.0", handshake("/ws/echo").version("HTTP/1.0"), anything()));
        cases.add(ws("Upgrade without Connection: Upgrade", RawRequest.get("/ws/echo").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", key()), anything()));
        cases.add(ws("Upgrade: h2c", RawRequest.get("/ws/echo").keepAlive().header("Upgrade", "h2c")
                .header("Connection", "Upgrade, HTTP2-Settings").header("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"), anything()));
        cases.add(ws("Upgrade: 'websocket, nonsense'", handshake("/ws/echo").header("Upgrade", "nonsense"), anything()));
        cases.add(ws("handshake for an unknown path", handshake("/ws/nothing"), clientError()));
        cases.add(ws("handshake for /ws/echo/../../json", handshake("/ws/echo/../../json"), anything()));
        cases.add(ws("handshake with a query of 5,000 params", handshake("/ws/echo?" + "a=1&".repeat(5_000)), anything()));
        cases.add(ws("Origin: evil", handshake("/ws/echo").header("Origin", "http://evil.example"), anything()));
        for (String ext : List.of("permessage-deflate; server_max_window_bits=99", "permessage-deflate; client_max_window_bits=abc",
                "permessage-deflate; permessage-deflate", "x-webkit-deflate-frame", "permessage-deflate; server_no_context_takeover=1")) {
            cases.add(ws("Sec-WebSocket-Extensions: " + ext, handshake("/ws/echo").header("Sec-WebSocket-Extensions", ext), anything()));
        }
        return cases;
    }

    /** Frames after a good handshake on /ws/echo: each must be answered (echo, close) or the connection closed. */
    static List<HostileCase> webSocketFrames() {
        List<HostileCase> cases = new ArrayList<>();
        Object[][] frames = {
                {"an unmasked text frame", frame(0x81, false, "hi".getBytes())},
                {"reserved opcode 0x3", frame(0x83, true, "hi".getBytes())},
                {"reserved opcode 0xB", frame(0x8B, true, new byte[0])},
                {"RSV1 without an extension", frame(0xC1, true, "hi".getBytes())},
                {"RSV3 set", frame(0x91, true, "hi".getBytes())},
                {"invalid UTF-8 in a text frame", frame(0x81, true, bytes(0xC0, 0xAF, 0xFF))},
                {"a lone surrogate in a text frame", frame(0x81, true, bytes(0xED, 0xA0, 0x80))},
                {"a ping of 126 bytes", frame(0x89, true, new byte[126])},
                {"a fragmented ping", frame(0x09, true, "p".getBytes())},
                {"a continuation with nothing to continue", frame(0x80, true, "x".getBytes())},
                {"a new text frame inside a fragmented message", concat(frame(0x01, true, "a".getBytes()), frame(0x81, true, "b".getBytes()))},
                {"a close with code 999", frame(0x88, true, bytes(0x03, 0xE7))},
                {"a close with code 1005 on the wire", frame(0x88, true, bytes(0x03, 0xED))},
                {"a close with a 1-byte payload", frame(0x88, true, bytes(0x03))},
                {"a close with invalid UTF-8 reason", frame(0x88, true, bytes(0x03, 0xE8, 0xFF))},
                {"a 2 MiB text frame (over the 1 MiB message limit)", frame(0x81, true, new byte[2 << 20])},
                {"a length of 2^63 - 1 announced", longLengthHeader()},
                {"an empty text frame", frame(0x81, true, new byte[0])},
                {"an empty binary frame", frame(0x82, true, new byte[0])},
                {"a ping", frame(0x89, true, "ping".getBytes())},
                {"an unsolicited pong", frame(0x8A, true, "pong".getBytes())},
                {"1,000 one-byte fragments", fragments(1_000)},
                {"text that looks like JSON and HTTP", frame(0x81, true, "{\"event\":\"__proto__\"}\r\nGET / HTTP/1.1\r\n\r\n".getBytes())},
        };
        // a good text frame after each: whether the server kept the connection (echo) or failed it
        // (close frame, or the connection closed), something comes back at once, even after a pong
        byte[] probe = frame(0x81, true, "probe".getBytes(StandardCharsets.US_ASCII));
        for (Object[] f : frames) {
            byte[] sent = concat((byte[]) f[1], probe);
            cases.add(HostileCase.webSocket("websocket-frames", (String) f[0], handshake("/ws/echo"), sent, anything()));
            cases.add(HostileCase.webSocket("websocket-frames", f[0] + " (broadcast)", handshake("/ws/broadcast"), sent, anything()));
        }
        return cases;
    }

    private static HostileCase ws(String name, RawRequest request, Expectation expect) {
        return HostileCase.webSocket("websocket-handshakes", name, request, null, expect);
    }

    static RawRequest handshake(String path) {
        return handshake(path, "13", key());
    }

    private static RawRequest handshake(String path, String version, String key) {
        RawRequest r = RawRequest.get(path).keepAlive().header("Upgrade", "websocket").header("Connection", "Upgrade");
        if (version != null) {
            r.header("Sec-WebSocket-Version", version);
        }
        return key == null ? r : r.header("Sec-WebSocket-Key", key);
    }

    private static String key() {
        return Base64.getEncoder().encodeToString("fwbench-hostile!".getBytes(StandardCharsets.US_ASCII));
    }

    /** One frame as a client sends it (masked unless told otherwise), with a 7-, 16- or 64-bit length. */
    static byte[] frame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(mask | payload.length);
        } else if (payload.length < 65_536) {
            out.write(mask | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (((long) payload.length >>> shift) & 0xFF));
            }
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
        }
        return out.toByteArray();
    }

    private static byte[] longLengthHeader() {
        return bytes(0x81, 0x80 | 127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x11, 0x22, 0x33, 0x44, 'x');
    }

    private static byte[] fragments(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            int opcode = i == 0 ? 0x01 : 0x00;
            out.writeBytes(frame((i == n - 1 ? 0x80 : 0) | opcode, true, "f".getBytes()));
        }
        return out.toByteArray();
    }

    private static RawRequest manyHeaders(RawRequest r, int n, int valueLength) {
        for (int i = 0; i < n; i++) {
            r.header("X-H" + i, "v".repeat(valueLength));
        }
        return r;
    }

    /** Bytes sent as they are, without the builder's Host / Connection / Content-Length. */
    private static RawRequest raw(String bytes) {
        return RawRequest.verbatim(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] chunked(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < b.length; at += 65_536) {
            int n = Math.min(65_536, b.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] gzipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                gz.write(zeros);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
