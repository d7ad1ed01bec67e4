package dev.fwbench.harness.injector;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request the lean injector sends, encoded once before the load: its name (as the
 * Gatling simulations name it, so {@code -Drequests=} means the same), the bytes of each of
 * its variants (an article id or a page offset drawn before the run, so no request is built
 * while load runs) and the status its answer must have.
 *
 * <p>Sending a variant writes a read-only duplicate of bytes kept in direct memory: no
 * request building, URL parsing or header map per request, which is where a general client
 * spends most of its time at tens of thousands of requests per second.
 */
public final class RequestShape {
    private final String name;
    private final String method;
    private final List<String> paths;
    private final int expectedStatus;
    private final ByteBuf[] variants;
    /** Position in its run's list of shapes: the index of its recorder. */
    final int index;

    private RequestShape(String name, String method, List<String> paths, int expectedStatus, ByteBuf[] variants,
                         int index) {
        this.name = name;
        this.method = method;
        this.paths = paths;
        this.expectedStatus = expectedStatus;
        this.variants = variants;
        this.index = index;
    }

    /**
     * @param hostPort the {@code Host} header ("127.0.0.1:8080")
     * @param headers  extra headers, e.g. {@code Authorization}
     */
    static RequestShape encode(int index, String name, String method, List<String> paths, String hostPort,
                               Map<String, String> headers, int expectedStatus) {
        ByteBuf[] variants = new ByteBuf[paths.size()];
        for (int i = 0; i < variants.length; i++) {
            StringBuilder sb = new StringBuilder(128).append(method).append(' ').append(paths.get(i))
                    .append(" HTTP/1.1\r\nHost: ").append(hostPort)
                    .append("\r\nAccept: application/json\r\nUser-Agent: fwbench-lean\r\n");
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            sb.append("\r\n");
            variants[i] = Unpooled.unreleasableBuffer(Unpooled.directBuffer(sb.length())
                    .writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII)).asReadOnly());
        }
        return new RequestShape(name, method, List.copyOf(paths), expectedStatus, variants, index);
    }

    public String name() {
        return name;
    }

    public int expectedStatus() {
        return expectedStatus;
    }

    int variantCount() {
        return variants.length;
    }

    /** The bytes of variant {@code i}, ready to write (a duplicate: its reader index is its own). */
    ByteBuf bytes(int i) {
        return variants[i].duplicate();
    }

    /** "GET /api/articles/{1..10000} (1024 variants)": for run.json. */
    public String describe() {
        return method + " " + paths.get(0) + (paths.size() > 1 ? " (" + paths.size() + " variants drawn before the run)" : "");
    }
}
