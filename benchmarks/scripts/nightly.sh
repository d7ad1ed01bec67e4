#!/usr/bin/env bash
# The nightly benchmark job, step by step: what .github/workflows/nightly.yml runs on each
# runner (one step of the workflow per step here), and what you run on your machine to get the
# same artifacts.
#
#   benchmarks/scripts/nightly.sh                    # every step: run claims report gate collect verdict
#   NIGHTLY_PLAN=smoke benchmarks/scripts/nightly.sh # the same with a short plan (minutes, not ~45)
#   benchmarks/scripts/nightly.sh gate collect       # some steps, on the suite the run step recorded
#
# Steps
#   run      ./bench run $NIGHTLY_PLAN; the suite directory is recorded in $NIGHTLY_OUT/suite
#   claims   ./bench claims --plan quick after the quick or nightly plan (NIGHTLY_CLAIMS=nightly for the
#            nightly size: about 9 h on 2 cores, beyond the workflow's 180-minute job; NIGHTLY_CLAIMS=SIZE
#            also for another plan), when that command exists; skipped otherwise
#   report   ./bench report SUITE (report.html), when that command exists (issue 15); skipped otherwise
#   gate     ./bench gate SUITE --history $NIGHTLY_HISTORY --rerun --append --action-benchmark ...;
#            its exit code is kept in $NIGHTLY_OUT/gate.exit, the step itself succeeds (so that the
#            artifacts are collected and uploaded whatever it decided)
#   collect  $NIGHTLY_OUT/artifacts/: what the workflow uploads (listed below)
#   verdict  prints the gate's table and exits with the gate's code (0 pass/warn/inconclusive,
#            1 fail, 2 bad input, 3 a re-run was needed): the job's outcome
#
# Artifacts ($NIGHTLY_OUT/artifacts/)
#   suite.json summary.txt plan.yaml run.json    the suite's own files
#   gate.txt gate.json                           the gate's table and its record
#   benchmark-bigger-is-better.json benchmark-smaller-is-better.json   github-action-benchmark
#   report.html claims.json                      when those commands exist
#   confirm-suite.json                           the gate's confirming re-run, when it needed one
#   history/<arch>/<machine class>/<suite>.json  tonight's night, as appended to the history
#
# Environment
#   NIGHTLY_PLAN     the plan (default nightly)
#   NIGHTLY_HISTORY  the history's root (default results/history; the workflow: bench-results/history)
#   NIGHTLY_OUT      the job's state and artifacts (default results/runs/nightly-job)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

PLAN=${NIGHTLY_PLAN:-nightly}
HISTORY=${NIGHTLY_HISTORY:-results/history}
OUT=${NIGHTLY_OUT:-results/runs/nightly-job}
ARTIFACTS="$OUT/artifacts"
mkdir -p "$OUT"

log() { echo "[nightly] $*"; }

suite_dir() {
  [ -s "$OUT/suite" ] || { echo "[nightly] error: no suite recorded in $OUT/suite: run the 'run' step first" >&2; exit 2; }
  cat "$OUT/suite"
}

# Whether ./bench has a subcommand (claims and report come with later issues): 'bench help NAME'
# answers 0 for a command it has, 2 otherwise ('bench NAME --help' answers 0 either way).
has_command() { ./bench help "$1" >/dev/null 2>&1; }

step_run() {
  log "plan $PLAN on $(uname -m), $(nproc) cores"
  # bench run prints the suite's summary.txt as its last line of standard output
  ./bench run "$PLAN" | tee "$OUT/run.out"
  local summary
  summary=$(tail -n 1 "$OUT/run.out")
  [ -f "$summary" ] || { echo "[nightly] error: bench run did not end with its summary (got '$summary')" >&2; exit 1; }
  dirname "$summary" >"$OUT/suite"
  log "suite: $(cat "$OUT/suite")"
}

