package dev.fwbench.conformance;

import static dev.fwbench.conformance.HostileCase.Expectation.anything;
import static dev.fwbench.conformance.HostileCase.Expectation.refusedOn;
import static dev.fwbench.conformance.HostileCase.Expectation.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hostile requests at the application level, built for one target: JSON shapes (deep
 * nesting, huge numbers, wrong types, NUL, duplicate keys), injection strings in every
 * parameter the contract defines, and forged tokens for every claim rule of CONTRACT.md §6.
 *
 * <p>Authenticated writes go to the suite's own scratch article ({@code PUT}) or are bodies the
 * contract refuses, so the seeded rows must come out unchanged; a write without a valid token
 * is marked as such and any 2xx to it is a finding.
 *
 * @param token     a valid access token of the seeded user
 * @param refresh   the refresh token the login also gave, or null
 * @param secret    the target's signing key (to forge validly signed tokens), or null if unknown
 * @param scratchId the suite's own article
 */
record HostilePayloads(String token, String refresh, String secret, int scratchId) {
    /** CONTRACT.md §7: JSON nested deeper than this is refused with 400 on "_body". */
    static final int MAX_JSON_DEPTH = 32;
    private static final String ARTICLE = "{\"title\":\"t\",\"body\":\"b\",\"author_id\":1}";

