#!/usr/bin/env bash
# The store of issue 11's load target, built through the CLI (no SQL):
# 1,000,000 logged predictions of one model spread over a year (one every 31 s
# from 2025-01-01, bench/store/gen_predictions.py), and a year of windows of
# three monitors (below), plus six AI systems using the model (portfolio
# rows), a risk and a board.
# The drift analysis reads the logged features (`--store-features`); the
# reference is 20,000 rows of the same generator with another seed.
#
# Usage: bench/serve_store.sh AIRM WORKSPACE_DIR
#   ROWS=1000000  predictions to log    SEED=20261207
# WORKSPACE_DIR is deleted and recreated. Prints each step's wall time.
set -euo pipefail
airm=$(realpath "$1")
ws=$(realpath -m "$2")
rows=${ROWS:-1000000}
seed=${SEED:-20261207}
bench=$(cd "$(dirname "$0")" && pwd)
step() { echo "$(date -u +%H:%M:%S) $*" >&2; }
rm -rf "$ws"
"$airm" init "$ws" --name serve-load >/dev/null
export AIRM_STORE=$ws
step "generating $rows predictions and the reference"
/usr/bin/python3 "$bench/store/gen_predictions.py" "$rows" "$seed" "$ws/predictions.csv" 31 \
  2025-01-01T00:00:00
/usr/bin/python3 "$bench/store/gen_predictions.py" 20000 $((seed + 1)) "$ws/reference.csv" 31 \
  2024-12-01T00:00:00
printf 'bench model\n' >"$ws/model.bin"
"$airm" dataset register "$ws/reference.csv" --name bench-reference >/dev/null
"$airm" model register --name bench --version 1 --artifact "$ws/model.bin" \
  --training-data bench-reference >/dev/null
step "logging the predictions"
"$airm" predictions log "$ws/predictions.csv" --model bench@1 --id-column id --time-column ts \
  --output-column prediction --store-features >/dev/null
rm "$ws/predictions.csv"
# Three monitors: daily drift of the prediction log with an alert rule (365
# windows of ~2,800 rows), and weekly (52 windows) and daily (365) drift monitors of
# a 20,000-row sample file over the same year — weekly windows of the whole
# log (~19,500 rows each, read back from the log's stored features) would take
# most of an hour on a shared 2-core machine.
/usr/bin/python3 "$bench/store/gen_predictions.py" 20000 $((seed + 2)) "$ws/sample.csv" 1577 \
  2025-01-01T00:00:00
# monitor NAME EVERY CURRENT: a drift monitor from 2025-01-01.
monitor() {
  printf '  - name: %s\n    model: bench@1\n    reference: {file: reference.csv}\n' "$1"
  printf '    current: %s\n    roles: {prediction: prediction, ignore: [id, ts]}\n' "$3"
  printf '    start: 2025-01-01\n    schedules:\n      - {every: %s, analysis: drift}\n' "$2"
}
{
  echo "monitors:"
  monitor bench-daily day "{predictions: true}"
  echo '    alerts:'
  echo '      - {name: income-shift, when: "columns.income.effect_size>0.03", severity: warning, for: 2}'
  monitor bench-weekly week '{files: sample.csv, timestamp: ts}'
  monitor bench-sample-daily day '{files: sample.csv, timestamp: ts}'
} >>"$ws/airm.yaml"
step "running the monitors for 2025"
"$airm" monitor run --as-of 2026-01-01T00:00:00Z >/dev/null
step "adding systems"
for i in 1 2 3 4 5 6; do
  unit=$([ $((i % 2)) -eq 0 ] && echo retail-lending || echo marketing)
  "$airm" system add "bench-system-$i" --owner "owner$((i % 3))" --business-unit "$unit" \
    --purpose "Load benchmark system $i" --decision-type human-in-the-loop \
    --affected-people customers --data-category personal --lifecycle production \
    --actor bench >/dev/null
  "$airm" system link "bench-system-$i" --model bench --actor bench >/dev/null
done
"$airm" risk add --system bench-system-1 --title 'Income drift moves scores' --category bias \
  --likelihood 3 --impact 3 --treatment mitigate --owner owner1 --actor bench >/dev/null
"$airm" board add model-risk --seat legal=bench --actor bench >/dev/null
step "done: $ws ($(du -sh "$ws" | cut -f1))"
