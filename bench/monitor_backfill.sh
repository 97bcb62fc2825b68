#!/usr/bin/env bash
# Issue 9 §6: backfill a year of daily monitor windows, then months and the
# quarters from the stored day profiles, against the same months and quarters
# computed from the rows; and a `monitor run` with nothing due on the store
# holding that year.
#
#   bench/monitor_backfill.sh AIRM_BINARY [OUT_DIR]
#   ROWS=100000 DAYS=365 COLS=20 bench/monitor_backfill.sh build/release/apps/cli/airm
#
# ROWS rows a day (default 100000, the issue's size: ~7 GB of CSV for a
# year; set ROWS lower on a small disk), COLS numeric columns (20), DAYS days
# from 2026-01-01 (365), x0 shifted by 1 sd in the second quarter. Needs
# /usr/bin/python3 with numpy (Debian's python3-numpy) and GNU time.
set -euo pipefail
AIRM="$(realpath "$1")"
OUT="${2:-/tmp/airm-monitor-backfill}"
ROWS="${ROWS:-100000}"
DAYS="${DAYS:-365}"
COLS="${COLS:-20}"
# The generated files are kept in OUT/data and reused when ROWS, DAYS and
# COLS are the same (generating the issue's size takes minutes); the
# workspace, OUT/ws, is new every run.
PARAMS="rows=$ROWS days=$DAYS cols=$COLS"
if [ "$(cat "$OUT/data/params" 2>/dev/null)" != "$PARAMS" ]; then
  rm -rf "$OUT/data" && mkdir -p "$OUT/data/batches"
  GENERATE=1
fi
rm -rf "$OUT/ws" && mkdir -p "$OUT/ws"
cd "$OUT/data"
if [ -n "${GENERATE:-}" ]; then

/usr/bin/python3 - "$ROWS" "$DAYS" "$COLS" <<'PY'
import sys, numpy as np
rows, days, cols = map(int, sys.argv[1:])
rng = np.random.default_rng(20260101)
start = np.datetime64("2026-01-01T00:00:00")
header = ",".join(f"x{c}" for c in range(cols))
write_ref = rng.normal(size=(rows, cols))
np.savetxt("ref.csv", write_ref, fmt="%.6g", delimiter=",", header=header, comments="")
for day in range(days):
    values = rng.normal(size=(rows, cols))
    if 90 <= day < 181:  # the second quarter drifts
        values[:, 0] += 1.0
    seconds = np.sort(rng.integers(0, 86400, rows))
    ts = np.datetime_as_string(start + np.timedelta64(day, "D") + seconds.astype("timedelta64[s]"))
    with open(f"batches/day_{day:03d}.csv", "w") as f:
        f.write("ts," + header + "\n")
        for t, row in zip(ts, values):
            f.write(t + "Z," + ",".join("%.6g" % v for v in row) + "\n")
PY
echo "$PARAMS" >params
fi
cd "$OUT/ws"
ln -s ../data/batches batches && ln -s ../data/ref.csv ref.csv
end="$(date -u -d "2026-01-01 + $DAYS days" +%Y-%m-%dT00:00:00Z)"

"$AIRM" init >/dev/null
monitor() {  # monitor NAME SCHEDULES
  printf '  - name: %s\n    reference: {file: ref.csv}\n    current: {files: "batches/*.csv", timestamp: ts}\n    start: 2026-01-01\n    schedules: %s\n' "$1" "$2"
}
run() {  # run LABEL ARGS...: airm monitor run timed
  local label="$1"; shift
  /usr/bin/time -f "%e\t%M" -o "$OUT/time.txt" "$AIRM" monitor run --as-of "$end" \
    --no-domain-classifier "$@" >"$OUT/$label.out" 2>&1
  printf '%s\t%s\n' "$label" "$(cat "$OUT/time.txt")" | tee -a "$OUT/times.tsv"
}
printf 'step\twall_s\tmax_rss_kb\n' >"$OUT/times.tsv"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"

# 1. A year of days (each window read, analysed, profiled, stored once).
{ echo "monitors:"; monitor daily "[{every: day}]"; } >airm.yaml
run days --monitor daily
# 2. Months and quarters merged from the stored days (no row read).
{ echo "monitors:"; monitor daily "[{every: day}, {every: month}, {every: quarter}]"; } >airm.yaml
run merged --monitor daily
# 3. The same months and quarters from the rows, for comparison.
{ echo "monitors:"; monitor daily "[{every: day}, {every: month}, {every: quarter}]";
  monitor rows "[{every: month}, {every: quarter}]"; } >airm.yaml
run from_rows --monitor rows
# 4. Nothing due on the store holding the year: five runs, the median.
for i in 1 2 3 4 5; do run "nothing_due_$i"; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
