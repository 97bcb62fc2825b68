#!/usr/bin/env bash
# The governance part of `make demo`, on the lineage workspace: the example's
# AI system is inventoried, classified (EU AI Act), given a risk and an
# approval with a dated condition, then the executive summary with the
# five-pitfalls scorecard, the framework coverage and the Annex IV draft are
# written from the store (docs/governance.md).
#
# Usage: scripts/demo_governance.sh AIRM_BINARY WORKSPACE_DIR [OUT_DIR]
set -euo pipefail
airm=$1
ws=$(realpath -m "$2")
out=$(realpath -m "${3:-out}")
cd "$(dirname "$0")/.."
ex=examples/credit
export AIRM_STORE="$ws"
"$airm" system add credit-scoring --owner 'Dana Risk' --business-unit retail-lending \
  --purpose 'Scores consumer credit applications for manual review' \
  --decision-type human-in-the-loop --affected-people 'credit applicants' \
  --data-category personal --lifecycle production --actor demo 2>/dev/null
"$airm" system link credit-scoring --model credit-risk --actor demo 2>/dev/null
"$airm" system classify credit-scoring --answers "$ex/governance/eu_ai_act_answers.yaml" \
  --actor legal-bob 2>/dev/null
"$airm" risk add --system credit-scoring --title 'Disparate approval rates by age' \
  --category bias --likelihood 4 --impact 4 --residual-likelihood 2 --residual-impact 4 \
  --control 'quarterly fairness evaluation' --treatment mitigate --owner 'Dana Risk' \
  --due 2027-03-31 --actor demo 2>/dev/null
"$airm" board add credit-board --seat data-science=dana --seat legal=bob --actor demo 2>/dev/null
"$airm" review decide credit-risk@1.0 --board credit-board --decision approve-with-conditions \
  --condition 'monthly fairness report' --condition-due 2027-01-31 --actor dana 2>/dev/null
"$airm" review decide credit-risk@1.0 --board credit-board --decision approve --actor bob \
  2>/dev/null
"$airm" framework coverage --json "$out/coverage.json" >/dev/null
echo "framework coverage: $out/coverage.json"
"$airm" system report --html "$out/governance.html" --pdf "$out/governance.pdf" \
  --json "$out/governance.json"
"$airm" system annex-iv credit-scoring --out "$out/annex_iv.md"
"$airm" audit verify
