package dev.fwbench.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwbench.harness.service.RunningService;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Obtains real tokens from a target, and forges the bad ones the contract says must be refused. */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Tokens() {
    }

    static String login(RunningService service) {
        Http.Reply r = new Http(service).send("POST", "/api/auth/token",
                "{\"username\":\"bench\",\"password\":\"bench-password\"}", null, null);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return r.json().get("access").asText();
    }

    static ObjectNode header(String token) {
        return (ObjectNode) parse(token.split("\\.")[0]);
    }

    static ObjectNode payload(String token) {
        return (ObjectNode) parse(token.split("\\.")[1]);
    }

    /** The same claims with {"alg":"none"} and no signature. */
    static String unsigned(String token) {
        ObjectNode header = header(token);
        header.put("alg", "none");
        return encode(header) + "." + encode(payload(token)) + ".";
    }

    /** The same header and claims, signed with HS256 and {@code secret}. */
    static String resigned(JsonNode header, JsonNode payload, String secret) {
        return signed(encode(header) + "." + encode(payload), secret, "HmacSHA256");
    }

    /** {@code header.payload} (base64url segments, as given) with its HMAC signature, e.g. {@code HmacSHA384}. */
    static String signed(String signingInput, String secret, String hmac) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), hmac));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token turned into one that expired an hour ago, correctly signed. */
    static String expired(String token, String secret) {
        ObjectNode payload = payload(token);
        long now = System.currentTimeMillis() / 1000;
        payload.put("iat", now - 7200);
        payload.put("exp", now - 3600);
        if (payload.has("nbf")) {
            payload.put("nbf", now - 7200);
        }
        return resigned(header(token), payload, secret);
    }

    static String encode(JsonNode node) {
        return segment(node.toString());
    }

    /** Any text as a base64url token segment (forgeries whose JSON is not JSON). */
    static String segment(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String part) {
        try {
            return Http.JSON.readTree(B64D.decode(part));
        } catch (java.io.IOException e) {
            throw new AssertionError("token part is not JSON: " + part, e);
        }
    }
}
