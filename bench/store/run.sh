#!/usr/bin/env bash
# Store benchmark: `airm predictions log` of ROWS predictions against a plain
# `sqlite3` CLI `.import` of the same CSV into a table, in the same run.
#
# Usage: bench/store/run.sh AIRM_BINARY
# Environment (optional): ROWS=1000000  SEED=20261127  OUT=bench/out/store
#
# airm does strictly more than the baseline: it hashes the file, reads it as a
# typed table, profiles it, checks every time and id, computes a SHA-256 of
# each row's canonical feature encoding, and writes the rows plus their
# primary-key index in one durable transaction (WAL, synchronous=FULL). The
# baseline only parses the CSV into an untyped table with no index. Both are
# timed with GNU time (wall clock, peak RSS).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 AIRM_BINARY" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
AIRM="$1"
case "$AIRM" in /*) ;; *) AIRM="$PWD/$AIRM" ;; esac
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20261127}"
OUT="${OUT:-$ROOT/bench/out/store}"
for tool in /usr/bin/time sqlite3 /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (scripts/bootstrap.sh)" >&2; exit 2; }
done

mkdir -p "$OUT"
CSV="$OUT/predictions_${ROWS}_${SEED}.csv"
if [ ! -s "$CSV" ]; then
  echo "generating $ROWS rows -> $CSV" >&2
  /usr/bin/python3 "$HERE/gen_predictions.py" "$ROWS" "$SEED" "$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi

# A fresh workspace with a model to log against.
WS="$OUT/workspace"
rm -rf "$WS" "$OUT/baseline.db"
"$AIRM" init "$WS" >/dev/null
printf 'bench model\n' >"$WS/model.bin"
"$AIRM" dataset register "$WS/model.bin" --name bench-train --store "$WS" >/dev/null
"$AIRM" model register --name bench --version 1 --artifact "$WS/model.bin" \
  --training-data bench-train --store "$WS" >/dev/null

# timed LABEL CMD...: runs CMD under GNU time, prints "LABEL wall_s peak_kb cpu_s".
timed() {
  local label="$1"
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/$label.time" "$@" >"$OUT/$label.log" 2>&1 || {
    echo "$label failed:" >&2
    cat "$OUT/$label.log" >&2
    exit 1
  }
  read -r wall kb user sys <"$OUT/$label.time"
  echo "$label $wall $kb $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
# The share of the work that is registering the file (hash, typed read, profile).
read -r _ reg_s reg_kb reg_cpu < <(timed register "$AIRM" dataset register "$CSV" \
  --name bench-predictions-file --store "$WS")
read -r _ airm_s airm_kb airm_cpu < <(timed airm "$AIRM" predictions log "$CSV" --model bench@1 \
  --id-column id --time-column ts --store "$WS")
read -r _ base_s base_kb base_cpu < <(timed sqlite3 sqlite3 "$OUT/baseline.db" \
  -cmd ".mode csv" ".import $CSV predictions")
load_after=$(cut -d' ' -f1 /proc/loadavg)

logged=$(sqlite3 "$WS/.airm/airm.db" "SELECT COUNT(*) FROM predictions")
imported=$(sqlite3 "$OUT/baseline.db" "SELECT COUNT(*) FROM predictions")
[ "$logged" -eq "$ROWS" ] || { echo "airm logged $logged rows, expected $ROWS" >&2; exit 1; }
[ "$imported" -eq "$ROWS" ] || { echo "sqlite3 imported $imported rows, expected $ROWS" >&2; exit 1; }

/usr/bin/python3 - "$ROWS" "$load_before" "$load_after" \
  "$reg_s" "$reg_kb" "$reg_cpu" "$airm_s" "$airm_kb" "$airm_cpu" "$base_s" "$base_kb" "$base_cpu" <<'PY'
import sys
rows = int(sys.argv[1])
load_before, load_after = sys.argv[2], sys.argv[3]
reg, airm, base = (list(map(float, sys.argv[i:i + 3])) for i in (4, 7, 10))
print(f"load average {load_before} before, {load_after} after (2 cores; above 0.5 wall times inflate)\n")
print("| command | rows | wall s | CPU s | rows/s (wall) | peak RSS MiB |")
print("|---|---:|---:|---:|---:|---:|")
for name, (wall, kb, cpu) in (("airm predictions log", airm), ("sqlite3 .import (baseline)", base),
                              ("airm dataset register (part of the log)", reg)):
    print(f"| {name} | {rows:,} | {wall:.2f} | {cpu:.2f} | {rows / wall:,.0f} | {kb / 1024:.0f} |")
print(f"\nairm predictions log / sqlite3 .import: {airm[0] / base[0]:.2f}x wall, "
      f"{airm[2] / base[2]:.2f}x CPU")
PY