step_claims() {
  if ! has_command claims; then
    log "claims: skipped, './bench claims' does not exist yet (issue 16)"
    return
  fi
  # bench claims has two sizes, quick (80 min on 2 cores) and nightly (about 9 h there: longer than the
  # nightly job may run); the quick and nightly plans run the quick size unless NIGHTLY_CLAIMS names one, a plan
  # of another name (smoke) runs no claims unless NIGHTLY_CLAIMS names a size
  local size="${NIGHTLY_CLAIMS:-}"
  if [ -z "$size" ]; then
    case "$PLAN" in
      quick | nightly) size=quick ;;
      *) log "claims: skipped for plan '$PLAN' (sizes are quick and nightly: NIGHTLY_CLAIMS=quick runs one)"; return ;;
    esac
  fi
  touch "$OUT/claims.started"
  ./bench claims --plan "$size"
}

step_report() {
  if ! has_command report; then
    log "report: skipped, './bench report' does not exist yet (issue 15)"
    return
  fi
  ./bench report "$(suite_dir)"
}

step_gate() {
  local suite code=0
  suite=$(suite_dir)
  mkdir -p "$HISTORY" "$ARTIFACTS"
  ./bench gate "$suite" --history "$HISTORY" --rerun --append --action-benchmark "$ARTIFACTS" || code=$?
  echo "$code" >"$OUT/gate.exit"
  log "gate: exit $code (kept for the verdict step)"
}

step_collect() {
  local suite
  suite=$(suite_dir)
  mkdir -p "$ARTIFACTS"
  for f in suite.json summary.txt plan.yaml run.json gate.txt gate.json report.html claims.json; do
    if [ -f "$suite/$f" ]; then cp "$suite/$f" "$ARTIFACTS/"; fi
  done
  # claims.json of a 'bench claims' run elsewhere (its own suites): the newest written since the claims step began
  if [ ! -f "$ARTIFACTS/claims.json" ] && [ -f "$OUT/claims.started" ]; then
    local claims
    claims=$(find results/runs -maxdepth 2 -name claims.json -newer "$OUT/claims.started" -print 2>/dev/null | sort | tail -n 1)
    if [ -n "$claims" ]; then cp "$claims" "$ARTIFACTS/claims.json"; fi
  fi
  # the gate's confirming re-run (its table names it), in the same runs folder as tonight's suite
  local confirm
  confirm=$(sed -n 's/^confirming re-run: //p' "$suite/gate.txt" 2>/dev/null || true)
  if [ -n "$confirm" ] && [ -f "$(dirname "$suite")/$confirm/suite.json" ]; then
    cp "$(dirname "$suite")/$confirm/suite.json" "$ARTIFACTS/confirm-suite.json"
  fi
  # tonight's night, at its place in the history (the publishing job copies history/ as it is)
  local night
  night=$(find "$HISTORY" -name "$(basename "$suite").json" -print 2>/dev/null | head -n 1)
  if [ -n "$night" ]; then
    local rel=${night#"$HISTORY"/}
    mkdir -p "$ARTIFACTS/history/$(dirname "$rel")"
    cp "$night" "$ARTIFACTS/history/$rel"
  fi
  log "artifacts in $ARTIFACTS:"
  (cd "$ARTIFACTS" && find . -type f | sort | sed 's|^\./|  |')
}

step_verdict() {
  local suite code
  suite=$(suite_dir)
  [ -f "$suite/gate.txt" ] && cat "$suite/gate.txt"
  code=$(cat "$OUT/gate.exit" 2>/dev/null || echo 2)
  log "verdict: the gate's exit code $code"
  return "$code"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(run claims report gate collect verdict)
for s in "${steps[@]}"; do
  case "$s" in
    run | claims | report | gate | collect | verdict) "step_$s" ;;
    *) echo "[nightly] error: unknown step '$s': use run, claims, report, gate, collect, verdict" >&2; exit 2 ;;
  esac
done
