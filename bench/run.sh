#!/usr/bin/env bash
# End-to-end benchmark: airm profile / profile --stream / drift against DuckDB's
# SUMMARIZE (and, once, scipy's two-sample tests) on the same seeded CSV.
#
# Usage: bench/run.sh AIRM_BINARY          (make bench runs it on build/release)
# Environment (all optional):
#   ROWS=1000000   rows of the main file        SEED=20240611  generator seed
#   REPEATS=3      timed runs per tool (median)  CORES=2        cores the tools may use
#   SCIPY=1        run the scipy drift baseline (once; it takes ~30 s at 1M rows)
#   SCALING=1      measure profile --stream peak RSS at ROWS/4, ROWS/2, ROWS
#   OUT=bench/out  where data, logs and results.json go
#   TIMEOUT=900    seconds one command may run before it is stopped and not counted
#
# Steps: build the generator (build/bench), generate the data unless the same
# (rows, seed, generator source) is already there, install @duckdb/node-api
# from bench/package-lock.json, then time every command REPEATS times with
# GNU time (wall clock and peak RSS of the whole process tree's largest
# process) and print a markdown table; results.json holds every run.
# An airm command that is missing or does not produce valid JSON is reported as
# "not available", never timed, so a stub binary cannot yield numbers.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20240611}"
SCIPY="${SCIPY:-1}"
SCALING="${SCALING:-1}"
OUT="${OUT:-$BENCH_DIR/out}"
BUILD_DIR="$ROOT/build/bench"
source "$BENCH_DIR/common.sh"

# --- generator -----------------------------------------------------------------
GEN="${AIRM_GEN_DATA:-$BUILD_DIR/bench/airm_gen_data}"
if [ -z "${AIRM_GEN_DATA:-}" ]; then
  if [ ! -x "$GEN" ] || [ "$BENCH_DIR/gen_data.cc" -nt "$GEN" ]; then
    log "building airm_gen_data in $BUILD_DIR"
    if cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DAIRM_BUILD_BENCH=ON \
         -DAIRM_BUILD_TESTS=OFF >"$OUT/cmake.log" 2>&1; then
      cmake --build "$BUILD_DIR" --target airm_gen_data -j "$CORES" >>"$OUT/cmake.log" 2>&1
    else
      # The generator needs only CLI11: configure bench/ alone if the project does not.
      log "project configure failed (see $OUT/cmake.log); configuring bench/ alone"
      GEN="$ROOT/build/bench-standalone/airm_gen_data"
      cmake -S "$BENCH_DIR" -B "$ROOT/build/bench-standalone" -DCMAKE_BUILD_TYPE=Release \
        >>"$OUT/cmake.log" 2>&1
      cmake --build "$ROOT/build/bench-standalone" -j "$CORES" >>"$OUT/cmake.log" 2>&1
    fi
  fi
fi

# Regenerates BASE.csv (and the halves when asked) unless the stamp says the
# file was made with the same rows, seed and generator source.
generate() {  # generate ROWS BASE [--split]
  local rows="$1" base="$2" split="${3:-}"
  local stamp
  stamp="rows=$rows seed=$SEED split=${split:-no} gen=$(sha256sum "$BENCH_DIR/gen_data.cc" | cut -c1-16)"
  if [ -f "$base.csv" ] && [ -f "$base.stamp" ] && [ "$(cat "$base.stamp")" = "$stamp" ]; then
    return
  fi
  log "generating $base.csv ($rows rows, seed $SEED)"
  "$GEN" --rows "$rows" --seed "$SEED" --out "$base.csv" $split
  echo "$stamp" >"$base.stamp"
}
BIG="$OUT/big"
generate "$ROWS" "$BIG" --split
SCALE_ROWS=()
if [ "$SCALING" = 1 ]; then
  SCALE_ROWS=($((ROWS / 4)) $((ROWS / 2)) "$ROWS")
  generate "${SCALE_ROWS[0]}" "$OUT/rows_${SCALE_ROWS[0]}"
  generate "${SCALE_ROWS[1]}" "$OUT/rows_${SCALE_ROWS[1]}"
fi

# --- DuckDB (npm) --------------------------------------------------------------
install_duckdb "$BENCH_DIR"

# --- measuring -------------------------------------------------------------------
# Warm the page cache so every tool reads the files from memory alike.
cat "$BIG.csv" "${BIG}_first.csv" "${BIG}_second.csv" >/dev/null
# Other work on the machine skews wall times (CPU seconds much less): record it.
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="${LOAD_BEFORE%% *}" 'BEGIN { exit !(l > 0.5) }'; then
  log "warning: load average $LOAD_BEFORE before measuring; wall times will be noisy"
fi

measure duckdb_summarize "$REPEATS" "$OUT/duckdb.json" -- \
  node "$BENCH_DIR/duckdb_summarize.mjs" "$BIG.csv" --threads "$CORES" --json "$OUT/duckdb.json" ||
  true

if [ -x "$AIRM" ]; then
  measure airm_profile "$REPEATS" "$OUT/airm_profile.json" -- \
    "$AIRM" profile "$BIG.csv" --json "$OUT/airm_profile.json" || true
  measure airm_profile_stream "$REPEATS" "$OUT/airm_profile_stream.json" -- \
    "$AIRM" profile --stream "$BIG.csv" --json "$OUT/airm_profile_stream.json" || true
  measure airm_drift "$REPEATS" "$OUT/airm_drift.json" -- \
    "$AIRM" drift --reference "${BIG}_first.csv" --current "${BIG}_second.csv" \
    --json "$OUT/airm_drift.json" || true
  if [ "$SCALING" = 1 ]; then
    for rows in "${SCALE_ROWS[@]}"; do
      file="$OUT/rows_$rows.csv"
      [ "$rows" = "$ROWS" ] && file="$BIG.csv"
      measure "airm_profile_stream_rows_$rows" 1 "$OUT/scaling.json" -- \
        "$AIRM" profile --stream "$file" --json "$OUT/scaling.json" || true
    done
  fi
else
  log "no airm binary at $AIRM: airm rows will be reported as not available"
fi

if [ "$SCIPY" = 1 ]; then
  measure scipy_drift 1 "$OUT/scipy_drift.json" -- \
    "$PYTHON" "$BENCH_DIR/scipy_drift.py" "${BIG}_first.csv" "${BIG}_second.csv" \
    --json "$OUT/scipy_drift.json" || true
fi

# --- report ----------------------------------------------------------------------
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
AIRM_VERSION="$("$AIRM" --version 2>/dev/null | head -1 || true)"
"$PYTHON" "$BENCH_DIR/report.py" --runs "$RAW" --out "$OUT" --rows "$ROWS" --seed "$SEED" \
  --cores "$CORES" --airm "$AIRM" --airm-version "$AIRM_VERSION" \
  --scale-rows "${SCALE_ROWS[*]:-}" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER"
