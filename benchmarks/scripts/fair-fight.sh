#!/usr/bin/env bash
# fair-fight.sh: production vs tuned, NestJS and Django, side by side (issue 13).
#
# Brings every configuration up through the harness (./bench serve ... --backend process
# --server-cpus 1: each app pinned to the last core), then loads each route with wrk pinned to
# core 0 (taskset -c 0 wrk -t1 -cC -dD), interleaved: in every round each route is measured
# on every configuration one after the other, the order reversed every other round, so that
# a drifting machine hits every configuration alike. Reports the median of the rounds (and
# min-max) in a markdown table with the tuned/production and NestJS/Django ratios, then
# stops everything it started.
#
#   benchmarks/scripts/fair-fight.sh                       # 3 rounds of 8 s: about 16 minutes
#   benchmarks/scripts/fair-fight.sh --rounds 5 --duration 10s --out /tmp/ff.md
#   benchmarks/scripts/fair-fight.sh --no-direct           # without "django direct" (the production settings, no front)
#
# Configurations (each from its own ./bench serve, so each pair of apps has its own embedded
# PostgreSQL 17, with the harness's settings):
#   nestjs production   Express + helmet, 1 worker (one per core), pg pool 10
#   nestjs tuned        Fastify, 1 worker, pg pool 30
#   django production   nginx front + Gunicorn gthread, 3 workers (2 x cores + 1) x 4 threads
#   django tuned        Gunicorn gthread, 1 worker x 8 threads, keep-alive, no front
#   django direct       (decision of the default deployment) the same production settings,
#                       served by Gunicorn directly, no front (--proxy none --threads 4)
# Needs: a 2+ core machine, wrk (Debian: apt-get install wrk), nginx, python3, the harness's
# prerequisites. Bounded: every serve waits at most 10 minutes for its apps, every wrk run
# its duration plus 30 s, and the whole script at most --timeout (default 60 min).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=3
DURATION=8s
CONNECTIONS=32
OUT="$ROOT/results/reference/fair-fight.md"
DIRECT=1
TIMEOUT_MIN=60
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --no-direct) DIRECT=0; shift ;;
        --timeout-min) TIMEOUT_MIN=$2; shift 2 ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || { echo "--rounds must be 1..99" >&2; exit 2; }
