#!/usr/bin/env bash
# A workspace for the dashboard's browser test (dashboard_test.mjs): the
# demo's weekly credit monitor as of 2026-02-16, while its alert `age-shift`
# fires (scripts/demo_monitor.sh), the credit model registered and linked to
# two AI systems of different owners, tiers and business units, a risk, a
# review board with one legal seat, the model deployed with a chaos verdict,
# and one account per role:
# A risk's title holds markup, to be shown as text. Accounts:
#   ada admin, carol contributor, rita reviewer (legal, holds the seat),
#   sam reviewer (security, holds no seat), vera viewer
# each with the password in PASSWORD_FILE.
#
# Usage: tests/browser/seed_dashboard.sh AIRM_BINARY WORKSPACE_DIR PASSWORD_FILE
set -euo pipefail
airm=$(realpath "$1")
ws=$(realpath -m "$2")
password_file=$(realpath "$3")
root=$(cd "$(dirname "$0")/../.." && pwd)
ex=$root/examples/credit
AIRM_DEMO_MONITOR_AS_OF=2026-02-16T00:00:00Z "$root/scripts/demo_monitor.sh" "$airm" "$ws" \
  "$ws/../monitor-report" >/dev/null
# The monitor watches the credit model, so the systems that use it show its alerts.
sed -i 's/^  - name: credit-weekly$/  - name: credit-weekly\n    model: credit-risk/' "$ws/airm.yaml"
export AIRM_STORE=$ws
# The model's evaluation on the current batch, registered with it (its card's metrics).
set +e
"$airm" evaluate --data "$ex/current.csv" --reference "$ex/reference.csv" \
  --schema "$ex/schema.yaml" --target Status --score score --positive-label bad \
  --threshold 0.3042 --json "$ws/evaluate.json" >/dev/null
rc=$?
set -e
if [ "$rc" -gt 1 ]; then echo "seed: airm evaluate failed with exit code $rc" >&2; exit "$rc"; fi
"$airm" dataset register "$ex/reference.csv" --name credit-reference >/dev/null
"$airm" model register --name credit-risk --version 1.0 --artifact "$ex/model.json" \
  --training-data credit-reference --card "$ex/model_card.yaml" --metrics "$ws/evaluate.json" \
  >/dev/null
# The version serves in production, logs its predictions there and has a chaos
# verdict: the system page's chaos results, serving side and lineage graph
# (credit-reference -> credit-risk@1.0 -> production -> 1,068 predictions, and
# credit-risk@1.0 -> the monitors credit-weekly, whose alert fires, and
# credit-learned, below).
"$airm" deploy credit-risk@1.0 --env production --at 2026-01-01T00:00:00Z >/dev/null
"$airm" predictions log "$ex/current.csv" --model credit-risk@1.0 --deployment-env production \
  --schema "$ex/schema.yaml" >/dev/null
# A second monitor of the same stream whose threshold is learned from the
# reference (issue 9): the system page draws it on its metric's chart. The
# lower side with k 10 stays quiet (effect sizes are never negative), so the
# portfolio's alert counts stay the demo's.
# Its entry is credit-weekly's (model, reference, current data, roles, start,
# schedules) under another name, with its own alert.
{
  sed -n '/^  - name: credit-weekly$/,/^    alerts:$/p' "$ws/airm.yaml" |
    sed 's/^  - name: credit-weekly$/  - name: credit-learned/'
  cat <<'YAML'
      - {name: age-learned, when: "columns.Age.effect_size < learned", severity: info,
         learn: {from: reference, k: 10, min_windows: 5}}
YAML
} >"$ws/credit-learned.yaml"
cat "$ws/credit-learned.yaml" >>"$ws/airm.yaml"
"$airm" monitor run --monitor credit-learned --as-of 2026-02-16T00:00:00Z --no-domain-classifier \
  >/dev/null
set +e
"$airm" chaos --model credit-risk@1.0 --data "$ex/current.csv" --target Status \
  --json "$ws/chaos.json" >/dev/null
rc=$?
set -e
if [ "$rc" -gt 1 ]; then echo "seed: airm chaos failed with exit code $rc" >&2; exit "$rc"; fi
"$airm" system add credit-scoring --owner carol --business-unit retail-lending \
  --purpose 'Scores credit applications' --decision-type human-in-the-loop \
  --affected-people 'credit applicants' --data-category personal --lifecycle production \
  --actor carol >/dev/null
"$airm" system link credit-scoring --model credit-risk --actor carol >/dev/null
"$airm" system classify credit-scoring --answers "$ex/governance/eu_ai_act_answers.yaml" \
  --actor carol >/dev/null
"$airm" system add churn-forecast --owner ada --business-unit marketing \
  --purpose 'Forecasts which customers leave' --decision-type human-in-the-loop \
  --affected-people customers --data-category personal --lifecycle development \
  --actor ada >/dev/null
"$airm" risk add --system credit-scoring --title 'Older applicants scored worse' \
  --description 'Age drift moves scores for applicants over 40' --category bias \
  --likelihood 3 --impact 4 --treatment mitigate --owner carol --actor carol >/dev/null
# Markup in a user-supplied name must show as text (the test checks no script ran).
"$airm" risk add --system churn-forecast --title '<img src=x onerror="window.__xss=1">' \
  --category privacy --likelihood 2 --impact 2 --treatment accept --owner ada --actor ada >/dev/null
"$airm" board add model-risk --seat legal=rita --actor ada >/dev/null
"$airm" user add ada --role admin --password-file "$password_file" --actor setup >/dev/null
"$airm" user add carol --role contributor --password-file "$password_file" --actor ada >/dev/null
"$airm" user add rita --role reviewer --board-function legal --password-file "$password_file" \
  --actor ada >/dev/null
"$airm" user add sam --role reviewer --board-function security --password-file "$password_file" \
  --actor ada >/dev/null
"$airm" user add vera --role viewer --password-file "$password_file" --actor ada >/dev/null
