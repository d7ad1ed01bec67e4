#!/usr/bin/env bash
# How the Django app is served, on every backend: the image's entrypoint, and the command the
# harness's process backend runs from this folder with the virtualenv first on PATH
# (DjangoApp.java). The servers, the worker rules and the migrations live here only.
#
#   1. python manage.py migrate --noinput
#   2. by SERVER_NAME:
#      gunicorn (default)  Gunicorn (WSGI, gunicorn.conf.py) on HOST:PORT, and beside it Uvicorn
#                          serving benchsite.asgi for /ws/* on HOST:WS_PORT with WS_WORKERS workers
#                          (its env: SERVER_NAME=uvicorn PORT=$WS_PORT WORKERS=$WS_WORKERS)
#      uvicorn             one Uvicorn (ASGI, HTTP and WebSocket) on HOST:PORT with WORKERS workers
#
# Env: DATABASE_URL (required), HOST (image default 0.0.0.0), PORT, WORKERS, THREADS, WS_PORT
# (default PORT+1), WS_WORKERS, REDIS_URL, DB_POOL_SIZE, JWT_SECRET, PROFILE: see README.md;
# TUNED_VENV (image: /opt/venv-tuned) the virtualenv of PROFILE=tuned under Gunicorn.
# ASGI worker count when not given: one per core, but 1 without REDIS_URL (the in-memory
# channel layer cannot reach another process).
# SIGTERM or SIGINT: SIGTERM to every server, exit when they have. When one server exits on
# its own, the other is stopped and the script exits non-zero.
# With arguments, runs them instead (docker run IMAGE python manage.py shell).
set -euo pipefail

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
export HOST=${HOST:-0.0.0.0} PORT=${PORT:-8000} SERVER_NAME=${SERVER_NAME:-gunicorn} PYTHONUNBUFFERED=1
# The tuned profile under Gunicorn runs its own dependency set (requirements-tuned.txt: Gunicorn 23,
# psycopg2; README.md, "Profiles"), for the WebSocket Uvicorn beside it too. TUNED_VENV names its
# virtualenv in the image; the process backend puts the right one on PATH itself (DjangoApp.venvFor).
if [ "${PROFILE:-production}" = tuned ] && [ "$SERVER_NAME" = gunicorn ] && [ -n "${TUNED_VENV:-}" ]; then
    export PATH="$TUNED_VENV/bin:$PATH" VIRTUAL_ENV=$TUNED_VENV
fi
if [ -z "${DATABASE_URL:-}" ]; then
    echo "DATABASE_URL is required, e.g. postgresql://user:password@127.0.0.1:5432/bench" >&2
    exit 3
fi

asgi_workers() { # wanted count or ""
    local wanted=${1:-$(nproc)}
    if [ "$wanted" -gt 1 ] && [ -z "${REDIS_URL:-}" ]; then
        echo "no REDIS_URL: Uvicorn runs 1 worker (in-memory channel layer) instead of $wanted" >&2
        wanted=1
    fi
    echo "$wanted"
}

uvicorn_args() { # port workers
    # --ws: Uvicorn's default WebSocket protocol, sending the handshake refusals it would
    # otherwise leave unsent (benchsite/uvicorn_protocols.py)
    echo benchsite.asgi:application --host "$HOST" --port "$1" --workers "$2" \
        --ws benchsite.uvicorn_protocols:WebSocketProtocol \
        --no-access-log --lifespan off --log-level warning
}

python manage.py migrate --noinput

case "$SERVER_NAME" in
    uvicorn)
        WORKERS=$(asgi_workers "${WORKERS:-}")
        export WORKERS # so /health reports what runs
        # shellcheck disable=SC2046
        exec uvicorn $(uvicorn_args "$PORT" "$WORKERS")
        ;;
    gunicorn) ;;
    *)
        echo "SERVER_NAME must be gunicorn or uvicorn, not '$SERVER_NAME'" >&2
        exit 2
        ;;
esac

export WS_PORT=${WS_PORT:-$((PORT + 1))}
ws_workers=${WS_WORKERS:-$(asgi_workers "${WORKERS:-}")}

pids=()
signalled=
stop() {
    trap '' TERM INT
    # SIGTERM for both signals: background jobs of a non-interactive shell ignore SIGINT
    kill -TERM "${pids[@]}" 2>/dev/null || true
}
trap 'signalled=1; stop' TERM INT

gunicorn -c gunicorn.conf.py benchsite.wsgi:application &
pids+=($!)
# shellcheck disable=SC2046
SERVER_NAME=uvicorn PORT=$WS_PORT WORKERS=$ws_workers uvicorn $(uvicorn_args "$WS_PORT" "$ws_workers") &
pids+=($!)
echo "gunicorn on $HOST:$PORT (pid ${pids[0]}), WebSocket uvicorn on $HOST:$WS_PORT with $ws_workers worker(s) (pid ${pids[1]})"

set +e
exited=
wait -n -p exited "${pids[@]}" # returns when a server exits, or early when a signal is trapped
first=$?
if [ -z "$signalled" ]; then
    echo "server pid ${exited:-?} exited with status $first: stopping the other" >&2
    stop
fi
status=0
for pid in "${pids[@]}"; do
    [ "$pid" = "${exited:-}" ] && continue
    while :; do
        wait "$pid"
        rc=$?
        kill -0 "$pid" 2>/dev/null || break # still running: a trapped signal interrupted wait
    done
    if [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then status=$rc; fi
done
if [ -z "$signalled" ]; then
    exit $((first == 0 ? 1 : first)) # a server ended on its own: always a failure
fi
exit "$status"