    /** Strings that try to reach a database, a file, a template, a shell, or a careless decoder. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "1; DROP TABLE article; --", "1 UNION SELECT username, password FROM auth_user --",
            "1' AND pg_sleep(6) IS NULL --", "1); SELECT pg_sleep(6); --", "{\"$gt\": \"\"}", "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini", "....//....//etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "{{7*7}}", "${7*7}",
            "<%= 7*7 %>", "#{7*7}", "{% debug %}", "{{constructor.constructor('return process')()}}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "\u202egnp.exe", "\ufeffBOM",
            "Z\u0335\u0321a\u0336\u0327l\u0338\u031bg\u0334o", "\ud83d\ude80\ud83d\udd25", "\uffff\ufffe", "\u01c5 \u00df \ufb03 \u0130 \u0131",
            "\uff11\uff12\uff13", "\u0661\u0662\u0663", "%s%s%s%n", "$(id)", "`id`", "; ls -la", "*)(uid=*))(|(uid=*", "\\x00",
            "NaN", "Infinity", "-0", "1e309", "0x1F", "9".repeat(1_000), "a".repeat(10_000));

    List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(jsonShapes());
        cases.addAll(injections());
        cases.addAll(tokenForgeries());
        return cases;
    }

    List<HostileCase> jsonShapes() {
        List<HostileCase> cases = new ArrayList<>();
        String deepArray = nested(10_000, "[", "]", "");
        String deepObject = nested(10_000, "{\"a\":", "}", "1");
        String[][] tooDeep = {
                {"arrays nested 10,000 deep", deepArray},
                {"objects nested 10,000 deep", deepObject},
                {"arrays nested 500,000 deep (1 MB)", nested(500_000, "[", "]", "")},
                {"a field holding arrays nested 10,000 deep", "{\"username\":" + deepArray + ",\"password\":\"x\",\"title\":" + deepArray + "}"},
                {"a field holding objects nested 10,000 deep", "{\"password\":" + deepObject + ",\"body\":" + deepObject + "}"},
                {"a field nested one level past the limit", "{\"username\":\"u\",\"password\":" + nested(MAX_JSON_DEPTH, "[", "]", "1")
                        + ",\"title\":\"t\",\"body\":\"b\",\"author_id\":1}"},
        };
        for (String[] deep : tooDeep) {
            cases.add(HostileCase.http("json", "login: " + deep[0], login(deep[1]), refusedOn("_body")));
            cases.add(HostileCase.http("json", "new article: " + deep[0], post(deep[1], token), refusedOn("_body")));
            cases.add(HostileCase.http("json", "replaced article: " + deep[0], put(deep[1]), refusedOn("_body")));
            cases.add(HostileCase.unauthenticatedWrite("json", "anonymous article: " + deep[0], post(deep[1], null)));
        }
        // at the limit the body parses, and the field is simply of the wrong type
        String atLimit = "{\"username\":\"u\",\"password\":" + nested(MAX_JSON_DEPTH - 1, "[", "]", "1")
                + ",\"title\":\"t\",\"body\":" + nested(MAX_JSON_DEPTH - 1, "[", "]", "1") + ",\"author_id\":1}";
        cases.add(HostileCase.http("json", "login: a field nested to the limit", login(atLimit), refusedOn("password")));
        cases.add(HostileCase.http("json", "new article: a field nested to the limit", post(atLimit, token), refusedOn("body")));

        for (String[] nul : new String[][] {{"title", "a\\u0000b"}, {"body", "\\u0000"}, {"title", "\\u0000"}, {"body", "tail\\u0000"}}) {
            String body = article(nul[0], "\"" + nul[1] + "\"");
            cases.add(HostileCase.http("json", "new article: NUL in " + nul[0], post(body, token), refusedOn(nul[0])));
            cases.add(HostileCase.http("json", "replaced article: NUL in " + nul[0], put(body), refusedOn(nul[0])));
        }
        cases.add(HostileCase.http("json", "login: NUL in username", login("{\"username\":\"be\\u0000nch\",\"password\":\"x\"}"),
                refusedOn("username")));
        cases.add(HostileCase.http("json", "login: NUL in password", login("{\"username\":\"bench\",\"password\":\"bench-password\\u0000\"}"),
                refusedOn("password")));
        cases.add(HostileCase.http("json", "login: a raw NUL byte inside a string", login("{\"username\":\"be\u0000nch\",\"password\":\"x\"}"),
                refusedOn("_body")));

        for (String n : List.of("1e400", "123456789012345678901234567890", "2147483648", "-2147483649", "9007199254740993",
                "-1", "0", "99999", "1.5", "true", "\"1\"", "[1]", "{\"id\":1}", "null")) {
            cases.add(HostileCase.http("json", "new article: author_id " + n, post(article("author_id", n), token), refusedOn("author_id")));
        }
        for (String n : List.of("1.0", "1e0", "-0", "1E2", "100.000")) {
            // integral values in a decimal spelling: a target may read them as integers or refuse them
            cases.add(HostileCase.http("json", "replaced article: author_id " + n, put(article("author_id", n)), status(200, 400)));
        }
        for (String field : List.of("title", "body")) {
            for (String v : List.of("5", "[]", "{}", "null", "true", "\"\"", "[\"a\"]")) {
                cases.add(HostileCase.http("json", "new article: " + field + " " + v, post(article(field, v), token), refusedOn(field)));
            }
        }
        cases.add(HostileCase.http("json", "new article: a 201-char title", post(article("title", "\"" + "t".repeat(201) + "\""), token),
                refusedOn("title")));
        cases.add(HostileCase.http("json", "new article: a 10,001-char body", post(article("body", "\"" + "b".repeat(10_001) + "\""), token),
                refusedOn("body")));
        cases.add(HostileCase.http("json", "new article: a 300 KB title", post(article("title", "\"" + "t".repeat(300_000) + "\""), token),
                refusedOn("title")));
        for (String body : List.of("NaN", "{\"title\":\"t\",\"body\":\"b\",\"author_id\":NaN}", "{\"author_id\":Infinity}", "{'title':'t'}",
                "{\"title\":\"t\",}", "{\"title\":\"t\"} trailing", "{\"title\":\"t\"}{}", "/* c */ {}", "{\"title\":\"t\" // c\n}",
                "\"just a string\"", "[]", "null", "12", "{", "}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}")) {
            cases.add(HostileCase.http("json", "new article: body '" + body.replace("\n", "\\n") + "'", post(body, token), refusedOn("_body")));
        }
        // no JSON at all: a body error or one per missing field, both 400s
        for (String body : List.of("", "   ", "\r\n")) {
            cases.add(HostileCase.http("json", "new article: body '" + body.replace("\r\n", "CRLF") + "'", post(body, token), status(400)));
        }
        for (String body : List.of("{\"title\":\"a\",\"title\":\"b\",\"body\":\"b\",\"author_id\":1}",
                "{\"title\":\"t\",\"body\":\"b\",\"author_id\":1,\"author_id\":2}",
                "{\"__proto__\":{\"isAdmin\":true},\"title\":\"t\",\"body\":\"b\",\"author_id\":1}",
                "{\"constructor\":{\"prototype\":{\"isAdmin\":true}},\"title\":\"t\",\"body\":\"b\",\"author_id\":1}",
                "{\"title\":\"t\",\"body\":\"b\",\"author_id\":1,\"id\":1,\"created_at\":\"1970-01-01T00:00:00Z\",\"author\":{\"id\":2}}",
                "{\"title\":\"t\",\"body\":\"b\",\"author_id\":1," + "\"k\":1,".repeat(20_000) + "\"z\":1}")) {
            cases.add(HostileCase.http("json", "replaced article: " + (body.length() > 90 ? body.substring(0, 90) + "..." : body), put(body),
                    status(200, 400)));
        }
        return cases;
    }

    /** Every injection string in every parameter: queries, path ids, headers, article fields, a few logins (they cost a hash). */
    List<HostileCase> injections() {
        List<HostileCase> cases = new ArrayList<>();
        for (int i = 0; i < INJECTIONS.size(); i++) {
            String s = INJECTIONS.get(i);
            String q = URLEncoder.encode(s, StandardCharsets.UTF_8);
            String label = s.length() > 40 ? s.substring(0, 20) + "... (" + s.length() + " chars)" : s;
            // a request line past 8 KiB may be refused as such (414) before any route sees it
            int tooLong = q.length() > 8_000 ? 414 : -1;
            cases.add(HostileCase.http("injection", "limit=" + label, RawRequest.get("/api/articles?limit=" + q), anything()));
            cases.add(HostileCase.http("injection", "offset=" + label, RawRequest.get("/api/articles?offset=" + q), anything()));
            cases.add(HostileCase.http("injection", "queries=" + label, RawRequest.get("/queries?queries=" + q), status(200, tooLong)));
            cases.add(HostileCase.http("injection", "count=" + label, RawRequest.get("/cached-queries?count=" + q), status(200, tooLong)));
            cases.add(HostileCase.http("injection", "updates queries=" + label, RawRequest.get("/updates?queries=" + q),
                    status(200, tooLong)));
            // Fastify refuses a path parameter over 100 chars as a URI too long (414)
            cases.add(HostileCase.http("injection", "article id " + label, RawRequest.get("/api/articles/" + q), status(400, 404, 414)));
            // an id holding a '/' once decoded is no article route at all: 404 (or nginx's 400 for a
            // path above the root) is as good as 401 there
            cases.add(HostileCase.unauthenticatedWrite("injection", "anonymous DELETE of article " + label,
                    RawRequest.of("DELETE", "/api/articles/" + q)).withExpect(status(400, 401, 404, 414)));
            cases.add(HostileCase.http("injection", "title " + label, put(article("title", Http.JSON.valueToTree(s).toString())),
                    status(200, 400)));
            cases.add(HostileCase.http("injection", "body " + label, put(article("body", Http.JSON.valueToTree(s).toString())),
                    status(200, 400)));
            String header = RawRequest.utf8Bytes(s.length() > 2_000 ? s.substring(0, 2_000) : s);
            cases.add(HostileCase.http("injection", "Authorization: Bearer " + label, RawRequest.get("/api/me").header("Authorization", "Bearer " + header),
                    status(401)));
            for (String name : List.of("User-Agent", "Accept-Language", "Cookie", "X-Forwarded-For", "Referer")) {
                cases.add(HostileCase.http("injection", name + ": " + label, RawRequest.get("/api/articles?limit=1").header(name, header),
                        anything()));
            }
            if (i % 6 == 0) {
                cases.add(HostileCase.http("injection", "login as " + label, login("{\"username\":" + Http.JSON.valueToTree(s)
                        + ",\"password\":\"x\"}"), status(400, 401)));
            }
        }
        // the page after a replaced title full of markup and escapes still renders
        cases.add(HostileCase.http("injection", "the scratch article read back", RawRequest.get("/api/articles/" + scratchId), status(200)));
        return cases;
    }

    /** CONTRACT.md §6: every token below is refused with 401 on a read and on both kinds of write. */
    List<HostileCase> tokenForgeries() {
        List<String[]> forged = new ArrayList<>();
        ObjectNode header = Tokens.header(token);
        ObjectNode claims = Tokens.payload(token);
        String idClaim = claims.has("sub") ? "sub" : "user_id";
        long now = System.currentTimeMillis() / 1000;
        if (secret != null) {
            // the user id claim holding anything but what the target issues (NestJS: an integer
            // `sub`; Django: `user_id` in decimal digits), both types tried whichever it uses
            JsonNode realId = claims.get(idClaim);
            List<JsonNode> badIds = new ArrayList<>(List.of(Http.JSON.nullNode(), Http.JSON.createObjectNode().put("id", 1),
                    Http.JSON.createArrayNode().add(1), text("abc"), number("1.5"), Http.JSON.getNodeFactory().booleanNode(true),
                    number("0"), number("-1"), number("2147483648"), number("9007199254740993"), number("1e400"), number("999999"),
                    text("0"), text("-1"), text("2147483648"), text("01"), text(" 1"), text("+1"), text("\uff11"), text("999999"),
                    realId.isTextual() ? number(realId.asText()) : text(realId.asText())));
            List<Object[]> claimCases = new ArrayList<>();
            claimCases.add(new Object[] {"no user id", (Consumer<ObjectNode>) c -> c.remove(idClaim)});
            for (JsonNode id : badIds) {
                claimCases.add(new Object[] {"user id " + id, (Consumer<ObjectNode>) c -> c.set(idClaim, id)});
            }
            claimCases.addAll(List.of(
                    new Object[] {"no exp", (Consumer<ObjectNode>) c -> c.remove("exp")},
                    new Object[] {"exp an hour ago", (Consumer<ObjectNode>) c -> c.put("exp", now - 3600)},
                    new Object[] {"exp a string", (Consumer<ObjectNode>) c -> c.put("exp", Long.toString(now + 3600))},
                    new Object[] {"exp null", (Consumer<ObjectNode>) c -> c.putNull("exp")},
                    new Object[] {"exp 1e400", (Consumer<ObjectNode>) c -> c.put("exp", new BigDecimal("1e400"))},
                    new Object[] {"exp after the year 9999", (Consumer<ObjectNode>) c -> c.put("exp", 253_402_300_800L + 86_400)},
                    new Object[] {"nbf in an hour", (Consumer<ObjectNode>) c -> c.put("nbf", now + 3600)}));
            for (Object[] cc : claimCases) {
                ObjectNode c = claims.deepCopy();
                @SuppressWarnings("unchecked")
                Consumer<ObjectNode> change = (Consumer<ObjectNode>) cc[1];
                change.accept(c);
                forged.add(new String[] {(String) cc[0], Tokens.resigned(header, c, secret)});
            }
            if (claims.has("token_type")) {
                forged.add(new String[] {"token_type refresh", Tokens.resigned(header, claims.deepCopy().put("token_type", "refresh"), secret)});
            }
            String body = Tokens.encode(claims);
            for (String[] alg : new String[][] {{"HS384", "HmacSHA384"}, {"HS512", "HmacSHA512"}, {"RS256", "HmacSHA256"}, {"ES256", "HmacSHA256"}}) {
                forged.add(new String[] {"alg " + alg[0] + " with the real key",
                        Tokens.signed(Tokens.encode(header.deepCopy().put("alg", alg[0])) + "." + body, secret, alg[1])});
            }
            forged.add(new String[] {"the claims not JSON", Tokens.signed(Tokens.encode(header) + "." + Tokens.segment("not json"), secret, "HmacSHA256")});
            forged.add(new String[] {"the claims a JSON array", Tokens.signed(Tokens.encode(header) + "." + Tokens.segment("[1,2]"), secret, "HmacSHA256")});
            forged.add(new String[] {"the header not JSON", Tokens.signed(Tokens.segment("{") + "." + body, secret, "HmacSHA256")});
            forged.add(new String[] {"the header without alg", Tokens.signed(Tokens.encode(header.deepCopy().without("alg")) + "." + body, secret, "HmacSHA256")});
        }
        forged.add(new String[] {"alg none", Tokens.unsigned(token)});
        for (String none : List.of("None", "NONE", "nOnE")) {
            forged.add(new String[] {"alg " + none, Tokens.encode(header.deepCopy().put("alg", none)) + "." + Tokens.encode(claims) + "."});
        }
        forged.add(new String[] {"a wrong key", Tokens.resigned(header, claims, "not-the-key")});
        forged.add(new String[] {"an empty key", Tokens.resigned(header, claims, "\u0000")});
        forged.add(new String[] {"the signature stripped", token.substring(0, token.lastIndexOf('.') + 1)});
        forged.add(new String[] {"two segments", token.substring(0, token.lastIndexOf('.'))});
        forged.add(new String[] {"four segments", token + ".extra"});
        forged.add(new String[] {"a space inside", token.substring(0, 10) + " " + token.substring(10)});
        forged.add(new String[] {"a 4 KB token", token + "A".repeat(4_000)});
        if (refresh != null) {
            forged.add(new String[] {"the refresh token", refresh});
        }
        List<HostileCase> cases = new ArrayList<>();
        for (String[] f : forged) {
            cases.add(HostileCase.http("tokens", "GET /api/me, token with " + f[0], RawRequest.get("/api/me").bearer(f[1]), status(401)));
            cases.add(HostileCase.unauthenticatedWrite("tokens", "POST /api/articles, token with " + f[0], post(ARTICLE, f[1])));
            cases.add(HostileCase.unauthenticatedWrite("tokens", "DELETE the scratch article, token with " + f[0],
                    RawRequest.of("DELETE", "/api/articles/" + scratchId).bearer(f[1])));
        }
        return cases;
    }

    private static JsonNode text(String s) {
        return Http.JSON.getNodeFactory().textNode(s);
    }

    private static JsonNode number(String n) {
        return Http.JSON.getNodeFactory().numberNode(new BigDecimal(n));
    }

    private static RawRequest login(String json) {
        return RawRequest.of("POST", "/api/auth/token").json(json);
    }

    private static RawRequest post(String json, String bearer) {
        return RawRequest.of("POST", "/api/articles").bearer(bearer).json(json);
    }

    private RawRequest put(String json) {
        return RawRequest.of("PUT", "/api/articles/" + scratchId).bearer(token).json(json);
    }

    /** A valid article body with one field's JSON replaced. */
    private static String article(String field, String json) {
        ObjectNode a = (ObjectNode) parse(ARTICLE);
        a.set(field, Http.JSON.getNodeFactory().rawValueNode(new com.fasterxml.jackson.databind.util.RawValue(json)));
        return a.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String nested(int depth, String open, String close, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }
}
