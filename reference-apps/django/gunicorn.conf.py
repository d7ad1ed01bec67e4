"""Gunicorn settings of the default (gunicorn) variant, read from the environment.

    .venv/bin/gunicorn -c gunicorn.conf.py benchsite.wsgi:application
"""

import os
import sys

if not os.environ.get("DATABASE_URL"):
    # Checked here too so that the master stops with one line, before it forks
    # workers that would each print it (benchsite/settings.py has the same check).
    print("DATABASE_URL is required, e.g. postgresql://user:password@127.0.0.1:5432/bench", file=sys.stderr)
    sys.exit(3)

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8080")
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]  # IPv6 needs brackets

# Gunicorn's docs: "(2 x $num_cores) + 1" workers. Cores as `nproc` counts them.
workers = int(os.environ.get("WORKERS") or 2 * len(os.sched_getaffinity(0)) + 1)
threads = int(os.environ.get("THREADS") or 1)
# The sync worker serves one request at a time and closes the connection after each
# (no keep-alive; Gunicorn expects a buffering proxy in front). With THREADS > 1
# Gunicorn switches to gthread anyway; spelled out here. gthread keeps connections
# alive (keepalive, default 2 s).
worker_class = "gthread" if threads > 1 else "sync"

# What the workers report in /health: the values actually in force.
raw_env = [f"WORKERS={workers}", f"THREADS={threads}"]

accesslog = None  # no per-request logging (also Gunicorn's default)

# Gunicorn 25+ opens a control socket at ~/.gunicorn/gunicorn.ctl by default; two
# instances on one machine (e.g. two benchmark targets) would fight over it, and
# nothing here uses gunicornc.
control_socket_disable = True


# Bodies the app did not read. The API answers 401 before it reads a body (CONTRACT.md §5,
# authentication first), and the sync worker then closes the connection; Gunicorn drains at
# most 64 KiB on close, so past that the kernel resets the connection while the rest of the
# body is still arriving, and the nginx front, still sending it, answers 502. Reading the rest
# first (up to the front's client_max_body_size; a client that declares more is cut off)
# makes that close clean. Small bodies are already read whole by Gunicorn's parser.
_DRAIN_LIMIT = 4 * 1024 * 1024


def post_request(worker, req, environ, resp):
    body = environ.get("wsgi.input")
    drained = 0
    while body is not None and drained <= _DRAIN_LIMIT:
        chunk = body.read(65536)
        if not chunk:
            break
        drained += len(chunk)
