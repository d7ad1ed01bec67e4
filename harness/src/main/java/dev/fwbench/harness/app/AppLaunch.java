package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a backend decided for one launch of an app: the target, its HTTP port on 127.0.0.1,
 * its own seeded database, the run's JWT key and, when the backend could start one, Redis.
 *
 * @param redisUrl {@code redis://127.0.0.1:port/0}, or null when no Redis runs (never with {@code cache: redis})
 */
public record AppLaunch(String name, TargetSpec spec, int port, String databaseUrl, String jwtSecret, String redisUrl) {

    /** The variables every app reads (CONTRACT.md section 1), as this launch sets them. */
    public Map<String, String> contractEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", databaseUrl);
        env.put("JWT_SECRET", jwtSecret);
        env.put("PROFILE", spec.profile().id());
        env.put("CACHE", spec.cache().id());
        env.put("DB_ACCESS", spec.dbAccess().id());
        if (spec.workers() > 0) {
            env.put("WORKERS", Integer.toString(spec.workers()));
        }
        if (redisUrl != null) {
            env.put("REDIS_URL", redisUrl);
        }
        return env;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
