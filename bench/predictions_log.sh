#!/usr/bin/env bash
# Prediction logging at scale (issue 13): `airm predictions log` of ROWS rows
# against the sqlite3 CLI's `.import` of the same CSV, same run, interleaved.
#
# Usage: bench/predictions_log.sh AIRM_BINARY
# Environment (all optional):
#   LOG_ROWS="1000000 3000000"  rows per file; a list measures each (memory should stay flat)
#   SEED=20261127  generator seed      REPEATS=3  timed runs per tool (median)
#   CORES=2        cores the tools may use
#   OUT=bench/out/predictions_log   data, logs and runs.tsv
#   TIMEOUT=900    seconds one command may run before it is stopped, not counted
#   BASELINE=PATH  a second airm binary (say main's) timed in the same loop, right after
#                  each airm run, so before/after pairs see the same load
#
# Data: bench/store/gen_predictions.py (id, time, 6 numeric and 2 categorical
# features, prediction, score). airm logs into a fresh workspace each run (a
# copy of one made up front, model bench@1 registered): it hashes the file,
# streams it in chunks, checks every id and time, profiles it, digests each
# row's features and inserts the rows with their primary-key index in one
# durable transaction. sqlite3 only parses the CSV into an untyped table with
# no index. Wall time, CPU time (user + sys) and peak RSS come from GNU time;
# the table gives medians and airm / sqlite3 ratios, and the load average.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_ROWS="${LOG_ROWS:-1000000 3000000}"
SEED="${SEED:-20261127}"
OUT="${OUT:-$BENCH_DIR/out/predictions_log}"
BENCH_TOOLS="sqlite3"
source "$BENCH_DIR/common.sh"

# A workspace with the model to log against, copied fresh before every run.
TEMPLATE="$OUT/template"
rm -rf "$TEMPLATE"
"$AIRM" init "$TEMPLATE" >/dev/null
printf 'bench model\n' >"$TEMPLATE/model.bin"
"$AIRM" dataset register "$TEMPLATE/model.bin" --name bench-train --store "$TEMPLATE" >/dev/null
"$AIRM" model register --name bench --version 1 --artifact "$TEMPLATE/model.bin" \
  --training-data bench-train --store "$TEMPLATE" >/dev/null

log_with() {  # log_with NAME BINARY CSV: one timed `predictions log` into a fresh workspace
  rm -rf "$OUT/ws"
  cp -r "$TEMPLATE" "$OUT/ws"
  measure "$1" 1 - -- "$2" predictions log "$3" --model bench@1 --id-column id \
    --time-column ts --store "$OUT/ws" || true
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for rows in $LOG_ROWS; do
  csv="$OUT/predictions_${rows}_${SEED}.csv"
  if [ ! -s "$csv" ]; then
    log "generating $rows rows -> $csv"
    "$PYTHON" "$BENCH_DIR/store/gen_predictions.py" "$rows" "$SEED" "$csv.tmp"
    mv "$csv.tmp" "$csv"
  fi
  cat "$csv" >/dev/null  # warm the page cache alike for every tool
  log "load average before $rows rows: $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((run = 1; run <= REPEATS; ++run)); do
    rm -f "$OUT/baseline.db"
    measure "sqlite3_import_$rows" 1 - -- sqlite3 "$OUT/baseline.db" -cmd ".mode csv" \
      ".import $csv predictions" || true
    log_with "airm_log_$rows" "$AIRM" "$csv"
    logged=$(sqlite3 "$OUT/ws/.airm/airm.db" "SELECT COUNT(*) FROM predictions")
    [ "$logged" -eq "$rows" ] || { log "airm logged $logged rows, expected $rows"; exit 1; }
    if [ -n "${BASELINE:-}" ]; then log_with "baseline_log_$rows" "$BASELINE" "$csv"; fi
  done
  imported=$(sqlite3 "$OUT/baseline.db" "SELECT COUNT(*) FROM predictions")
  [ "$imported" -eq "$rows" ] || { log "sqlite3 imported $imported rows, expected $rows"; exit 1; }
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$RAW" "$LOAD_BEFORE" "$LOAD_AFTER" "$CORES" $LOG_ROWS <<'PY'
import csv, statistics, sys
raw, load_before, load_after, cores, sizes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
runs = {}
for r in csv.DictReader(open(raw), delimiter="\t"):
    runs.setdefault(r["name"], []).append(
        (float(r["wall_s"]), float(r["user_s"]) + float(r["sys_s"]), int(r["max_rss_kb"])))
def med(name):
    rs = runs.get(name)
    if not rs: return None
    return (statistics.median(x[0] for x in rs), statistics.median(x[1] for x in rs),
            max(x[2] for x in rs) / 1024, len(rs))
print(f"load average (1, 5, 15 min) {load_before} before, {load_after} after; {cores} cores\n")
print("| command | rows | runs | wall s (median) | CPU s (median) | peak RSS MiB (max) |")
print("|---|---:|---:|---:|---:|---:|")
for rows in sizes:
    for label, name in (("sqlite3 .import", "sqlite3_import"), ("airm predictions log", "airm_log"),
                        ("airm predictions log (BASELINE)", "baseline_log")):
        m = med(f"{name}_{rows}")
        if m: print(f"| {label} | {int(rows):,} | {m[3]} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.0f} |")
print()
for rows in sizes:
    base, airm, old = (med(f"{n}_{rows}") for n in ("sqlite3_import", "airm_log", "baseline_log"))
    if base and airm:
        print(f"{int(rows):,} rows: airm / sqlite3 .import = {airm[0] / base[0]:.2f}x wall, "
              f"{airm[1] / base[1]:.2f}x CPU")
    if old and airm:
        print(f"{int(rows):,} rows: airm / BASELINE = {airm[0] / old[0]:.2f}x wall, "
              f"{airm[1] / old[1]:.2f}x CPU, {airm[2] / old[2]:.2f}x peak RSS")
PY