[[ "$DURATION" =~ ^[1-9][0-9]*s$ ]] || { echo "--duration must be like 8s" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores: wrk on core 0, the apps on core 1" >&2; exit 2; }

WORK=$(mktemp -d /tmp/fair-fight.XXXXXX)
SERVES=()
stop_all() {
    # SIGTERM: the harness's shutdown hook stops its apps and PostgreSQL, then the JVM exits
    # (SIGINT would not do: a background job of a script has SIGINT ignored)
    for pid in "${SERVES[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${SERVES[@]}"; do
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap 'exit 130' INT TERM
# the whole script is bounded: a watchdog stops it (and through the trap, everything) after TIMEOUT_MIN
( sleep $((TIMEOUT_MIN * 60)); echo "fair-fight: over ${TIMEOUT_MIN} min, stopping" >&2; kill -TERM $$ ) &
WATCHDOG=$!
trap 'kill $WATCHDOG 2>/dev/null || true; stop_all' EXIT

# serve NAME ARGS...: ./bench serve in the background; waits for "Serving." (10 min: first use installs)
serve() {
    local name=$1; shift
    # ./bench execs the JVM: $! is the harness itself
    "$ROOT/bench" serve "$@" --backend process --server-cpus 1 >"$WORK/$name.log" 2>&1 &
    SERVES+=($!)
    local deadline=$((SECONDS + 600))
    until grep -q '^Serving\.' "$WORK/$name.log"; do
        if [ $SECONDS -ge $deadline ] || ! kill -0 "${SERVES[-1]}" 2>/dev/null; then
            echo "fair-fight: ./bench serve $* did not come up; its output:" >&2
            cat "$WORK/$name.log" >&2
            exit 1
        fi
        sleep 1
    done
}
url_of() { # log framework:variant -> http URL
    grep -E "^$2 +http: " "$WORK/$1.log" | head -1 | awk '{print $3}'
}

echo "fair-fight: starting the configurations (logs in $WORK)" >&2
serve production nestjs django --profile production
serve tuned nestjs django --profile tuned
TARGETS=(
    "nestjs production=$(url_of production nestjs:express)"
    "nestjs tuned=$(url_of tuned nestjs:fastify)"
    "django production=$(url_of production django:gunicorn)"
    "django tuned=$(url_of tuned django:gunicorn)"
)
if [ "$DIRECT" = 1 ]; then
    serve direct django --profile production --proxy none --threads 4
    TARGETS+=("django direct=$(url_of direct django:gunicorn)")
fi
for t in "${TARGETS[@]}"; do
    [ -n "${t#*=}" ] || { echo "fair-fight: no URL for ${t%%=*}" >&2; exit 1; }
    name=${t%%=*}
    curl -fsS --max-time 10 "${t#*=}/health" >"$WORK/health-${name// /-}.json"
done

ROUTES=("/json" "/db" "/queries?queries=20" "/fortunes" "/updates?queries=20")
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
echo "fair-fight: load $(uptime)" >&2
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
    for route in "${ROUTES[@]}"; do
        order=("${TARGETS[@]}")
        if [ $((round % 2)) = 0 ]; then
            order=(); for ((i=${#TARGETS[@]}-1; i>=0; i--)); do order+=("${TARGETS[$i]}"); done
        fi
        for t in "${order[@]}"; do
            out=$(timeout $(( ${DURATION%s} + 30 )) taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "${t#*=}$route" || true)
            rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
            bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
            # "Socket errors: connect 0, read 0, write 0, timeout 3": a timeout is a request over 2 s
            sock=$(sed -n 's/.*Socket errors: *connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' <<<"$out" \
                | awk '{print $1 + $2 + $3 + $4}')
            printf '%s\t%s\t%s\t%s\t%s\n' "${t%%=*}" "$route" "${rps:-0}" "${bad:-0}" "${sock:-0}" >>"$RESULTS"
            printf 'fair-fight: round %d %-20s %-20s %10s req/s\n' "$round" "${t%%=*}" "$route" "${rps:-0}" >&2
        done
    done
done
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$OUT")"
python3 - "$RESULTS" "$WORK" "$OUT.tmp" "$ROUNDS" "$DURATION" "$CONNECTIONS" "$START_LOAD" "$END_LOAD" \
    "$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- reference-apps harness/src/main || echo '+dirty')" <<'EOF'
import glob, json, os, statistics, sys
results, work, out, rounds, duration, conns, load0, load1, sha = sys.argv[1:10]
runs, errors, socket = {}, {}, {}
for line in open(results):
    config, route, rps, bad, sock = line.rstrip("\n").split("\t")
    runs.setdefault((config, route), []).append(float(rps))
    errors[(config, route)] = errors.get((config, route), 0) + int(bad)
    socket[(config, route)] = socket.get((config, route), 0) + int(sock)
configs = list(dict.fromkeys(c for c, _ in runs))
routes = list(dict.fromkeys(r for _, r in runs))
med = {k: statistics.median(v) for k, v in runs.items()}
def cell(c, r):
    v = runs[(c, r)]
    e, k = errors[(c, r)], socket[(c, r)]
    return (f"{med[(c, r)]:,.0f} ({min(v):,.0f}-{max(v):,.0f})" + (f" **{e} non-2xx**" if e else "")
            + (f" ({k} socket errors or >2 s timeouts)" if k else ""))
def ratio(a, b, r):
    return f"{med[(a, r)] / med[(b, r)]:.2f}x" if med.get((b, r)) else "-"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    "# Fair fight: production vs tuned, NestJS and Django",
    "",
    f"Written by `benchmarks/scripts/fair-fight.sh` (git {sha}). Each app pinned to core 1 by the harness "
    f"(`./bench serve ... --backend process --server-cpus 1`), wrk pinned to core 0 "
    f"(`taskset -c 0 wrk -t1 -c{conns} -d{duration}`), {rounds} rounds, every route measured on every "
    "configuration in turn within a round (order reversed every other round). Requests per second: "
    "median of the rounds (min-max); a ratio is of medians. PostgreSQL 17 embedded, one per `serve`, "
    "unpinned (it shares the cores).",
    "",
    f"Machine: {os.cpu_count()} cores, {cpu}; load average {load0} at the start, {load1} at the end "
    "(a shared machine: other jobs add noise; compare ratios within this table, not with other runs).",
    "",
    "| route | " + " | ".join(configs) + " | NestJS tuned/production | Django tuned/production | NestJS/Django production | NestJS/Django tuned |"
    + (" Django direct/production |" if "django direct" in configs else ""),
    "|---" * (len(configs) + 5 + (1 if "django direct" in configs else 0)) + "|",
]
for r in routes:
    row = [f"`{r}`"] + [cell(c, r) for c in configs]
    row += [ratio("nestjs tuned", "nestjs production", r), ratio("django tuned", "django production", r),
            ratio("nestjs production", "django production", r), ratio("nestjs tuned", "django tuned", r)]
    if "django direct" in configs:
        row.append(ratio("django direct", "django production", r))
    lines.append("| " + " | ".join(row) + " |")
lines += ["", "What each configuration reported on `GET /health`:", ""]
for c in configs:
    path = os.path.join(work, "health-" + c.replace(" ", "-") + ".json")
    try:
        h = json.load(open(path))
    except (OSError, ValueError):
        h = {}
    lines.append(f"- **{c}**: `{json.dumps(h, separators=(',', ':'))}`")
lines += ["", "Configurations: `nestjs production` Express, helmet, pg pool 10; `nestjs tuned` Fastify, pool 30, rows not entities, --max-semi-space-size=64; "
          "`django production` nginx front + Gunicorn gthread (2 x cores + 1 workers x 4 threads per core), "
          "security middleware, CONN_HEALTH_CHECKS; `django tuned` Gunicorn gthread (one worker per core x 8 threads), keep-alive, "
          "orjson, values(), one middleware, two request-signal receivers that do nothing dropped; `django direct` the production settings served by Gunicorn "
          "gthread (3 workers x 4 threads) with no front. See the apps' READMEs, section Profiles.", ""]
open(out, "w").write("\n".join(lines))
EOF
mv "$OUT.tmp" "$OUT"
echo "fair-fight: wrote $OUT" >&2
cat "$OUT"
