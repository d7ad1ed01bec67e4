package dev.fwbench.harness.db;

import dev.fwbench.harness.BenchException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL server the user already runs, given as
 * {@code --db-url postgresql://user:password@host:port/anydb}. The user must be allowed to
 * create databases; the harness creates one database per target and leaves the server up.
 */
public final class ExternalPostgresServer implements PostgresServer {
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private ExternalPostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static ExternalPostgresServer parse(String url) {
        String hint = ": expected postgresql://user:password@host:port/database";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new BenchException("--db-url is not a URL" + hint);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new BenchException("--db-url must start with postgresql://" + hint);
        }
        if (uri.getHost() == null) {
            throw new BenchException("--db-url has no host" + hint);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new BenchException("--db-url has no user" + hint);
        }
        String[] parts = userInfo.split(":", 2);
        String user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        ExternalPostgresServer server = new ExternalPostgresServer(uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
        try (Connection ignored = server.connect("postgres")) {
            return server;
        } catch (SQLException e) {
            throw new BenchException("cannot connect to --db-url server " + server.host + ":" + server.port
                    + " (" + firstLine(e.getMessage()) + "): check that it runs and the credentials are right", e);
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // a server that accepts connections but never answers must fail, not hang the run
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "10");
        props.setProperty("socketTimeout", "120");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    @Override
    public String appUrl(String database) {
        return "postgresql://" + enc(user) + ":" + enc(password) + "@" + host + ":" + port + "/" + database;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "no answer";
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + host + ":" + port;
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
