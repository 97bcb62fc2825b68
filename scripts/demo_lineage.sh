#!/usr/bin/env bash
# The lineage part of `make demo`: records the bundled credit example's data
# flow in a fresh workspace and traces one prediction back to its sources.
#
# Usage: scripts/demo_lineage.sh AIRM_BINARY WORKSPACE_DIR [OUT_DIR]
# WORKSPACE_DIR is deleted and recreated, so the demo can be re-run. OUT_DIR
# (default out/) holds the evaluation's JSON and receives the model card.
set -euo pipefail
airm=$1
ws=$(realpath -m "$2")
out=$(realpath -m "${3:-out}")
cd "$(dirname "$0")/.."
ex=examples/credit
rm -rf "$ws"
"$airm" init "$ws" --name credit-demo >/dev/null
export AIRM_STORE="$ws"
run_id() { /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["run"]["run_id"])'; }

"$airm" dataset register "$ex/reference.csv" --name credit-reference --source modeldata::credit_data
"$airm" dataset register "$ex/current.csv" --name credit-current --source modeldata::credit_data
"$airm" dataset check credit-current --reference credit-reference --schema "$ex/schema.yaml" >/dev/null

# A tiny preprocessing step: keep the 13 applicant features of the current
# batch (drop the label and the model's outputs), recorded with its exact
# input and output.
prep=$("$airm" run exec --job select-features --kind preprocessing \
  --input "$ex/current.csv=credit-current" \
  --output "$ws/current_features.csv=credit-current-features" \
  --derive Age=Age --derive Income=Income --json - \
  -- sh -c "cut -d, -f2-14 $ex/current.csv > $ws/current_features.csv" | run_id)
echo "preprocessing run $prep"

metrics=()
if [ -f "$out/evaluate.json" ]; then metrics=(--metrics "$out/evaluate.json"); fi
"$airm" model register --name credit-risk --version 1.0 --artifact "$ex/model.json" \
  --training-data credit-reference --card "$ex/model_card.yaml" "${metrics[@]}" \
  --param max_depth=3 --param eta=0.05
"$airm" deploy credit-risk@1.0 --env production --at 2026-01-01T00:00:00Z
# The drift, evaluation, fairness and chaos verdicts of this version, recorded
# for its card (--model NAME@VERSION) once their reports are written: the
# demo's reports are rewritten as runs about the registered version, so the
# drift report also measures the card's own "do not use for" ranges and the
# card links each verdict to its report.
"$airm" drift --reference "$ex/reference.csv" --current "$ex/current.csv" \
  --schema "$ex/schema.yaml" --model credit-risk@1.0 \
  --json "$out/drift.json" --html "$out/drift.html" >/dev/null
"$airm" evaluate --data "$ex/current.csv" --reference "$ex/reference.csv" \
  --schema "$ex/schema.yaml" --target Status --score score --positive-label bad \
  --threshold 0.3042 --sensitive Marital --confirm-holdout --model credit-risk@1.0 \
  --json "$out/evaluate.json" --html "$out/evaluate.html" >/dev/null
"$airm" chaos --model credit-risk@1.0 --data "$ex/current.csv" --target Status \
  --json "$out/chaos.json" --html "$out/chaos.html" --junit "$out/chaos.xml" >/dev/null
prediction=$("$airm" predictions log "$ex/current.csv" --model credit-risk@1.0 \
  --deployment-env production --schema "$ex/schema.yaml" --preprocessed-by "$prep" --json - |
  /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["first_prediction_id"])')
echo "logged the current batch's predictions; the first is $prediction"
"$airm" dataset verify

echo
"$airm" lineage trace --prediction "$prediction"
echo
"$airm" lineage impact --dataset credit-reference
"$airm" model card credit-risk@1.0 --format html --out "$out/model_card.html"
