package dev.fwbench.harness.injector;

import dev.fwbench.harness.BenchException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The contract's fixed requests (reference-apps/CONTRACT.md), by the names the Gatling
 * simulations give them: what the lean injector can send. Journeys (create, replace, delete;
 * the mixed workload) stay Gatling's.
 *
 * <p>Variants: an article page or an article is drawn from a seeded generator before the run
 * (1,024 variants, cycled), so that the same plan sends the same requests every trial.
 */
public final class RequestCatalogue {
    private static final int VARIANTS = 1024;
    private static final long SEED = 20_261_205L;

    /** name -> path (or paths from a variant number); every entry answers 200. */
    private static final Map<String, IntFunction<String>> PATHS = new LinkedHashMap<>();
    /** Requests that carry the seeded user's token. */
    private static final List<String> AUTHENTICATED = List.of("me");

    static {
        fixed("json", "/json");
        fixed("plaintext", "/plaintext");
        fixed("db", "/db");
        for (int n : new int[] {1, 5, 20}) {
            fixed("queries " + n, "/queries?queries=" + n);
            fixed("updates " + n, "/updates?queries=" + n);
        }
        fixed("fortunes", "/fortunes");
        fixed("cached-queries 20", "/cached-queries?count=20");
        SplittableRandom r = new SplittableRandom(SEED);
        int[] ids = IntStream.range(0, VARIANTS).map(i -> r.nextInt(1, 10_001)).toArray();       // a seeded article
        int[] offsets = IntStream.range(0, VARIANTS).map(i -> r.nextInt(0, 9_981)).toArray();   // a full page of 20
        PATHS.put("article detail", i -> "/api/articles/" + ids[i]);
        PATHS.put("article list", i -> "/api/articles?limit=20&offset=" + offsets[i]);
        fixed("me", "/api/me");
    }

    /** WebSocket echo: a text frame to {@code /ws/echo}, timed until its echo (sent alone, by {@link EchoLoad}). */
    public static final String ECHO = "echo";

    private RequestCatalogue() {
    }

    private static void fixed(String name, String path) {
        PATHS.put(name, i -> path);
    }

    /** Every name the lean injector knows. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(PATHS.keySet());
        all.add(ECHO);
        return all;
    }

    /** Whether the selection is the WebSocket echo. */
    public static boolean isWebSocket(List<String> names) {
        return names.contains(ECHO);
    }

    /** Whether any of these requests needs the seeded user's token (one login before the load). */
    public static boolean needsToken(List<String> names) {
        return names.stream().anyMatch(AUTHENTICATED::contains);
    }

    /**
     * The names of {@code -Drequests=} ("db,queries 20"), checked; null or blank means "json".
     */
    public static List<String> select(String requests) {
        if (requests == null || requests.isBlank()) {
            return List.of("json");
        }
        List<String> out = new ArrayList<>();
        for (String n : requests.split(",")) {
            String name = n.trim();
            if (name.equals(ECHO)) {
                if (!requests.trim().equals(ECHO)) {
                    throw new BenchException("-Drequests: 'echo' (WebSocket) runs alone: give it, or HTTP requests, not both");
                }
                return List.of(ECHO);
            }
            if (!PATHS.containsKey(name)) {
                throw new BenchException("-Drequests: the lean engine has no request '" + name + "' (it sends one of "
                        + String.join(", ", names()) + "; journeys such as 'article create' need -Dengine=gatling)");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The shapes of {@code names} for a server at {@code baseUrl}, encoded. */
    public static List<RequestShape> shapes(List<String> names, URI baseUrl, String token) {
        String hostPort = baseUrl.getHost() + ":" + port(baseUrl);
        String prefix = baseUrl.getPath() == null || baseUrl.getPath().equals("/") ? "" : baseUrl.getPath().replaceAll("/$", "");
        List<RequestShape> shapes = new ArrayList<>();
        for (String name : names) {
            IntFunction<String> path = PATHS.get(name);
            boolean varies = !path.apply(0).equals(path.apply(1));
            List<String> paths = IntStream.range(0, varies ? VARIANTS : 1).mapToObj(i -> prefix + path.apply(i)).toList();
            Map<String, String> headers = AUTHENTICATED.contains(name) && token != null
                    ? Map.of("Authorization", "Bearer " + token) : Map.of();
            shapes.add(RequestShape.encode(shapes.size(), name, "GET", paths, hostPort, headers, 200));
        }
        return shapes;
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
