package dev.fwbench.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the bytes of one HTTP/1.1 request exactly as asked: any method, target and version
 * text, headers in order (duplicates allowed, none dropped or normalised), and a body. By
 * default it adds {@code Host}, {@code Connection: close} (one exchange per connection) and
 * a {@code Content-Length} matching the body; each can be left out for cases about them.
 */
final class RawRequest {
    private final String method;
    private final String target;
    private String version = "HTTP/1.1";
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private boolean host = true;
    private boolean close = true;
    private boolean length = true;
    private byte[] verbatim;

    private RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    static RawRequest of(String method, String target) {
        return new RawRequest(method, target);
    }

    /** These bytes and nothing else: garbage, HTTP/0.9, other protocols. */
    static RawRequest verbatim(byte[] bytes) {
        RawRequest r = new RawRequest("", "");
        r.verbatim = bytes;
        return r;
    }

    static RawRequest get(String target) {
        return of("GET", target);
    }

    RawRequest version(String v) {
        version = v;
        return this;
    }

    RawRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    RawRequest bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    RawRequest json(String json) {
        return header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest body(byte[] b) {
        body = b;
        return this;
    }

    RawRequest noHost() {
        host = false;
        return this;
    }

    /** Leaves the connection's fate to the server (WebSocket handshakes, keep-alive cases). */
    RawRequest keepAlive() {
        close = false;
        return this;
    }

    /** No Content-Length added: the case sets its own framing (or none). */
    RawRequest noLength() {
        length = false;
        return this;
    }

    /** The request line and headers as text (for messages), the body's size only. */
    String describe() {
        if (verbatim != null) {
            String text = new String(verbatim, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
            return text.length() > 60 ? text.substring(0, 60) + "..." : text;
        }
        String line = method + " " + target + " " + version;
        return (line.length() > 120 ? line.substring(0, 120) + "..." : line) + (body == null ? "" : " + " + body.length + " B");
    }

    byte[] bytes(String hostHeader) {
        if (verbatim != null) {
            return verbatim;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ISO-8859-1: every char below 256 is one byte as written; a raw UTF-8 target is passed pre-encoded
        write(out, method + " " + target + " " + version + "\r\n");
        if (host) {
            write(out, "Host: " + hostHeader + "\r\n");
        }
        for (String[] h : headers) {
            write(out, h[0] + ": " + h[1] + "\r\n");
        }
        if (close) {
            write(out, "Connection: close\r\n");
        }
        if (length && body != null) {
            write(out, "Content-Length: " + body.length + "\r\n");
        }
        write(out, "\r\n");
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Text whose UTF-8 bytes are to go on the wire as they are, inside an ISO-8859-1 string. */
    static String utf8Bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
