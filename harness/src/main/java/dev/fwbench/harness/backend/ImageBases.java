package dev.fwbench.harness.backend;

import dev.fwbench.harness.BenchException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The images everything in the containers backend starts from. Defaults are official,
 * multi-arch (amd64 and arm64) images; a host without access to a registry supplies its
 * own with {@code --image-base node=IMAGE} or the environment ({@code FWBENCH_NODE_IMAGE},
 * {@code FWBENCH_PYTHON_IMAGE}, {@code FWBENCH_POSTGRES_IMAGE}, {@code FWBENCH_REDIS_IMAGE}),
 * e.g. the stand-ins {@code .ci/standin-bases} builds.
 *
 * @param node     FROM of the NestJS image (a Node.js LTS)
 * @param python   FROM of the Django image (a Python that runs Django 5.2)
 * @param postgres PostgreSQL, the same major as the embedded one (17)
 * @param redis    Redis, Channels' layer for WebSocket broadcast across workers
 * @param nginx    nginx, the production front ({@code --proxy nginx})
 */
public record ImageBases(String node, String python, String postgres, String redis, String nginx) {
    public static final ImageBases OFFICIAL = new ImageBases("node:24-bookworm-slim", "python:3.12-slim-bookworm",
            "postgres:17.11-bookworm", "redis:7.4-bookworm", "nginx:1.27-bookworm");
    private static final String[] KEYS = {"node", "python", "postgres", "redis", "nginx"};

    /** The official defaults, overridden by FWBENCH_*_IMAGE variables that are set. */
    public static ImageBases fromEnvironment(Map<String, String> env) {
        ImageBases b = OFFICIAL;
        for (String key : KEYS) {
            String v = env.get("FWBENCH_" + key.toUpperCase(java.util.Locale.ROOT) + "_IMAGE");
            if (v != null && !v.isBlank()) {
                b = b.with(key, v.trim());
            }
        }
        return b;
    }

    /** Applies one {@code --image-base key=image}. */
    public ImageBases override(String keyEqualsImage) {
        int eq = keyEqualsImage.indexOf('=');
        if (eq <= 0 || eq == keyEqualsImage.length() - 1) {
            throw new BenchException("--image-base takes KEY=IMAGE (keys: node, python, postgres, redis, nginx), got '"
                    + keyEqualsImage + "'");
        }
        return with(keyEqualsImage.substring(0, eq).trim(), keyEqualsImage.substring(eq + 1).trim());
    }

    /** The image under {@code key} (node, python, postgres, redis). */
    public String forKey(String key) {
        String image = asMap().get(key);
        if (image == null) {
            throw new BenchException("unknown image base '" + key + "': use node, python, postgres, redis or nginx");
        }
        return image;
    }

    private ImageBases with(String key, String image) {
        return switch (key) {
            case "node" -> new ImageBases(image, python, postgres, redis, nginx);
            case "python" -> new ImageBases(node, image, postgres, redis, nginx);
            case "postgres" -> new ImageBases(node, python, image, redis, nginx);
            case "redis" -> new ImageBases(node, python, postgres, image, nginx);
            case "nginx" -> new ImageBases(node, python, postgres, redis, image);
            default -> throw new BenchException("unknown image base '" + key
                    + "': use node, python, postgres, redis or nginx");
        };
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node", node);
        m.put("python", python);
        m.put("postgres", postgres);
        m.put("redis", redis);
        m.put("nginx", nginx);
        return m;
    }
}
