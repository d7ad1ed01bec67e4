package dev.fwbench.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * One hostile request of {@link HostileInputConformanceTest}: what it probes, the bytes, and
 * what the contract asks of its answer beyond the suite's invariants (no 5xx, no hang, no
 * internals in the body), which every case is held to.
 *
 * @param group        what kind of input (methods, headers, json, tokens...), for the summary
 * @param name         the input, readable in a failure message
 * @param webSocket    sent to the target's WebSocket address rather than its HTTP one
 * @param request      the request bytes as they go on the wire
 * @param afterUpgrade frames written once a handshake is answered 101, or null
 * @param expect       what the answer must be
 * @param write        an unauthenticated write attempt: a 2xx answer is a write that must not happen
 */
record HostileCase(String group, String name, boolean webSocket, RawRequest request, byte[] afterUpgrade,
                   Expectation expect, boolean write) {

    static HostileCase http(String group, String name, RawRequest request, Expectation expect) {
        return new HostileCase(group, name, false, request, null, expect, false);
    }

    /** A write route without a valid token: 401 (contract §5: authentication is checked first). */
    static HostileCase unauthenticatedWrite(String group, String name, RawRequest request) {
        return new HostileCase(group, name, false, request, null, Expectation.status(401), true);
    }

    HostileCase withExpect(Expectation e) {
        return new HostileCase(group, name, webSocket, request, afterUpgrade, e, write);
    }

    static HostileCase webSocket(String group, String name, RawRequest request, byte[] frames, Expectation expect) {
        return new HostileCase(group, name, true, request, frames, expect, false);
    }

    /** What an answer must be for one case; {@link #violation} is null when it is. */
    interface Expectation {
        String violation(RawHttp.Reply reply);

        /**
         * Whether this 5xx is the answer the contract allows here (§7, "Hostile input"): 501 for an
         * unknown transfer coding, 505 for an HTTP version the server does not speak. Both are
         * the protocol's own refusals (RFC 9112 6.1, RFC 9110 15.6.6), not server faults.
         */
        default boolean allows(int serverStatus) {
            return false;
        }

        /** Any answer, or a closed connection: the invariants alone decide. */
        static Expectation anything() {
            return r -> null;
        }

        /** An HTTP answer in 400..499, never a silently closed connection. */
        static Expectation clientError() {
            return r -> r.outcome() == RawHttp.Outcome.ANSWERED && r.status() >= 400 && r.status() < 500
                    ? null : "a 4xx answer expected, got " + r;
        }

        /**
         * A 4xx, or the connection closed at once: a server that stops reading an oversized
         * request, answers and closes leaves unread bytes behind, and its kernel then resets the
         * connection, which can discard the answer before the client reads it (RFC 9112 9.6). Either
         * way the request was refused promptly; a hang or a 5xx is not a refusal.
         */
        static Expectation refused() {
            return r -> r.outcome() == RawHttp.Outcome.CLOSED || (r.status() >= 400 && r.status() < 500)
                    ? null : "a 4xx answer or a closed connection expected, got " + r;
        }

        static Expectation status(int... allowed) {
            return r -> r.outcome() == RawHttp.Outcome.ANSWERED && Arrays.stream(allowed).anyMatch(s -> s == r.status())
                    ? null : "status " + Arrays.toString(allowed) + " expected, got " + r;
        }

        /** Contract §7: 400 {"errors": {field: [...]}} naming this field. */
        static Expectation refusedOn(String field) {
            return r -> {
                if (r.outcome() != RawHttp.Outcome.ANSWERED || r.status() != 400) {
                    return "400 on '" + field + "' expected, got " + r;
                }
                JsonNode errors = json(r).path("errors");
                return errors.has(field) ? null : "400 naming '" + field + "' in errors expected, got " + r;
            };
        }

        /** §7: an unknown transfer coding may be refused as not implemented (RFC 9112 6.1) or as a bad request. */
        static Expectation unknownTransferCoding() {
            return new Expectation() {
                @Override
                public String violation(RawHttp.Reply r) {
                    return r.outcome() == RawHttp.Outcome.ANSWERED && (r.status() == 400 || r.status() == 501)
                            ? null : "400 or 501 expected for an unknown transfer coding, got " + r;
                }

                @Override
                public boolean allows(int serverStatus) {
                    return serverStatus == 501;
                }
            };
        }

        /** Any answer, a 501 included: a transfer coding the server may or may not implement. */
        static Expectation maybeUnknownTransferCoding() {
            return anythingBut(501);
        }

        /** Any answer, a 505 included: a version of HTTP the server may not speak. */
        static Expectation maybeUnsupportedVersion() {
            return anythingBut(505);
        }

        private static Expectation anythingBut(int allowedServerStatus) {
            return new Expectation() {
                @Override
                public String violation(RawHttp.Reply r) {
                    return null;
                }

                @Override
                public boolean allows(int serverStatus) {
                    return serverStatus == allowedServerStatus;
                }
            };
        }

        private static JsonNode json(RawHttp.Reply r) {
            try {
                return Http.JSON.readTree(r.body());
            } catch (IOException e) {
                return Http.JSON.nullNode();
            }
        }
    }
}
