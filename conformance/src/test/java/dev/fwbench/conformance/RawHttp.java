package dev.fwbench.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One exchange of raw bytes on a fresh connection, for requests no HTTP client would send
 * (a bad method, a duplicated Content-Length, a chunk size of "zz", a 40 KB header). The
 * request is written by a helper thread while this one reads, so a server that answers
 * early (413, 431) and stops reading cannot block the exchange; the whole exchange has one
 * deadline, after which the connection is closed and the outcome is {@link Outcome#TIMED_OUT}.
 *
 * <p>The response is read as HTTP/1.1 frames it: interim 1xx answers skipped, the body by
 * {@code Content-Length}, chunked coding or the end of the connection. After a {@code 101}
 * (a WebSocket handshake that succeeded) the {@code afterUpgrade} bytes (frames) are written
 * and what comes back until the first frame, or the close, is the body.
 */
final class RawHttp {
    private static final int MAX_HEAD = 128 * 1024;
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-writer");
        t.setDaemon(true);
        return t;
    });

    private RawHttp() {
    }

    enum Outcome {
        /** A complete response (status line, headers, body as framed). */
        ANSWERED,
        /** The server closed the connection without a (complete) response: allowed for garbage. */
        CLOSED,
        /** Nothing decisive within the deadline: a hang. */
        TIMED_OUT
    }

    /** What came back: status -1 unless answered; after a 101, {@code body} is the first frame(s) read. */
    record Reply(Outcome outcome, int status, String head, byte[] body, Duration took) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            String prefix = "\r\n" + name.toLowerCase(Locale.ROOT) + ":";
            String lower = head.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(prefix);
            if (at < 0) {
                return Optional.empty();
            }
            int start = at + prefix.length();
            int end = head.indexOf("\r\n", start);
            return Optional.of(head.substring(start, end < 0 ? head.length() : end).trim());
        }

        @Override
        public String toString() {
            String b = text().replaceAll("\\s+", " ");
            return switch (outcome) {
                case ANSWERED -> status + " in " + took.toMillis() + " ms " + (b.length() > 160 ? b.substring(0, 160) + "..." : b);
                case CLOSED -> "closed without an answer after " + took.toMillis() + " ms";
                case TIMED_OUT -> "no answer within " + took.toMillis() + " ms";
            };
        }
    }

    static Reply exchange(URI base, byte[] request, byte[] afterUpgrade, Duration deadline) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) deadline.toMillis());
            OutputStream out = socket.getOutputStream();
            WRITERS.execute(() -> write(out, request));
            Deadlined in = new Deadlined(socket, end);
            String head;
            int status;
            do {
                head = in.readHead();
                if (head == null) {
                    return new Reply(Outcome.CLOSED, -1, "", new byte[0], since(start));
                }
                status = statusOf(head);
            } while (status >= 100 && status < 200 && status != 101);
            if (status < 0) {
                return new Reply(Outcome.CLOSED, -1, head, new byte[0], since(start));
            }
            Reply headOnly = new Reply(Outcome.ANSWERED, status, head, new byte[0], since(start));
            byte[] body;
            if (status == 101) {
                if (afterUpgrade == null) {
                    return headOnly; // a handshake that succeeded: nothing more is owed
                }
                write(out, afterUpgrade);
                body = in.readSome();
            } else if (status == 204 || status == 304 || new String(request, 0, Math.min(5, request.length),
                    StandardCharsets.ISO_8859_1).startsWith("HEAD ")) {
                body = new byte[0];
            } else if (headOnly.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                body = in.readChunked();
            } else if (headOnly.header("Content-Length").isPresent()) {
                body = in.readExactly(Integer.parseInt(headOnly.header("Content-Length").get().split(",")[0].trim()));
            } else {
                body = in.readToEnd();
            }
            return new Reply(Outcome.ANSWERED, status, head, body, since(start));
        } catch (SocketTimeoutException e) {
            return new Reply(Outcome.TIMED_OUT, -1, "", new byte[0], since(start));
        } catch (IOException e) {
            // reset before or during the answer: the server refused to talk, which garbage may earn
            return new Reply(Outcome.CLOSED, -1, "", new byte[0], since(start));
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before taking everything: its answer is still read
        }
    }

    private static int statusOf(String head) {
        if (!head.startsWith("HTTP/") || head.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The socket's input, every read bounded by what is left of the exchange's deadline. */
    private static final class Deadlined {
        private final Socket socket;
        private final InputStream in;
        private final long end;

        Deadlined(Socket socket, long end) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.end = end;
        }

        private int read() throws IOException {
            arm();
            return in.read();
        }

        private void arm() throws IOException {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) left);
        }

        /** Up to and excluding the blank line; null if the connection ended first. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (head.size() < MAX_HEAD) {
                int b = read();
                if (b < 0) {
                    return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    byte[] h = head.toByteArray();
                    return new String(h, 0, h.length - 4, StandardCharsets.ISO_8859_1);
                }
            }
            throw new IOException("response head over " + MAX_HEAD + " bytes");
        }

        byte[] readExactly(int n) throws IOException {
            byte[] b = new byte[Math.min(n, MAX_BODY)];
            int got = 0;
            while (got < b.length) {
                arm();
                int r = in.read(b, got, b.length - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
            return java.util.Arrays.copyOf(b, got);
        }

        byte[] readToEnd() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (body.size() < MAX_BODY) {
                arm();
                int r = in.read(buf);
                if (r < 0) {
                    break;
                }
                body.write(buf, 0, r);
            }
            return body.toByteArray();
        }

        /** Whatever arrives first (a frame after a 101), or nothing if the server closes. */
        byte[] readSome() throws IOException {
            byte[] buf = new byte[8192];
            arm();
            int r = in.read(buf);
            return r < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, r);
        }

        byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (body.size() < MAX_BODY) {
                String line = readLine();
                int size;
                try {
                    size = Integer.parseInt(line.split(";")[0].trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size in the response: " + line);
                }
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(readExactly(size));
                readLine();
            }
            return body.toByteArray();
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = read(); b >= 0 && b != '\n'; b = read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
