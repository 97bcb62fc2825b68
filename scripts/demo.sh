#!/usr/bin/env bash
# Runs the main job on the bundled example and says where the report is.
# Usage: scripts/demo.sh [AIRM_BINARY] [OUT_DIR]  (OUT_DIR defaults to out/;
# the browser test, tests/browser, renders the demo into its build folder).
set -euo pipefail
airm=$(realpath "${1:-build/release/apps/cli/airm}")
out=$(realpath -m "${2:-out}")
cd "$(dirname "$0")/.."
mkdir -p "$out"
set +e
"$airm" drift \
  --reference examples/credit/reference.csv \
  --current examples/credit/current.csv \
  --schema examples/credit/schema.yaml \
  --model xgboost:examples/credit/model.json \
  --json "$out/drift.json" --html "$out/drift.html"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then echo "demo: airm drift failed with exit code $rc" >&2; exit "$rc"; fi
echo
# The same model judged on the current batch: worst-case slices, fairness
# across marital status, calibration and tail behaviour. The threshold is the
# one the model was deployed with (the reference positive rate). Weak slices
# are found on half of the rows and confirmed on the other half, so the
# worst case is not measured on the rows that chose it.
set +e
"$airm" evaluate \
  --data examples/credit/current.csv \
  --reference examples/credit/reference.csv \
  --schema examples/credit/schema.yaml \
  --target Status --score score --positive-label bad --threshold 0.3042 \
  --sensitive Marital --confirm-holdout \
  --json "$out/evaluate.json" --html "$out/evaluate.html"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then echo "demo: airm evaluate failed with exit code $rc" >&2; exit "$rc"; fi
echo
# Failure-mode testing of the real credit model, in-process: nulls, bad
# types, unseen categories, odd batch shapes (docs/chaos.md).
set +e
"$airm" chaos \
  --model xgboost:examples/credit/model.json \
  --data examples/credit/current.csv --target Status \
  --json "$out/chaos.json" --html "$out/chaos.html" --junit "$out/chaos.xml"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then echo "demo: airm chaos failed with exit code $rc" >&2; exit "$rc"; fi
echo
# Lineage: the example's data flow in a throw-away workspace ($out/workspace).
./scripts/demo_lineage.sh "$airm" "$out/workspace" "$out"
echo
# Governance: the example's AI system inventoried, classified, its risk and
# approval recorded; the executive summary, five-pitfalls scorecard, framework
# coverage and Annex IV draft written from the store.
./scripts/demo_governance.sh "$airm" "$out/workspace" "$out"
echo
# Monitoring: seven weekly windows of a stream built from the example, with
# one alert that fires and resolves, and its trend report.
./scripts/demo_monitor.sh "$airm" "$out/monitor-workspace" "$out"
echo
echo "Drift report:      $out/drift.html  (JSON: $out/drift.json)"
echo "Evaluation report: $out/evaluate.html  (JSON: $out/evaluate.json)"
echo "Chaos report:      $out/chaos.html  (JSON: $out/chaos.json, JUnit: $out/chaos.xml)"
echo "Model card:        $out/model_card.html  (lineage workspace: $out/workspace)"
echo "Governance:        $out/governance.html  (PDF: $out/governance.pdf; JSON with the scorecard: $out/governance.json;"
echo "                   coverage: $out/coverage.json, Annex IV draft: $out/annex_iv.md)"
echo "Monitoring trends: $out/monitor.html  (JSON: $out/monitor.json, Prometheus: $out/monitor.prom)"
