#!/usr/bin/env bash
# The instrument against the references (issue 11): how fast and how fine is our injector,
# measured side by side with wrk (and wrk2 when installed) and JMH, in one sitting, against
# one trivial server.
#
#   benchmarks/scripts/instrument.sh [--reps N] [--out FILE]
#
# The trivial server is nginx answering /json from memory (one worker, pinned to the last
# core); every injector is pinned to core 0 (taskset), so each measures one injector core
# against one server core. Each measurement runs --reps times (default 3), the kinds
# interleaved (wrk, lean, gatling, wrk, lean, ...), and the table gives medians:
#
#   throughput: wrk closed loop (-t1 -c32) | lean closed (32 users) | lean open at 25,000
#               req/s (offered vs achieved, lag) | Gatling closed (32 users) | Gatling open
#   floor at 50 req/s: lean corrected and uncorrected p50/p99 | Gatling p50/p99 | JMH
#               HttpRoundTrip sample time p50/p99 | wrk -c1 p50/p99 (closed loop) | wrk2 -R50
#               corrected and uncorrected p50/p99 (compare corrected with corrected, uncorrected with
#               uncorrected)
#
# wrk2 is not packaged: build it yourself and point WRK2 at it (WRK2=/path/to/wrk2 benchmarks/...).
# Needs: nginx, wrk (Debian: apt-get install nginx-light wrk), python3, a JDK; builds the
# harness and the JMH jar with ./mvnw when missing. Load stays on 127.0.0.1; every process
# started is stopped on exit (also on Ctrl-C). Takes about 13 minutes with --reps 3. With a C compiler
# (cc), it also measures the machine's own timer floor on core 0 (benchmarks/scripts/wakefloor.c).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPS=3
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$1' (use --reps N, --out FILE)" >&2; exit 2 ;;
  esac
done
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || { echo "error: --reps must be a positive whole number, got '$REPS'" >&2; exit 2; }
for tool in nginx wrk python3 taskset; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found: install it (Debian: apt-get install nginx-light wrk)" >&2; exit 2; }
done
WRK2="${WRK2:-$(command -v wrk2 || true)}"
CORES=$(nproc --all)
[ "$CORES" -ge 2 ] || { echo "error: needs 2 cores or more (injector and server each on their own), found $CORES" >&2; exit 2; }
SERVER_CORE=$((CORES - 1))
WORK=$(mktemp -d /tmp/fwbench-instrument.XXXXXX)
RUNS="$WORK/runs"
NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[instrument] $*" >&2; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
error_log $WORK/nginx-error.log warn;
pid $WORK/nginx.pid;
events { worker_connections 4096; use epoll; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$PORT backlog=4096;
    default_type application/json;
    location = /health { return 200 '{"status":"ok","framework":"nestjs","server":"nginx-trivial","workers":1}'; }
    location / { return 200 '{"message":"Hello, World!"}'; }
  }
}
NGINX
taskset -c "$SERVER_CORE" nginx -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf "$URL/json" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "$URL/json" >/dev/null || { echo "error: the trivial nginx did not answer on $URL (see $WORK/nginx-error.log)" >&2; exit 1; }
log "trivial server: nginx on core $SERVER_CORE at $URL; injectors on core 0; $REPS reps each"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] || COMMIT="$COMMIT (with uncommitted changes)"

# the machine's own timer floor: a C program that only wakes up every 40 us (25,000/s) and every
# 1 ms, pinned to the injectors' core, nothing else of the benchmark running (before and after
# the reps); skipped without a C compiler
FLOOR_BIN=""
if command -v cc >/dev/null; then
  cc -O2 -o "$WORK/wakefloor" "$ROOT/benchmarks/scripts/wakefloor.c" 2>"$WORK/wakefloor.log" && FLOOR_BIN="$WORK/wakefloor"
fi
machine_floor() { # label -> lines of the floor table
  [ -n "$FLOOR_BIN" ] || return 0
  local load p
  for p in 40 1000; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    taskset -c 0 "$FLOOR_BIN" "$p" 10 epoll | python3 -c '
import sys
kv = dict(x.split("=") for x in sys.stdin.read().split() if "=" in x)
cols = [sys.argv[1] + ", every " + kv["period_us"] + " us"] + [kv[k] for k in ("p50", "p99", "p99.9", "max", "over_1ms_pct")]
print("| " + " | ".join(cols + [sys.argv[2]]) + " |")' "$1" "$load"
  done
}
log "the machine's own timer floor (10 s at 40 us, 10 s at 1 ms, core 0)..."
MACHINE_FLOOR=$(machine_floor "before the reps")

