#!/usr/bin/env bash
# The monitoring part of `make demo`: a weekly stream built from the bundled
# credit example, monitored for drift with one alert, and its trend report.
#
# Weeks 1-4 and 7 are rows of the reference sample, weeks 5-6 rows of the
# current batch (whose applicants are older): the alert `age-shift`
# (columns.Age.effect_size>1 for 2 windows) goes pending in week 5, fires in
# week 6 and resolves in week 7.
#
# Usage: scripts/demo_monitor.sh AIRM_BINARY WORKSPACE_DIR [OUT_DIR]
# WORKSPACE_DIR is deleted and recreated, so the demo can be re-run; the
# report goes to OUT_DIR (default out/): monitor.html, monitor.json,
# monitor.prom. Relative paths are taken from the repository root.
set -euo pipefail
airm=$(realpath "$1")
ws=$2
out=${3:-out}
cd "$(dirname "$0")/.."
ex=examples/credit
rm -rf "$ws"
"$airm" init "$ws" --name credit-monitoring >/dev/null
ws=$(cd "$ws" && pwd)
mkdir -p "$out"
mkdir -p "$ws/batches"
cp "$ex/reference.csv" "$ws/reference.csv"

# batch WEEK FILE STEP OFFSET FIRST ROWS: ROWS data rows of FILE — of those
# numbered OFFSET (mod STEP), from the FIRST-th on — each given a time `ts`
# inside week WEEK of the stream (week 1 starts on Monday 2026-01-05),
# spread over the week's days and hours.
batch() {
  local week=$1 file=$2 step=$3 offset=$4 first=$5 rows=$6
  awk -F, -v OFS=, -v week="$week" -v step="$step" -v offset="$offset" -v first="$first" \
      -v rows="$rows" '
    NR == 1 { print "ts", $0; next }
    (NR - 1) % step == offset {
      k = int((NR - 1) / step)
      if (k < first || k >= first + rows) next
      i = k - first
      t = 1767571200 + (week - 1) * 604800 + (i % 7) * 86400 + (i % 24) * 3600
      print strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), $0
    }' "$file" > "$ws/batches/week_$week.csv"
}
# The reference sample's file is ordered, so every part of the stream is a
# systematic sample across it: the monitor's reference is its odd rows, each
# stable week every tenth row from a different even offset — new rows of the
# same population. The drifted weeks are the current batch's rows.
awk 'NR == 1 || (NR - 1) % 2 == 1' "$ex/reference.csv" > "$ws/reference.csv"
batch 1 "$ex/reference.csv" 10 0 0 400
batch 2 "$ex/reference.csv" 10 2 0 400
batch 3 "$ex/reference.csv" 10 4 0 400
batch 4 "$ex/reference.csv" 10 6 0 400
batch 5 "$ex/current.csv" 1 0 1 500
batch 6 "$ex/current.csv" 1 0 501 500
batch 7 "$ex/reference.csv" 10 8 0 400

cat >> "$ws/airm.yaml" <<'YAML'
monitors:
  - name: credit-weekly
    reference: {file: reference.csv}
    current: {files: "batches/*.csv", timestamp: ts}
    roles: {target: Status, prediction: prediction, score: score, segment: [Home]}
    start: 2026-01-05
    schedules:
      - {every: week, analysis: drift}
    alerts:
      - {name: age-shift, when: "columns.Age.effect_size>1", severity: critical, for: 2}
YAML
export AIRM_STORE="$ws"
# As of Monday 2026-02-23, when week 7 has closed (AIRM_DEMO_MONITOR_AS_OF: another
# time, e.g. 2026-02-16 while the alert fires, for tests/browser/seed_dashboard.sh).
"$airm" monitor run --as-of "${AIRM_DEMO_MONITOR_AS_OF:-2026-02-23T00:00:00Z}"
"$airm" monitor report --html "$out/monitor.html" --json "$out/monitor.json" >/dev/null
"$airm" monitor export --prometheus "$out/monitor.prom"
