package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code reference-apps/django}: served by its {@code docker-entrypoint.sh}, in the image and
 * as a process alike, so the servers, the worker and thread rules and the migrations are
 * written once (in that script and {@code gunicorn.conf.py}):
 * <ul>
 *   <li>{@code gunicorn}: WSGI under Gunicorn for HTTP (Django's deployment docs), and beside it
 *       Uvicorn serving the ASGI application for {@code /ws/*} on {@code WS_PORT}: WSGI cannot
 *       carry WebSocket, and this is the split Channels' deployment docs describe;</li>
 *   <li>{@code uvicorn}: one ASGI server for HTTP and WebSocket.</li>
 * </ul>
 * The ASGI server runs one worker per core, or one only without {@code REDIS_URL}: the
 * in-memory channel layer cannot reach another process. The process backend first creates
 * a virtual environment with the pinned requirements (again when they or the Python version
 * change; the tuned profile under Gunicorn has its own, {@link Venv}) and puts it first on PATH.
 */
public final class DjangoApp implements ReferenceApp {
    private static final int[] MIN_PYTHON = {3, 10};
    private static final String PYTHON_HINT = "install Python 3.10 or newer with the venv module (Debian: apt-get install python3 python3-venv)";

    private final Path dir;

    public DjangoApp(Path dir) {
        this.dir = dir;
    }

    @Override
    public Framework framework() {
        return Framework.DJANGO;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String baseImage() {
        return "python";
    }

    @Override
    public String baseImageArgument() {
        return "PYTHON_IMAGE";
    }

    @Override
    public boolean usesRedis(TargetSpec spec) {
        return true; // Channels' production layer, for broadcast across ASGI workers; and the article cache
    }

    /**
     * Production under Gunicorn: behind nginx. Gunicorn's deployment docs: "we strongly advise
     * that you use Nginx ... it buffers slow clients when you use default Gunicorn workers.
     * Without this buffering Gunicorn will be easily susceptible to denial-of-service attacks"
     * (https://docs.gunicorn.org/en/stable/deploy.html). Decided by measurement (issue 13,
     * reference-apps/django/README.md): Gunicorn's gthread workers behind the front keep its
     * slow-client protection and reuse the front's upstream connections, 1.2-1.3x the sync
     * workers' throughput; gthread served directly was no faster on database routes and let a
     * slowloris /health probe time out. Uvicorn (asynchronous) and the tuned profile serve
     * clients directly.
     */
    @Override
    public Proxy defaultProxy(TargetSpec spec) {
        return spec.profile() == Profile.PRODUCTION && "gunicorn".equals(spec.variant()) ? Proxy.NGINX : Proxy.NONE;
    }

    /**
     * A virtualenv of this app and the pinned requirements it is made from. The tuned profile
     * under Gunicorn has its own set, {@code requirements-tuned.txt}: Gunicorn 23.0.0 and psycopg2,
     * TechEmpower's Django entry's server and driver, measured 1.09-1.18x less CPU per request than
     * Gunicorn 27 and psycopg 3 (README.md, "Profiles"). Everything else, the tuned uvicorn variant
     * included (Django's pool under ASGI needs psycopg 3), runs {@code requirements.txt}. The image
     * holds both ({@code /opt/venv}, {@code /opt/venv-tuned}) and its entrypoint makes the same choice.
     */
    record Venv(String name, String requirements) {
        static final Venv MAIN = new Venv(".venv", "requirements.txt");
        static final Venv TUNED = new Venv(".venv-tuned", "requirements-tuned.txt");
    }

    static Venv venvFor(TargetSpec spec) {
        return spec.profile() == Profile.TUNED && "gunicorn".equals(spec.variant()) ? Venv.TUNED : Venv.MAIN;
    }

    @Override
    public void prepare(TargetSpec spec, Path logDir) {
        String python = Toolchain.require("python3", "--version", MIN_PYTHON, PYTHON_HINT);
        Venv venv = venvFor(spec);
        Path requirements = dir.resolve(venv.requirements());
        if (!Files.isRegularFile(requirements)) {
            throw new BenchException(requirements + " is missing: the Django app must ship its pinned requirements");
        }
        InstallStamp.underLock(dir.resolve(".fwbench-install.lock"), () -> {
            Path log = logDir.resolve("django-pip-install" + venv.name().substring(".venv".length()) + ".log");
            // the stamp lives inside the virtualenv: a deleted virtualenv takes its stamp with it
            new InstallStamp(dir.resolve(venv.name()).resolve(".fwbench-stamp"), List.of(requirements), "python" + python)
                    .ensure("creating the Django virtualenv " + venv.name() + " and installing " + venv.requirements()
                            + " (first use or requirements changed; output: " + log + ")", () -> {
                        ChildProcess.run("python3 -m venv", List.of("python3", "-m", "venv", "--clear", venv.name()), dir,
                                Map.of(), log, Duration.ofMinutes(2));
                        // hashed pins: pip checks every file (--require-hashes is implied, spelled out)
                        ChildProcess.run("pip install", List.of(dir.resolve(venv.name()).resolve("bin/python").toString(),
                                        "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q",
                                        "--require-hashes", "-r", venv.requirements()), dir, Map.of(), log,
                                Duration.ofMinutes(10));
                    });
        });
    }

    @Override
    public List<String> command() {
        return List.of("bash", "docker-entrypoint.sh");
    }

    @Override
    public Map<String, String> processEnvironment(TargetSpec spec) {
        Path venv = dir.resolve(venvFor(spec).name());
        return Map.of("PATH", venv.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "VIRTUAL_ENV", venv.toString());
    }

    @Override
    public LaunchPlan plan(AppLaunch launch) {
        Map<String, String> env = launch.contractEnvironment();
        env.put("SERVER_NAME", launch.spec().variant());
        env.put("PYTHONUNBUFFERED", "1");
        if (launch.spec().threads() > 0) {
            env.put("THREADS", Integer.toString(launch.spec().threads()));
        }
        URI ws = URI.create("ws://127.0.0.1:" + launch.port());
        if ("gunicorn".equals(launch.spec().variant())) {
            int wsPort = FreePorts.pick();
            env.put("WS_PORT", Integer.toString(wsPort));
            ws = URI.create("ws://127.0.0.1:" + wsPort);
        }
        return new LaunchPlan(env, launch.baseUrl(), ws);
    }
}
