package dev.fwbench.benchmarks.baseline;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The smallest RFC 6455 echo server that serves the JDK client: handshake, then every
 * text or binary frame sent back unmasked; pings answered, close honoured. One thread per
 * connection. It is the WebSocket half of the client-cost baseline, not a server to
 * benchmark.
 */
public final class BaselineWebSocketServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket socket;

    public BaselineWebSocketServer() throws IOException {
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "baseline-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "baseline-ws-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(Socket s) {
        try (s; InputStream rawIn = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            String key = null;
            for (String line = readLine(rawIn); line != null && !line.isEmpty(); line = readLine(rawIn)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (key == null) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(rawIn);
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                int opcode = b0 & 0x0F;
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                switch (opcode) {
                    case 0x8 -> {
                        writeFrame(out, 0x8, payload);
                        return;
                    }
                    case 0x9 -> writeFrame(out, 0xA, payload);
                    case 0xA -> { }
                    default -> writeFrame(out, b0 & 0x8F, payload); // echo text/binary/continuation as sent
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void writeFrame(OutputStream out, int first, byte[] payload) throws IOException {
        int firstByte = (first & 0x80) != 0 || first == 0x8 || first == 0xA ? first | 0x80 : first;
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65_536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (((long) payload.length >>> (8 * i)) & 0xFF));
            }
        }
        out.write(payload);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
