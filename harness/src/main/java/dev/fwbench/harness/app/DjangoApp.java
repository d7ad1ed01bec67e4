package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.process.ChildProcess;
import dev.fwbench.harness.process.FreePorts;
import dev.fwbench.harness.targets.Framework;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reference-apps/django}: a virtual environment with the pinned requirements
 * (re-created when requirements.txt or the Python version changes), {@code manage.py migrate},
 * then the servers of the variant:
 * <ul>
 *   <li>{@code gunicorn}: WSGI under Gunicorn for HTTP (Django's deployment docs), and beside it
 *       Uvicorn serving the ASGI application for {@code /ws/*} on its own port — WSGI cannot
 *       carry WebSocket, and this is the split Channels' deployment docs describe;</li>
 *   <li>{@code uvicorn}: one ASGI server for HTTP and WebSocket.</li>
 * </ul>
 * With more than one ASGI worker, broadcast needs Channels' Redis layer: the backend passes
 * {@code REDIS_URL} when it could start a Redis.
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

    private Path venvBin(String tool) {
        return dir.resolve(".venv/bin").resolve(tool);
    }

    @Override
    public void prepare(Path logDir) {
        String python = Toolchain.require("python3", "--version", MIN_PYTHON, PYTHON_HINT);
        Path requirements = dir.resolve("requirements.txt");
        if (!Files.isRegularFile(requirements)) {
            throw new BenchException(requirements + " is missing: the Django app must ship its pinned requirements");
        }
        InstallStamp.underLock(dir.resolve(".fwbench-install.lock"), () -> {
            Path log = logDir.resolve("django-pip-install.log");
            // the stamp lives inside .venv: a deleted virtualenv takes its stamp with it
            new InstallStamp(dir.resolve(".venv/.fwbench-stamp"), List.of(requirements), "python" + python).ensure(
                    "creating the Django virtualenv and installing pinned requirements (first use or requirements "
                            + "changed; output: " + log + ")", () -> {
                        ChildProcess.run("python3 -m venv", List.of("python3", "-m", "venv", "--clear", ".venv"), dir,
                                Map.of(), log, Duration.ofMinutes(2));
                        ChildProcess.run("pip install", List.of(venvBin("python").toString(), "-m", "pip", "install",
                                        "--disable-pip-version-check", "--no-input", "-q", "-r", "requirements.txt"),
                                dir, Map.of(), log, Duration.ofMinutes(10));
                    });
        });
    }

    /** The app's configuration (CONTRACT.md §1), the same for processes and a container. */
    public static Map<String, String> environment(AppLaunch launch) {
        Map<String, String> env = new HashMap<>(launch.extraEnv());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(launch.port()));
        env.put("DATABASE_URL", launch.databaseUrl());
        env.put("JWT_SECRET", launch.jwtSecret());
        env.put("PROFILE", launch.spec().profile().id());
        env.put("SERVER_NAME", launch.spec().variant());
        env.put("PYTHONUNBUFFERED", "1");
        if (launch.spec().workers() > 0) {
            env.put("WORKERS", Integer.toString(launch.spec().workers()));
        }
        if (launch.spec().threads() > 0) {
            env.put("THREADS", Integer.toString(launch.spec().threads()));
        }
        return env;
    }

    @Override
    public StartedApp start(AppLaunch launch) {
        Map<String, String> env = environment(launch);
        String logBase = launch.spec().name().replace(':', '-');
        ChildProcess.run("manage.py migrate", List.of(venvBin("python").toString(), "manage.py", "migrate", "--noinput"),
                dir, env, launch.logDir().resolve(logBase + "-migrate.log"), Duration.ofMinutes(3));

        List<ChildProcess> processes = new ArrayList<>();
        URI base = URI.create("http://127.0.0.1:" + launch.port());
        URI ws;
        if ("gunicorn".equals(launch.spec().variant())) {
            int wsPort = FreePorts.pick();
            env.put("WS_PORT", Integer.toString(wsPort));
            processes.add(ChildProcess.start(launch.spec().name(), launch.pinned(List.of(venvBin("gunicorn").toString(), "-c",
                    "gunicorn.conf.py", "benchsite.wsgi:application")), dir, env, launch.logDir().resolve(logBase + ".log")));
            Map<String, String> wsEnv = new HashMap<>(env);
            wsEnv.put("SERVER_NAME", "uvicorn");
            wsEnv.put("PORT", Integer.toString(wsPort));
            processes.add(ChildProcess.start(launch.spec().name() + " (WebSocket)", launch.pinned(uvicorn(wsPort, asgiWorkers(launch, env))),
                    dir, wsEnv, launch.logDir().resolve(logBase + "-ws.log")));
            ws = URI.create("ws://127.0.0.1:" + wsPort);
        } else {
            int workers = asgiWorkers(launch, env);
            env.put("WORKERS", Integer.toString(workers)); // so /health reports what runs
            processes.add(ChildProcess.start(launch.spec().name(), launch.pinned(uvicorn(launch.port(), workers)), dir, env,
                    launch.logDir().resolve(logBase + ".log")));
            ws = URI.create("ws://127.0.0.1:" + launch.port());
        }
        return new StartedApp(base, ws, processes);
    }

    /**
     * ASGI worker count: what the user asked for, else one per core (Uvicorn's docs); but one
     * worker only when no Redis carries the channel layer, since the in-memory layer cannot
     * reach another process.
     */
    private static int asgiWorkers(AppLaunch launch, Map<String, String> env) {
        int wanted = launch.spec().workers() > 0 ? launch.spec().workers() : launch.cores();
        if (wanted > 1 && !env.containsKey("REDIS_URL")) {
            Console.warn("no redis-server on PATH: Django's WebSocket server runs 1 worker (in-memory channel layer); "
                    + "install Redis for %d", wanted);
            return 1;
        }
        return wanted;
    }

    private List<String> uvicorn(int port, int workers) {
        return List.of(venvBin("uvicorn").toString(), "benchsite.asgi:application", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--workers", Integer.toString(workers),
                "--no-access-log", "--lifespan", "off", "--log-level", "warning");
    }
}
