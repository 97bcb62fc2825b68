#!/usr/bin/env bash
# Evaluation benchmark: `airm evaluate` against a scikit-learn + pandas script
# (bench/eval/sklearn_baseline.py) computing the same numbers, on the same
# seeded scored CSV, in the same run (issue 3, section 7).
#
# Usage: bench/run_eval.sh AIRM_BINARY
# Environment (all optional):
#   ROWS=1000000  SEED=20240611  REPEATS=3 (timed runs per tool; median reported)
#   CORES=2       cores the tools may use (taskset when the machine has more)
#   OUT=bench/out TIMEOUT=1800 (seconds one command may run before it is not counted)
#
# Steps: install python3-pandas (Debian package) if missing, generate
# OUT/eval_scored.csv with bench/eval/gen_scored.py unless the stamp matches,
# run airm once and check its JSON has every section, time both tools
# REPEATS times with GNU time (wall clock, peak RSS), spot-check agreement
# (bench/eval/compare.py) and write OUT/eval_results.json.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20240611}"
OUT="${OUT:-$BENCH_DIR/out}"
TIMEOUT="${TIMEOUT:-1800}"
BENCH_TOOLS=""  # no DuckDB here: only python3 and GNU time
RAW="$OUT/eval_runs.tsv"
source "$BENCH_DIR/common.sh"

if ! "$PYTHON" -c 'import pandas, sklearn, scipy' 2>/dev/null; then
  log "installing python3-pandas, python3-sklearn, python3-scipy (Debian packages)"
  apt_install python3-pandas python3-sklearn python3-scipy
fi

# --- data ------------------------------------------------------------------------
DATA="$OUT/eval_scored_$ROWS.csv"
STAMP="rows=$ROWS seed=$SEED gen=$(sha256sum "$BENCH_DIR/eval/gen_scored.py" | cut -c1-16)"
if [ ! -f "$DATA" ] || [ ! -f "$DATA.stamp" ] || [ "$(cat "$DATA.stamp")" != "$STAMP" ]; then
  log "generating $DATA ($ROWS rows, seed $SEED)"
  "$PYTHON" "$BENCH_DIR/eval/gen_scored.py" --rows "$ROWS" --seed "$SEED" --out "$DATA"
  echo "$STAMP" >"$DATA.stamp"
fi

SEGS=(--segment region --segment channel --segment product)
SENS=(--sensitive sex --sensitive age_band)
AIRM_JSON="$OUT/airm_evaluate.json"
BASE_JSON="$OUT/sklearn_eval_baseline.json"
AIRM_CMD=("$AIRM" evaluate --data "$DATA" --target target --score score "${SEGS[@]}" "${SENS[@]}"
          --slice-depth 2 --json "$AIRM_JSON")
BASE_CMD=("$PYTHON" "$BENCH_DIR/eval/sklearn_baseline.py" --data "$DATA" --target target
          --score score "${SEGS[@]}" "${SENS[@]}" --json "$BASE_JSON")

cat "$DATA" >/dev/null  # warm the page cache for both tools alike
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "load average before: $LOAD_BEFORE"
measure airm_evaluate "$REPEATS" "$AIRM_JSON" -- "${AIRM_CMD[@]}"
# The JSON must carry every section before its timing means anything.
"$PYTHON" - "$AIRM_JSON" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
need = ["metrics", "segments", "slices", "worst_case", "fairness", "calibration", "tail"]
missing = [k for k in need if k not in d]
if missing or not d["segments"] or not d["slices"] or "roc_auc" not in d["metrics"]:
    sys.exit(f"airm JSON incomplete: missing {missing}")
PY
measure sklearn_baseline "$REPEATS" "$BASE_JSON" -- "${BASE_CMD[@]}"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

META="$("$PYTHON" -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
  rows "$ROWS" seed "$SEED" repeats "$REPEATS" cores "$CORES" load_before "$LOAD_BEFORE" \
  load_after "$LOAD_AFTER" airm "$AIRM" airm_version "$("$AIRM" --version 2>/dev/null | head -1)" \
  airm_command "${AIRM_CMD[*]}" baseline_command "${BASE_CMD[*]}" \
  cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')")"
"$PYTHON" "$BENCH_DIR/eval/compare.py" --airm "$AIRM_JSON" --baseline "$BASE_JSON" --runs "$RAW" \
  --out "$OUT/eval_results.json" --meta "$META"
log "load average after: $LOAD_AFTER; results in $OUT/eval_results.json"
