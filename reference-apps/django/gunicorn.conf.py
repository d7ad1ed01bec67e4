"""Gunicorn settings of the default (gunicorn) variant, read from the environment.

    .venv/bin/gunicorn -c gunicorn.conf.py benchsite.wsgi:application
"""

import os
import sys

import gunicorn

if not os.environ.get("DATABASE_URL"):
    # Checked here too so that the master stops with one line, before it forks
    # workers that would each print it (benchsite/settings.py has the same check).
    print("DATABASE_URL is required, e.g. postgresql://user:password@127.0.0.1:5432/bench", file=sys.stderr)
    sys.exit(3)

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8080")
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]  # IPv6 needs brackets

_cores = len(os.sched_getaffinity(0))  # as `nproc` counts them (CPU pinning respected)
_tuned = os.environ.get("PROFILE") == "tuned"

if _tuned:
    # TechEmpower's Django entry (gunicorn_conf.py): the gthread worker, one worker per core,
    # keep-alive 120 s. Clients talk to Gunicorn directly, reusing their connections; no
    # per-connection accept + close as with the sync worker. 8 threads where theirs sets 4 per
    # worker: with 4, the worker's core sat ~4 % idle on /fortunes while every thread waited on
    # PostgreSQL; 8 kept it busy (README.md, "Profiles"). Theirs, pinned to one core here, runs
    # 2 x 4 (cpu_count() ignores pinning): 8 threads on the core as well.
    workers = int(os.environ.get("WORKERS") or _cores)
    threads = int(os.environ.get("THREADS") or 8)
    keepalive = 120
else:
    # Gunicorn's docs: "(2 x $num_cores) + 1" workers, and threads "generally in the
    # 2-4 x $(NUM_CORES) range" (settings: threads). Threads make it the gthread worker,
    # which keeps connections alive: behind the nginx front (the production default,
    # harness: DjangoApp.defaultProxy) the front's upstream connections are reused instead
    # of one TCP connection per request with the sync worker (measured in README.md,
    # "Which production deployment"). keepalive above nginx's upstream keepalive_timeout
    # (60 s), so Gunicorn never closes a connection nginx is about to reuse; Gunicorn's
    # docs: behind a load balancer "it often makes sense to set this to a higher value".
    workers = int(os.environ.get("WORKERS") or 2 * _cores + 1)
    threads = int(os.environ.get("THREADS") or 4 * _cores)
    keepalive = 75
# THREADS=1 is the sync worker: one request at a time, the connection closed after each
# (no keep-alive; Gunicorn expects a buffering proxy in front).
worker_class = "gthread" if threads > 1 else "sync"

# What the workers report in /health: the values actually in force.
raw_env = [f"WORKERS={workers}", f"THREADS={threads}"]

accesslog = None  # no per-request logging (also Gunicorn's default)

# Gunicorn 25+ opens a control socket at ~/.gunicorn/gunicorn.ctl by default; two
# instances on one machine (e.g. two benchmark targets) would fight over it, and
# nothing here uses gunicornc. Gunicorn 23 (the tuned profile's requirements-tuned.txt)
# has no control socket and skips names it does not know in this file.
control_socket_disable = True


# Bodies the app did not read. The API answers 401 before it reads a body (CONTRACT.md §5,
# authentication first), and the sync worker then closes the connection; Gunicorn drains at
# most 64 KiB on close, so past that the kernel resets the connection while the rest of the
# body is still arriving, and the nginx front, still sending it, answers 502. Reading the rest
# first (up to the front's client_max_body_size; a client that declares more is cut off)
# makes that close clean. Small bodies are already read whole by Gunicorn's parser.
# Not under Gunicorn 23's gthread worker (the tuned profile's requirements-tuned.txt): its parser
# discards an unread body itself before the next request on a kept-alive connection, and with
# this hook that next request went unanswered (measured: a 401 on a 200 KB unread body, then a
# GET on the same connection, no answer in 5 s; without the hook both answered). Gunicorn 27's
# gthread drains an unread body itself too, with a deadline; the hook stays there as it was.
_DRAIN_LIMIT = 4 * 1024 * 1024
_GUNICORN_MAJOR = int(gunicorn.__version__.split(".")[0])

if worker_class == "sync" or _GUNICORN_MAJOR >= 24:

    def post_request(worker, req, environ, resp):
        body = environ.get("wsgi.input")
        drained = 0
        while body is not None and drained <= _DRAIN_LIMIT:
            chunk = body.read(65536)
            if not chunk:
                break
            drained += len(chunk)