log "building the harness, the scenarios and the JMH jar where missing..."
(cd "$ROOT" && ./mvnw -q -B -ntp install -DskipTests >"$WORK/build.log" 2>&1) || { tail -20 "$WORK/build.log" >&2; exit 1; }
CP="$ROOT/harness/target/harness.jar:$ROOT/harness/target/lib/*"
# C1 only, as ./bench runs it (see the script); JAVA_C2: the JVM's default tiered C1+C2, for comparison
JAVA=(taskset -c 0 java -XX:TieredStopAtLevel=1 -cp "$CP" -Dfwbench.runs="$RUNS" dev.fwbench.harness.cli.BenchCommand load -Dbase.url="$URL" -Drequests=json)
JAVA_C2=(taskset -c 0 java -cp "$CP" -Dfwbench.runs="$RUNS" dev.fwbench.harness.cli.BenchCommand load -Dbase.url="$URL" -Drequests=json)

# one run directory -> "throughput p50 p99 up50 up99 lagp99 saturated floorp50 errors lagp50 lagmax cpumean why"
# of its only target (why: what flagged it, lag and/or cpu, or -)
summary() {
  python3 - "$1" <<'PY'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1])
f = [p for p in d.glob("hdr/*/*/summary.json") if not p.parent.name.startswith("client-floor")][0]
s = json.load(open(f)); r = s["requests"][0]
lag = s.get("lag") or {}
floor = (s.get("clientFloorMs") or {}).get(r["name"], {})
cpu = s.get("injectorCpu") or {}
why = [w for w, on in (("lag", lag.get("saturated", False)), ("cpu", cpu.get("saturated", False))) if on]
print(r["throughputPerSecond"], r["correctedMs"]["p50"], r["correctedMs"]["p99"], r["uncorrectedMs"]["p50"],
      r["uncorrectedMs"]["p99"], lag.get("p99Ms", "-"), "saturated" if why else "ok", floor.get("p50", "-"), r["errors"],
      lag.get("p50Ms", "-"), lag.get("maxMs", "-"), round(cpu["mean"], 2) if "mean" in cpu else "-", "+".join(why) or "-")
