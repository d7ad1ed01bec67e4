package dev.fwbench.harness.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the report's tests: headless Chromium (Debian's
 * {@code chromium-headless-shell} or {@code chromium}) driven over the Chrome DevTools
 * Protocol with the JDK's own WebSocket client, so no test library stands between the page and
 * the assertions. Name resolution is disabled ({@code --host-resolver-rules='MAP * ~NOTFOUND'}):
 * a page that tried to fetch a CDN would fail, and every request it makes is recorded
 * ({@code Network.requestWillBeSent}) for the test to see that none left the page. Console
 * errors, uncaught exceptions and the browser's own error log (CSP refusals, failed loads)
 * are collected the same way.
 *
 * <p>Without Chromium the calling test is skipped, unless {@code FWBENCH_REQUIRE_CHROMIUM=1}
 * (set by {@code .ci/run}) makes that a failure, as {@link DockerRequirement} does for Docker.
 */
public final class HeadlessChromium {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARIES = List.of("chromium-headless-shell", "chromium", "chromium-browser",
            "google-chrome");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    /** What a page did while it loaded and drew, and the screenshots taken of it. */
    public record PageVisit(List<String> consoleErrors, List<String> requests, JsonNode page) {
    }

    private HeadlessChromium() {
    }

    /** The browser's executable; skips the calling test without one, fails it with FWBENCH_REQUIRE_CHROMIUM=1. */
    public static Path require() {
        for (String name : BINARIES) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String missing = "no headless Chromium on PATH (" + String.join(", ", BINARIES) + "): on Debian, "
                + "apt-get install chromium-headless-shell";
        if ("1".equals(System.getenv("FWBENCH_REQUIRE_CHROMIUM"))) {
            throw new AssertionError("FWBENCH_REQUIRE_CHROMIUM=1 but " + missing);
        }
        Assumptions.abort(missing);
        return null;
    }

