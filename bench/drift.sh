#!/usr/bin/env bash
# Drift at scale (issue 13): `airm drift` on ROWS rows a side against DuckDB's
# bare scan (SELECT count(*) over both files) and the scipy loop, same run.
#
# Usage: bench/drift.sh AIRM_BINARY         (make bench runs it on build/release)
# Environment (all optional):
#   DRIFT_ROWS="1000000"  rows a side; a list measures each ("1000000 3000000 10000000")
#   SEED=42               generator seed       REPEATS=3  timed runs per tool (median)
#   CORES=2               cores the tools may use
#   SCIPY=1               run the scipy loop (once per size, sizes up to SCIPY_MAX_ROWS)
#   SCIPY_MAX_ROWS=1000000
#   OUT=bench/out/drift   data, logs, runs.tsv and drift_results.json
#   TIMEOUT=900           seconds one command may run before it is stopped, not counted
#   BASELINE=PATH         a second airm binary (say main's) timed in the same loop, right
#                         after each airm run, so before/after pairs see the same load
#   DATA=DIR              use DIR/ref_ROWS.csv and DIR/cur_ROWS.csv as they are (files made
#                         earlier by gen_drift_data.py) instead of generating into OUT/data
#
# Data: bench/gen_drift_data.py (20 numeric, 5 categorical and 4 model/label
# columns; the current batch drifts in 10 of them), regenerated only when the
# rows, seed or generator change. Runs are interleaved (DuckDB, airm, airm
# --no-multivariate, repeated) so load changes hit every tool alike; the load
# average before and after is printed with the table.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DRIFT_ROWS="${DRIFT_ROWS:-1000000}"
SEED="${SEED:-42}"
SCIPY="${SCIPY:-1}"
SCIPY_MAX_ROWS="${SCIPY_MAX_ROWS:-1000000}"
OUT="${OUT:-$BENCH_DIR/out/drift}"
source "$BENCH_DIR/common.sh"
install_duckdb "$BENCH_DIR"

generate() {  # generate ROWS: writes $OUT/data/{ref,cur}_ROWS.csv unless the stamp matches
  local rows="$1" stamp
  stamp="rows=$rows seed=$SEED gen=$(sha256sum "$BENCH_DIR/gen_drift_data.py" | cut -c1-16)"
  local stamp_file="$OUT/data/drift_$rows.stamp"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then return; fi
  log "generating $rows rows a side (seed $SEED)"
  "$PYTHON" "$BENCH_DIR/gen_drift_data.py" "$rows" "$OUT/data" --seed "$SEED" >&2
  echo "$stamp" >"$stamp_file"
}

DATA_DIR="${DATA:-$OUT/data}"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for rows in $DRIFT_ROWS; do
  [ -n "${DATA:-}" ] || generate "$rows"
  ref="$DATA_DIR/ref_$rows.csv"
  cur="$DATA_DIR/cur_$rows.csv"
  [ -f "$ref" ] && [ -f "$cur" ] || { log "no $ref or $cur"; exit 1; }
  cat "$ref" "$cur" >/dev/null  # warm the page cache alike for every tool
  log "load average before $rows rows: $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((run = 1; run <= REPEATS; ++run)); do
    measure "duckdb_count_$rows" 1 "$OUT/duckdb.json" -- \
      node "$BENCH_DIR/duckdb_summarize.mjs" --count "$ref" "$cur" --threads "$CORES" \
      --json "$OUT/duckdb.json" || true
    measure "airm_drift_$rows" 1 "$OUT/airm_drift.json" -- \
      "$AIRM" drift --reference "$ref" --current "$cur" --json "$OUT/airm_drift.json" || true
    measure "airm_drift_nomv_$rows" 1 "$OUT/airm_drift_nomv.json" -- \
      "$AIRM" drift --reference "$ref" --current "$cur" --no-multivariate \
      --json "$OUT/airm_drift_nomv.json" || true
    if [ -n "${BASELINE:-}" ]; then
      measure "baseline_drift_$rows" 1 "$OUT/baseline_drift.json" -- \
        "$BASELINE" drift --reference "$ref" --current "$cur" --json "$OUT/baseline_drift.json" ||
        true
      measure "baseline_drift_nomv_$rows" 1 "$OUT/baseline_drift_nomv.json" -- \
        "$BASELINE" drift --reference "$ref" --current "$cur" --no-multivariate \
        --json "$OUT/baseline_drift_nomv.json" || true
    fi
  done
  if [ "$SCIPY" = 1 ] && [ "$rows" -le "$SCIPY_MAX_ROWS" ]; then
    measure "scipy_drift_$rows" 1 "$OUT/scipy_drift.json" -- \
      "$PYTHON" "$BENCH_DIR/scipy_drift.py" "$ref" "$cur" --json "$OUT/scipy_drift.json" || true
  fi
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" "$BENCH_DIR/drift_report.py" --runs "$RAW" --out "$OUT" --data "$DATA_DIR" \
  --rows "$DRIFT_ROWS" \
  --seed "$SEED" --cores "$CORES" --airm "$AIRM" \
  --airm-version "$("$AIRM" --version 2>/dev/null | head -1 || true)" \
  --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER"