PY
}
newest() { ls -d "$RUNS"/*/ | sort | tail -1; }
wrk_rps() { taskset -c 0 wrk -t1 -c"$1" -d"$2"s --latency "$URL/json" | awk '/Requests\/sec/ {print $2}'; }
wrk_lat() { # p50 p99 in ms of a closed loop with one connection
  taskset -c 0 wrk -t1 -c1 -d"$1"s --latency "$URL/json" | python3 -c '
import sys, re
v = {}
for line in sys.stdin:
    m = re.match(r"\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\b", line)
    if m: v[m.group(1)] = float(m.group(2)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(3)]
print(v.get("50", "-"), v.get("99", "-"))'
}
gatling() { # closed USERS | open RATE, duration; prints the summary line
  (cd "$ROOT" && taskset -c 0 ./mvnw -q -B -ntp -pl scenarios gatling:test -Dgatling.simulationClass=dev.fwbench.scenarios.RestSimulation \
      -Dfwbench.runs="$RUNS" -Dbase.url="$URL" -Drequests=json "$@" >"$WORK/gatling.log" 2>&1) || true
  summary "$(newest)"
}

declare -A R
add() { R[$1]="${R[$1]:-} $2"; }
for rep in $(seq "$REPS"); do
  add load_rep "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
  log "rep $rep/$REPS: throughput (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  add wrk_closed "$(wrk_rps 32 8)"
  "${JAVA[@]}" -Dmodel=closed -Dusers=32 -Dwarmup=2 -Dduration=8 -Dclient.floor.seconds=0 >"$WORK/lean.log" 2>&1
  add lean_closed "$(summary "$(newest)" | cut -d' ' -f1)"
  "${JAVA_C2[@]}" -Dmodel=closed -Dusers=32 -Dwarmup=2 -Dduration=8 -Dclient.floor.seconds=0 >"$WORK/lean.log" 2>&1
  add lean_closed_c2 "$(summary "$(newest)" | cut -d' ' -f1)"
  "${JAVA[@]}" -Drate=25000 -Dwarmup=3 -Dduration=8 -Dclient.floor.seconds=0 >"$WORK/lean.log" 2>&1
  line=$(summary "$(newest)")
  add lean_open25k_rps "$(echo "$line" | cut -d' ' -f1)"; add lean_open25k_lag "$(echo "$line" | cut -d' ' -f6)"
  add lean_open25k_p99 "$(echo "$line" | cut -d' ' -f3)"; add lean_open25k_flag "$(echo "$line" | cut -d' ' -f7,13 | tr ' ' ':')"
  add lean_open25k_lag50 "$(echo "$line" | cut -d' ' -f10)"; add lean_open25k_lagmax "$(echo "$line" | cut -d' ' -f11)"
  add lean_open25k_cpu "$(echo "$line" | cut -d' ' -f12)"; add lean_open25k_load "$(cut -d' ' -f1 /proc/loadavg)"
  add gatling_closed "$(gatling -Dmodel=closed -Dusers=32 -Dwarmup=2 -Dduration=8 -Dclient.floor.seconds=0 | cut -d' ' -f1)"
  line=$(gatling -Drate=3000 -Dwarmup=3 -Dduration=8 -Dclient.floor.seconds=0)
  add gatling_open3k_rps "$(echo "$line" | cut -d' ' -f1)"; add gatling_open3k_flag "$(echo "$line" | cut -d' ' -f7)"

  log "rep $rep/$REPS: floor at 50 req/s"
  line=$("${JAVA[@]}" -Drate=50 -Dwarmup=3 -Dduration=20 -Dclient.floor.seconds=3 >"$WORK/lean.log" 2>&1; summary "$(newest)")
  add lean50_p50 "$(echo "$line" | cut -d' ' -f2)"; add lean50_p99 "$(echo "$line" | cut -d' ' -f3)"
  add lean50_up50 "$(echo "$line" | cut -d' ' -f4)"; add lean50_up99 "$(echo "$line" | cut -d' ' -f5)"
  add lean50_floor "$(echo "$line" | cut -d' ' -f8)"
  line=$("${JAVA_C2[@]}" -Drate=50 -Dwarmup=3 -Dduration=20 -Dclient.floor.seconds=3 >"$WORK/lean.log" 2>&1; summary "$(newest)")
  add lean50c2_p50 "$(echo "$line" | cut -d' ' -f2)"; add lean50c2_p99 "$(echo "$line" | cut -d' ' -f3)"
  add lean50c2_up99 "$(echo "$line" | cut -d' ' -f5)"
  line=$(gatling -Drate=50 -Dwarmup=3 -Dduration=20 -Dclient.floor.seconds=3)
  add gatling50_p50 "$(echo "$line" | cut -d' ' -f2)"; add gatling50_p99 "$(echo "$line" | cut -d' ' -f3)"
  line=$(wrk_lat 10); add wrk_c1_p50 "${line% *}"; add wrk_c1_p99 "${line#* }"
  taskset -c 0 java -Dbase.url="$URL" -Dfwbench.runs="$RUNS" -jar "$ROOT/benchmarks/target/benchmarks.jar" HttpRoundTrip \
      -p target=nestjs -p endpoint=json -bm sample -wi 2 -i 3 -w 3s -r 5s -f 1 -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.log" 2>&1 || true
  line=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]["primaryMetric"]["scorePercentiles"]
print(r["50.0"], r["99.0"])' "$WORK/jmh.json" 2>/dev/null || echo "- -")
  add jmh_p50 "${line% *}"; add jmh_p99 "${line#* }"
  if [ -n "$WRK2" ]; then
    # -U prints both distributions: the corrected one (from each request's due time, "Recorded
    # Latency") first, then the uncorrected one (from the send): "c50 c99 u50 u99"
    line=$(taskset -c 0 "$WRK2" -t1 -c1 -d20s -R50 -U "$URL/json" | python3 -c '
import sys, re
out = sys.stdin.read()
corrected, _, uncorrected = out.partition("Uncorrected Latency")
def p(sec):
    v = {m.group(1): float(m.group(2)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(3)]
         for m in re.finditer(r"\s(50|99)\.000%\s+([\d.]+)(us|ms|s)", sec)}
    return [v.get("50", "-"), v.get("99", "-")]
c = p(corrected.split("Recorded Latency")[-1]) if "Recorded Latency" in corrected else ["-", "-"]
print(*c, *p(uncorrected) if uncorrected else ["-", "-"])')
    read -r c50 c99 u50 u99 <<<"$line"
    add wrk2c_p50 "$c50"; add wrk2c_p99 "$c99"; add wrk2_p50 "$u50"; add wrk2_p99 "$u99"
  fi
done

MACHINE_FLOOR="$MACHINE_FLOOR
$(machine_floor "after the reps")"

log "warm-up check: 3,000 req/s with the default warm-up, per measured second"
HDR_JAR=$(ls "$ROOT"/harness/target/lib/HdrHistogram-*.jar | head -1)
seconds() { # an interval log -> "first 5 measured seconds: p90/max ms ... | the rest: median p90/max"
  java -cp "$HDR_JAR" org.HdrHistogram.HistogramLogProcessor -i "$1" -o "$WORK/iv" -csv -outputValueUnitRatio 1000000 >/dev/null 2>&1
  python3 - "$WORK/iv" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")) if float(r["Int_Count"]) > 0]
first = "; ".join(f'{float(r["Int_90%"]):.2f}/{float(r["Int_Max"]):.2f}' for r in rows[:5])
rest = rows[5:]
print(f"{first} | {statistics.median(float(r['Int_90%']) for r in rest):.2f}/{statistics.median(float(r['Int_Max']) for r in rest):.2f}"
      if rest else first)
PY
}
"${JAVA[@]}" -Drate=3000 -Dduration=15 >"$WORK/lean.log" 2>&1
WARM_LEAN=$(seconds "$(newest)hdr/LeanLoad/external/json.corrected.hlog")
gatling -Drate=3000 -Dduration=15 >/dev/null
WARM_GATLING=$(seconds "$(newest)hdr/RestSimulation/external/json.corrected.hlog")

median() { python3 -c '
import sys, statistics
v = [float(x) for x in sys.argv[1:] if x not in ("-", "")]
print(f"{statistics.median(v):.3f}" if v else "-")' $1; }
all() { echo "${R[$1]:-}" | xargs; }

report() {
  local wrk lc lo
  wrk=$(median "${R[wrk_closed]}"); lc=$(median "${R[lean_closed]}"); lo=$(median "${R[lean_open25k_rps]}")
  ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]; print('-' if '-' in (a, b) else f'{float(a)/float(b):.2f}')" "$1" "$2"; }
  echo "# The instrument against the references"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), load average $LOAD_START at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end (anything else running shares these cores: compare within this table), $(nproc --all) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); trivial server: nginx $(nginx -v 2>&1 | cut -d/ -f2), one worker on core $SERVER_CORE; every injector pinned to core 0; medians of $REPS interleaved reps (each rep's values in brackets). Made by \`benchmarks/scripts/instrument.sh --reps $REPS\` at commit $COMMIT."
  echo
  echo "Load average (1/5/15 min) at the start of each rep: $(all load_rep)."
  echo
  echo "## Throughput, one injector core"
  echo
  echo "| injector | req/s (median) | of wrk | reps |"
  echo "|---|---|---|---|"
  echo "| wrk -t1 -c32 (closed loop) | $wrk | 1.00 | $(all wrk_closed) |"
  echo "| lean, closed, 32 users (C1 only, as \`./bench\` runs it) | $lc | $(ratio "$lc" "$wrk") | $(all lean_closed) |"
  echo "| lean, closed, 32 users, C1 and C2 (BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=4) | $(median "${R[lean_closed_c2]}") | $(ratio "$(median "${R[lean_closed_c2]}")" "$wrk") | $(all lean_closed_c2) |"
  echo "| lean, open, 25,000 req/s offered | $lo | $(ratio "$lo" "$wrk") | $(all lean_open25k_rps); lag p50 ms: $(all lean_open25k_lag50); lag p99 ms: $(all lean_open25k_lag) (median $(median "${R[lean_open25k_lag]}")); lag max ms: $(all lean_open25k_lagmax); injector CPU (mean, of its budget): $(all lean_open25k_cpu); p99 ms: $(all lean_open25k_p99); $(all lean_open25k_flag); 1-min load average after each: $(all lean_open25k_load) |"
  echo "| Gatling, closed, 32 users | $(median "${R[gatling_closed]}") | $(ratio "$(median "${R[gatling_closed]}")" "$wrk") | $(all gatling_closed) |"
  echo "| Gatling, open, 3,000 req/s offered | $(median "${R[gatling_open3k_rps]}") | $(ratio "$(median "${R[gatling_open3k_rps]}")" "$wrk") | $(all gatling_open3k_rps); $(all gatling_open3k_flag) |"
  echo
  echo "## Timing floor: /json at 50 req/s (ms)"
  echo
  echo "| instrument | p50 | p99 | reps (p50) |"
  echo "|---|---|---|---|"
  echo "| lean, corrected (from the due time) | $(median "${R[lean50_p50]}") | $(median "${R[lean50_p99]}") | $(all lean50_p50); p99: $(all lean50_p99) |"
  echo "| lean, uncorrected (from the send) | $(median "${R[lean50_up50]}") | $(median "${R[lean50_up99]}") | $(all lean50_up50) |"
  echo "| lean's client floor (in-process baseline) | $(median "${R[lean50_floor]}") | | $(all lean50_floor) |"
  echo "| lean, corrected, C1 and C2 (the JVM's default; uncorrected p99: $(all lean50c2_up99)) | $(median "${R[lean50c2_p50]}") | $(median "${R[lean50c2_p99]}") | $(all lean50c2_p50); p99: $(all lean50c2_p99) |"
  echo "| Gatling, corrected | $(median "${R[gatling50_p50]}") | $(median "${R[gatling50_p99]}") | $(all gatling50_p50) |"
  echo "| JMH HttpRoundTrip, sample time (JDK client, one in flight) | $(median "${R[jmh_p50]}") | $(median "${R[jmh_p99]}") | $(all jmh_p50) |"
  echo "| wrk -t1 -c1 (closed loop, not paced) | $(median "${R[wrk_c1_p50]}") | $(median "${R[wrk_c1_p99]}") | $(all wrk_c1_p50) |"
  if [ -n "${R[wrk2_p50]:-}" ]; then
    echo "| wrk2 -c1 -R50, corrected (from the due time; its pacing timer has 1 ms granularity) | $(median "${R[wrk2c_p50]}") | $(median "${R[wrk2c_p99]}") | $(all wrk2c_p50) |"
    echo "| wrk2 -c1 -R50, uncorrected (from the send) | $(median "${R[wrk2_p50]}") | $(median "${R[wrk2_p99]}") | $(all wrk2_p50) |"
  else
    echo "| wrk2 -c1 -R50 | not run (no Debian package; set WRK2=) | | |"
  fi
  echo
  echo "## The machine's own timer floor"
  echo
  if [ -n "$FLOOR_BIN" ]; then
    echo "\`benchmarks/scripts/wakefloor.c\`: a C program that only wakes up at absolute due times (timerfd and epoll_wait, as Netty's epoll transport), pinned to core 0 with nginx idle and no JVM running, 10 s each; how late each wake-up was (ms), and the share of wake-ups later than 1 ms (the lean engine's lag rule applied to a program that does nothing)."
    echo
    echo "| when, period | p50 | p99 | p99.9 | max | later than 1 ms (%) | load average |"
    echo "|---|---|---|---|---|---|---|"
    echo "$MACHINE_FLOOR"
  else
    echo "Not measured: no C compiler (cc) to build \`benchmarks/scripts/wakefloor.c\`."
  fi
  echo
  echo "## Warm-up: /json at 3,000 req/s, default warm-up (5 s), the first measured seconds"
  echo
  echo "Per measured second, corrected p90 / max in ms, from the interval logs (HdrHistogram's HistogramLogProcessor): the first five seconds, then the median of the rest."
  echo
  echo "| engine | first 5 s (p90/max each) | the rest (median p90/max) |"
  echo "|---|---|---|"
  echo "| lean (JIT warmed on the in-process baseline first) | ${WARM_LEAN% |*} | ${WARM_LEAN#*| } |"
  echo "| Gatling (JIT warm-up population first) | ${WARM_GATLING% |*} | ${WARM_GATLING#*| } |"
}
if [ -n "$OUT" ]; then report | tee "$OUT"; else report; fi