    /**
     * Opens {@code html} from disk, waits until the page says its charts are drawn (the body's
     * {@code data-charts-drawn} attribute) or 30 s, runs {@code inspection} (a JavaScript
     * expression giving a JSON-serialisable value) and saves full-page PNG screenshots: light
     * into {@code screenshot}, and with {@code darkScreenshot} not null, the same page in the
     * dark colour scheme; with {@code pdf} not null, the page as printed (A4), and beside it
     * ({@code <name>-print.png}) a screenshot of the print style sheet at A4's width.
     */
    public static PageVisit visit(Path html, String inspection, Path screenshot, Path darkScreenshot, Path pdf)
            throws Exception {
        Path browser = require();
        Path profile = Files.createTempDirectory("fwbench-chromium");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1280,900", "about:blank").redirectErrorStream(true).start();
        try {
            URI browserUrl = devtoolsUrl(p);
            URI pageUrl = pageTarget(browserUrl);
            try (Session s = Session.open(pageUrl)) {
                for (String domain : new String[] {"Runtime", "Log", "Network", "Page"}) {
                    s.call(domain + ".enable", JSON.createObjectNode());
                }
                s.call("Emulation.setEmulatedMedia", media("light"));
                String url = html.toUri().toString();
                s.call("Page.navigate", JSON.createObjectNode().put("url", url));
                s.awaitEvent("Page.loadEventFired", 30);
                awaitCharts(s);
                JsonNode page = s.evaluate("JSON.stringify(" + inspection + ")");
                fullPageScreenshot(s, screenshot);
                if (darkScreenshot != null) {
                    s.call("Emulation.setEmulatedMedia", media("dark"));
                    Thread.sleep(500); // the page redraws its charts on the colour scheme's change event
                    awaitCharts(s);
                    fullPageScreenshot(s, darkScreenshot);
                }
                if (pdf != null) {
                    // the print style sheet as it lays out on A4's width (794 CSS px), then the PDF itself
                    ObjectNode print = media("light").put("media", "print");
                    s.call("Emulation.setEmulatedMedia", print);
                    fullPageScreenshot(s, pdf.resolveSibling(pdf.getFileName().toString().replace(".pdf", "-print.png")),
                            794);
                    s.call("Emulation.setEmulatedMedia", media("light"));
                    JsonNode printed = s.call("Page.printToPDF", JSON.createObjectNode().put("paperWidth", 8.27)
                            .put("paperHeight", 11.69).put("printBackground", false));
                    Files.write(pdf, Base64.getDecoder().decode(printed.path("data").asText()));
                }
                return new PageVisit(s.errors(), s.requests(), JSON.readTree(page.asText()));
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteQuietly(profile);
        }
    }

    /** The browser's profile: files may still vanish or appear while it shuts down, so whatever is left goes. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary folder: what could not be listed is left to the system's cleaning
        }
    }

    private static ObjectNode media(String scheme) {
        ObjectNode m = JSON.createObjectNode();
        m.putArray("features").addObject().put("name", "prefers-color-scheme").put("value", scheme);
        return m;
    }

    private static void awaitCharts(Session s) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            JsonNode drawn = s.evaluate("document.body && document.body.getAttribute('data-charts-drawn')");
            if (drawn.isTextual()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void fullPageScreenshot(Session s, Path png) throws Exception {
        fullPageScreenshot(s, png, 1280);
    }

    private static void fullPageScreenshot(Session s, Path png, int width) throws Exception {
        JsonNode metrics = s.call("Page.getLayoutMetrics", JSON.createObjectNode());
        JsonNode size = metrics.path("cssContentSize").isMissingNode() ? metrics.path("contentSize")
                : metrics.path("cssContentSize");
        int height = (int) Math.ceil(Math.min(size.path("height").asDouble(900), 30_000));
        s.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        Thread.sleep(300); // a resize redraws the charts after a short debounce
        JsonNode shot = s.call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
        s.call("Emulation.clearDeviceMetricsOverride", JSON.createObjectNode());
    }

    /** Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" once it is up. */
    private static URI devtoolsUrl(Process p) throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    } else if (!url.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("Chromium ended before it listened:\n" + seen));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(30, TimeUnit.SECONDS);
    }

    /** The about:blank page's own DevTools socket, from the browser's /json/list. */
    private static URI pageTarget(URI browser) throws Exception {
        URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode t : JSON.readTree(r.body())) {
            if (t.path("type").asText().equals("page")) {
                return URI.create(t.path("webSocketDebuggerUrl").asText());
            }
        }
        throw new IllegalStateException("no page target in " + r.body());
    }

    /** One DevTools connection: commands answered by id, every event kept in arrival order. */
    private static final class Session implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        private final List<JsonNode> events = new ArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Session open(URI url) throws Exception {
            Session s = new Session();
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(url, s).get(10, TimeUnit.SECONDS);
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    inbox.add(JSON.createObjectNode().put("method", "fwbench.unreadable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", params);
            socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                if (m.path("id").asInt(-1) == id) {
                    if (m.has("error")) {
                        throw new IllegalStateException(method + ": " + m.path("error"));
                    }
                    return m.path("result");
                }
                events.add(m);
            }
            throw new IllegalStateException(method + ": no answer within 60 s");
        }

        JsonNode evaluate(String expression) throws Exception {
            JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                    .put("returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("evaluating " + expression + ": " + r.path("exceptionDetails"));
            }
            return r.path("result").path("value");
        }

        void awaitEvent(String method, int seconds) throws Exception {
            if (events.stream().anyMatch(e -> e.path("method").asText().equals(method))) {
                return;
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < until) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    events.add(m);
                    if (m.path("method").asText().equals(method)) {
                        return;
                    }
                }
            }
            throw new IllegalStateException("no " + method + " within " + seconds + " s");
        }

        /** Console errors and assertions, uncaught exceptions, and errors the browser logged (CSP, loads). */
        List<String> errors() {
            drain();
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                JsonNode params = e.path("params");
                switch (e.path("method").asText()) {
                    case "Runtime.consoleAPICalled" -> {
                        String type = params.path("type").asText();
                        if (type.equals("error") || type.equals("assert")) {
                            out.add("console." + type + ": " + params.path("args"));
                        }
                    }
                    case "Runtime.exceptionThrown" -> out.add("exception: " + params.path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if (params.path("entry").path("level").asText().equals("error")) {
                            out.add("log: " + params.path("entry").path("text").asText() + " "
                                    + params.path("entry").path("url").asText());
                        }
                    }
                    default -> { }
                }
            }
            return out;
        }

        /** Every URL the page asked for, the page itself included. */
        List<String> requests() {
            drain();
            List<String> out = new ArrayList<>();
            events.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                    .forEach(e -> out.add(e.path("params").path("request").path("url").asText()));
            return out;
        }

        private void drain() {
            JsonNode m;
            while ((m = inbox.poll()) != null) {
                events.add(m);
            }
        }

        @Override
        public void close() {
            try {
                call("Browser.close", JSON.createObjectNode());
            } catch (Exception e) {
                // the process is stopped by its owner anyway
            }
            socket.abort();
        }
    }

    /** The inspection the report's tests run: per chart container, its canvases and whether any pixel is painted. */
    public static final String REPORT_INSPECTION = """
            ({
              charts: Array.from(document.querySelectorAll('.chart')).map(function (el) {
                var canvases = Array.from(el.querySelectorAll('canvas'));
                var painted = canvases.some(function (c) {
                  if (!c.width || !c.height) { return false; }
                  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { return true; } }
                  return false;
                });
                var svgs = el.querySelectorAll('svg').length;
                return {id: el.id, canvases: canvases.length, svgs: svgs, painted: painted,
                        width: canvases.length ? canvases[0].width : 0, height: canvases.length ? canvases[0].height : 0};
              }),
              headlineTargets: Array.from(document.querySelectorAll('table.headline td.target .name')).map(function (s) {
                return s.textContent.trim();
              }),
              title: document.title
            })""";

    /** A map view for assertions' messages. */
    public static Map<String, Object> describe(PageVisit v) {
        return Map.of("errors", v.consoleErrors(), "requests", v.requests(), "page", v.page());
    }
}
