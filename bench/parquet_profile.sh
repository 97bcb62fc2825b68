#!/usr/bin/env bash
# Parquet input: `airm profile` (whole file and --stream) on a Parquet file
# against DuckDB's SUMMARIZE of the same file (read_parquet), in the same run.
#
# Usage: bench/parquet_profile.sh AIRM_BINARY
# Environment (all optional):
#   ROWS=1000000  rows of the file     SEED=20240611  DuckDB's random() seed
#   REPEATS=3     timed runs per tool (median)        CORES=2  cores the tools may use
#   OUT=bench/out/parquet   data, logs, runs.tsv      TIMEOUT=900 seconds per command
#
# Steps: install @duckdb/node-api (bench/package-lock.json), write the file
# with bench/parquet_data.mjs unless one with the same rows and seed is there,
# warm the page cache, then time DuckDB and airm alternately REPEATS times
# under GNU time (wall, CPU, peak RSS) and print a markdown table with the
# medians and the ratios airm / DuckDB. The load average before and after is
# printed: on a shared machine compare the CPU seconds as well as the wall.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20240611}"
OUT="${OUT:-$BENCH_DIR/out/parquet}"
source "$BENCH_DIR/common.sh"
install_duckdb "$BENCH_DIR"

DATA="$OUT/data_${ROWS}_${SEED}.parquet"
if [ ! -f "$DATA" ]; then
  log "writing $DATA ($ROWS rows) with DuckDB"
  (cd "$BENCH_DIR" && node parquet_data.mjs "$DATA.tmp" "$ROWS" "$SEED") && mv "$DATA.tmp" "$DATA"
fi
cat "$DATA" >/dev/null
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# Alternating runs, so a change in the machine's load hits both tools alike.
for ((run = 1; run <= REPEATS; ++run)); do
  measure duckdb_summarize_parquet 1 "$OUT/duckdb.json" -- \
    node "$BENCH_DIR/duckdb_summarize.mjs" "$DATA" --threads "$CORES" --json "$OUT/duckdb.json"
  measure airm_profile_parquet 1 "$OUT/airm_profile.json" -- \
    "$AIRM" profile "$DATA" --json "$OUT/airm_profile.json"
  measure airm_profile_stream_parquet 1 "$OUT/airm_profile_stream.json" -- \
    "$AIRM" profile --stream "$DATA" --json "$OUT/airm_profile_stream.json"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$RAW" "$DATA" "$ROWS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import csv, os, statistics, sys
raw, data, rows, before, after = sys.argv[1:]
runs = {}
for row in csv.DictReader(open(raw), delimiter="\t"):
    runs.setdefault(row["name"], []).append(row)
def med(name, key):
    return statistics.median(float(r[key]) for r in runs[name])
def cpu(name):
    return statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in runs[name])
base = "duckdb_summarize_parquet"
print(f"{int(rows):,} rows, {os.path.getsize(data) / 1e6:.1f} MB Parquet; "
      f"load average {before} before, {after} after\n")
print("| command | wall s (median) | CPU s (median) | peak RSS MiB | wall / DuckDB | CPU / DuckDB |")
print("|---|---|---|---|---|---|")
for name, label in [(base, "DuckDB `SUMMARIZE read_parquet(...)`"),
                    ("airm_profile_parquet", "`airm profile`"),
                    ("airm_profile_stream_parquet", "`airm profile --stream`")]:
    if name not in runs:
        print(f"| {label} | not available | | | | |")
        continue
    wall, c, rss = med(name, "wall_s"), cpu(name), med(name, "max_rss_kb") / 1024
    ratio = lambda a, b: f"{a / b:.2f}" if b > 0 else "—"
    bw = med(base, "wall_s") if base in runs else 0
    bc = cpu(base) if base in runs else 0
    print(f"| {label} | {wall:.2f} | {c:.2f} | {rss:.0f} | {ratio(wall, bw)} | {ratio(c, bc)} |")
PY
