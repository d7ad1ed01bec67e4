package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx front of a target ({@code --proxy nginx}): its configuration, rendered from the
 * one template every framework shares ({@code reference-apps/nginx/front.conf.template}), with
 * the app instances as upstreams, and the command that serves it. Both backends run it the
 * same way: a process pinned to the target's cores, or a container with its cpuset.
 *
 * @param config the rendered configuration
 * @param port   where clients connect (127.0.0.1)
 */
public record NginxFront(String config, int port) {
    private static final Pattern FIELD = Pattern.compile("\\$\\{([A-Z_]+)}");

    /**
     * @param instances one launch plan per app instance: HTTP goes to their base URLs, {@code /ws/} to their WebSocket roots
     * @param workers   nginx worker processes: one per core the target may use
     * @param prefix    nginx's working folder (pid, error log, temp files) as nginx will see it
     */
    public static NginxFront render(Path template, List<LaunchPlan> instances, int port, int workers, String prefix) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read the nginx front's template " + template + ": " + e.getMessage(), e);
        }
        StringBuilder http = new StringBuilder();
        StringBuilder ws = new StringBuilder();
        for (LaunchPlan p : instances) {
            http.append("        server ").append(hostPort(p.baseUrl())).append(" fail_timeout=0;\n");
            ws.append("        server ").append(hostPort(p.wsUrl())).append(" fail_timeout=0;\n");
        }
        Map<String, String> fields = Map.of("WORKERS", Integer.toString(workers), "PREFIX", prefix,
                "PORT", Integer.toString(port), "HTTP_UPSTREAMS", http.toString().stripTrailing(),
                "WS_UPSTREAMS", ws.toString().stripTrailing());
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            if (value == null) {
                throw new BenchException(template + " uses ${" + m.group(1) + "}, which the harness does not fill");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new NginxFront(out.toString(), port);
    }

    private static String hostPort(URI u) {
        return u.getHost() + ":" + u.getPort();
    }

    /** The command that serves it, in the foreground (the harness owns its lifetime). */
    public static List<String> command(String configFile, String prefix) {
        return List.of("nginx", "-p", prefix, "-c", configFile, "-g", "daemon off;");
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI wsUrl() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    /** Writes the configuration into {@code dir} (and nginx's temp folders beside it); returns the file. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String sub : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
                Files.createDirectories(dir.resolve(sub));
            }
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new BenchException("cannot write the nginx configuration in " + dir + ": " + e.getMessage(), e);
        }
    }
}
