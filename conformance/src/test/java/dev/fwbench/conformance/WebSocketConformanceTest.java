package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.targets.Framework;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract §8: byte-exact echo, and broadcast to every client across all workers. */
@ExtendWith(Targets.class)
class WebSocketConformanceTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void echoReturnsEveryTextFrameByteForByte(Framework f) throws Exception {
        Targets.assumeFullContract(f);
        try (Client c = Client.open(Targets.service(f).ws("/ws/echo"))) {
            for (String text : List.of("hello", "{\"looks\": \"like JSON\" , \"n\":1}", "  spaced  ",
                    "héllo ✓ フレームワーク 🚀", "x".repeat(60_000))) {
                c.send(text);
                assertThat(c.next()).as("echo of a %d-char frame", text.length()).isEqualTo(text);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void broadcastReachesEveryConnectedClientIncludingTheSender(Framework f) throws Exception {
        Targets.assumeFullContract(f);
        URI endpoint = Targets.service(f).ws("/ws/broadcast");
        List<Client> clients = new ArrayList<>();
        try {
            // more clients than workers, so some share a worker and some do not
            for (int i = 0; i < 5; i++) {
                clients.add(Client.open(endpoint));
            }
            Thread.sleep(300); // joining the group completes just after the handshake on some stacks
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send("from client " + i + " ✓");
            }
            for (int receiver = 0; receiver < clients.size(); receiver++) {
                List<String> got = new ArrayList<>();
                for (int n = 0; n < clients.size(); n++) {
                    got.add(clients.get(receiver).next());
                }
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    expected.add("from client " + i + " ✓");
                }
                assertThat(got).as("client %d received", receiver).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fwbench.conformance.Targets#all")
    void aHandshakeForAnUnknownPathIsRefusedWith4xx(Framework f) {
        Targets.assumeFullContract(f);
        java.util.concurrent.CompletableFuture<WebSocket> attempt = CLIENT.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(Targets.service(f).ws("/ws/nothing"), new WebSocket.Listener() { });
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> attempt.get(10, TimeUnit.SECONDS));
        assertThat(failure).as("handshake to /ws/nothing").isNotNull();
        Throwable cause = failure.getCause();
        assertThat(cause).as("a refused handshake, not a dropped connection: %s", failure)
                .isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        int status = ((java.net.http.WebSocketHandshakeException) cause).getResponse().statusCode();
        assertThat(status).isBetween(400, 499);
    }

    /** One WebSocket connection collecting whole text messages. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client open(URI uri) throws Exception {
            Client c = new Client();
            c.socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String s = received.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no message within 10 s");
            }
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            socket.abort();
        }
    }
}
