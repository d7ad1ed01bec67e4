package dev.fwbench.harness.run;

import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.config.Setting;
import java.net.URI;
import java.util.List;

/**
 * Every setting a driver reads to choose and bring up its targets, in one catalogue: the
 * Gatling simulations, the JMH jar and the suite runner read these same keys
 * ({@code -Dkey=value}), with the same defaults, units and ranges, and record them whole in
 * {@code run.json}. Load shapes, SLOs and a driver's own settings are catalogued beside
 * their users ({@code load.LoadShape}, the simulations).
 */
public final class RunSettings {
    private RunSettings() {
    }

    public static final Setting<String> TARGET = Setting.text("target",
            "which targets to bring up: nestjs, django, both, bare (claim 7's baseline), or a comma-separated list (default both)");
    public static final Setting<URI> BASE_URL = Setting.url("base.url",
            "drive a service already running at this URL instead (the external backend)", "http", "https");
    public static final Setting<URI> WS_URL = Setting.url("ws.url",
            "its WebSocket root (default: base.url with ws://)", "ws", "wss");
    public static final Setting<Boolean> ALLOW_REMOTE = Setting.flag("allow.remote", false,
            "allow external targets that are not on this machine (load leaves loopback)");

    public static final Setting<String> BACKEND = Setting.choice("backend", "auto", BackendSettings.KINDS,
            "how targets are brought up: auto (containers where Docker answers, else process), containers, process, external");
    public static final Setting<String> DB_URL = Setting.text("db.url",
            "the process backend's PostgreSQL (postgresql://user:password@host:port/db) instead of an embedded one");
    public static final Setting<Integer> START_TIMEOUT = Setting.integer("start.timeout", 300, 1, 3600, "s",
            "how long a started target may take to answer /health");
    public static final Setting<String> IMAGE_NODE = Setting.text("image.node",
            "base image of the NestJS container").orEnvironment("FWBENCH_NODE_IMAGE");
    public static final Setting<String> IMAGE_PYTHON = Setting.text("image.python",
            "base image of the Django container").orEnvironment("FWBENCH_PYTHON_IMAGE");
    public static final Setting<String> IMAGE_POSTGRES = Setting.text("image.postgres",
            "PostgreSQL image of the containers backend").orEnvironment("FWBENCH_POSTGRES_IMAGE");
    public static final Setting<String> IMAGE_REDIS = Setting.text("image.redis",
            "Redis image of the containers backend").orEnvironment("FWBENCH_REDIS_IMAGE");
    public static final Setting<String> IMAGE_NGINX = Setting.text("image.nginx",
            "nginx image of the containers backend's front (-Dproxy=nginx)").orEnvironment("FWBENCH_NGINX_IMAGE");

    public static final Setting<String> VARIANT = Setting.text("variant",
            "server stack of the targets that have it: nestjs express|fastify, django gunicorn|uvicorn");
    public static final Setting<Integer> WORKERS = Setting.integer("workers", 0, 0, 256, "processes",
            "worker processes of each target (0: the framework's production default)");
    public static final Setting<Integer> THREADS = Setting.integer("threads", 0, 0, 256, "threads",
            "threads per worker, Django only (0: 1; more selects Gunicorn's gthread worker)");
    public static final Setting<String> PROFILE = Setting.choice("profile", "production", List.of("production", "tuned"),
            "configuration of each target: production (as its docs recommend) or tuned (fastest within the contract)");
    public static final Setting<String> CACHE = Setting.choice("cache", "off", List.of("off", "redis"),
            "the article reads of each target cached in Redis by its framework's cache (CONTRACT.md section 5a; claim 5) or not");
    public static final Setting<String> DB_ACCESS = Setting.choice("db.access", null, List.of("orm", "raw"),
            "how /db, /queries and the article reads reach PostgreSQL: orm (default) or raw, the ORM's own SQL through "
                    + "the same driver (CONTRACT.md section 4b; claim 6); the bare baseline is raw only");
    public static final Setting<String> PROXY = Setting.choice("proxy", "default", List.of("default", "none", "nginx"),
            "what fronts each target: default (its production deployment's: nginx for Django, none for NestJS), none "
                    + "(clients talk to the app server) or nginx (reference-apps/nginx)");
    public static final Setting<Integer> INSTANCES = Setting.integer("instances", 1, 1, 16, "instances",
            "app instances of each target behind its nginx front (horizontal scaling; needs -Dproxy=nginx)");
    public static final Setting<Integer> SERVER_CPUS = Setting.integer("server.cpus", 0, 1,
            dev.fwbench.harness.HostCpus.online().size(), "cores",
            "cores each target may use, the last N of the host (default: every core)");
    public static final Setting<String> SERVER_MEMORY = Setting.text("server.memory",
            "memory limit of each target's container, e.g. 512m, 2g, none (default 2g)");

    public static final Setting<String> RUNS_DIR = Setting.text("fwbench.runs",
            "parent folder of run directories (default: results/runs of the checkout)");
    public static final Setting<String> RUN_DIR = Setting.text("fwbench.run.dir",
            "this run's own folder, exactly (a suite's trial); created when absent, joined when it holds a run.json "
                    + "(a JMH fork joins its host's)");

    /** The catalogue above, in the order run.json lists it. */
    public static List<Setting<?>> all() {
        return List.of(TARGET, BASE_URL, WS_URL, ALLOW_REMOTE, BACKEND, DB_URL, START_TIMEOUT, IMAGE_NODE, IMAGE_PYTHON,
                IMAGE_POSTGRES, IMAGE_REDIS, IMAGE_NGINX, VARIANT, WORKERS, THREADS, PROFILE, CACHE, DB_ACCESS, PROXY, INSTANCES,
                SERVER_CPUS,
                SERVER_MEMORY, RUNS_DIR, RUN_DIR);
    }
}
