#!/usr/bin/env bash
# The server part of `make demo`: serves the demo's lineage workspace
# (out/workspace, with the monitoring demo's monitor added) with `airm serve`
# on loopback, after creating its first admin (or giving the existing one a
# new password), and prints the URL and the one-time password. Stops with
# Ctrl-C.
set -euo pipefail
airm=${1:-build/release/apps/cli/airm}
ws=${2:-out/workspace}
listen=${AIRM_DEMO_LISTEN:-127.0.0.1:8080}
cd "$(dirname "$0")/.."
if [ ! -f "$ws/airm.yaml" ]; then
  echo "demo-serve: no workspace at $ws; run \`make demo\` first" >&2
  exit 2
fi
export AIRM_STORE="$ws"
# The example's AI system, so the inventory has something to show.
if ! "$airm" system show credit-scoring >/dev/null 2>&1; then
  "$airm" system add credit-scoring --owner admin --business-unit retail-lending \
    --purpose 'Scores credit applications' --decision-type human-in-the-loop \
    --affected-people 'credit applicants' --data-category personal --lifecycle production \
    --actor demo >/dev/null
  "$airm" system link credit-scoring --model credit-risk --actor demo >/dev/null
fi
# The demo's weekly credit monitor on the served workspace, watching the
# credit model, so the system page charts its windows and the alert period:
# the stream scripts/demo_monitor.sh wrote (in the monitor workspace beside
# this one) is copied in once and its seven weeks computed.
monitor_ws=${AIRM_DEMO_MONITOR_WORKSPACE:-$(dirname "$ws")/monitor-workspace}
if ! grep -q '^monitors:' "$ws/airm.yaml" && [ -d "$monitor_ws/batches" ]; then
  rm -rf "$ws/monitor-batches"
  cp -r "$monitor_ws/batches" "$ws/monitor-batches"
  cp "$monitor_ws/reference.csv" "$ws/monitor-reference.csv"
  # The monitor as demo_monitor.sh declared it, reading the copies, with the model.
  sed -n '/^monitors:/,$p' "$monitor_ws/airm.yaml" |
    sed -e 's/{file: reference.csv}/{file: monitor-reference.csv}/' \
      -e 's#"batches/#"monitor-batches/#' \
      -e 's/^  - name: credit-weekly$/&\n    model: credit-risk/' >>"$ws/airm.yaml"
  "$airm" monitor run --as-of 2026-02-23T00:00:00Z >/dev/null
fi
if "$airm" user list | grep -q '^admin '; then
  out=$("$airm" user reset-password admin --actor demo 2>/dev/null)
else
  out=$("$airm" user add admin --role admin --actor demo 2>/dev/null)
fi
password=$(printf '%s\n' "$out" | sed -n 's/^one-time password: //p')
echo "airm serve: open http://$listen/ in a browser (the dashboard) and log in as admin"
echo "airm serve: log in as admin with the one-time password: $password"
echo "airm serve: e.g. curl -c jar -d '{\"username\":\"admin\",\"password\":\"$password\"}' http://$listen/api/session"
exec "$airm" serve --listen "$listen"
