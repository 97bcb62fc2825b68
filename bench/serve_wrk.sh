#!/usr/bin/env bash
# Load benchmark of `airm serve` on loopback with wrk (Debian): the demo's
# lineage workspace (make demo / scripts/demo_lineage.sh), a read-scoped
# token, then DURATION seconds per endpoint with CONNECTIONS connections and
# wrk's latency distribution. Bounded: fixed duration, 127.0.0.1 only, the
# server is stopped at the end. Usage: bench/serve_wrk.sh AIRM [WORKSPACE]
set -euo pipefail
airm=$(realpath "${1:-build/release/apps/cli/airm}")
ws=$(realpath "${2:-out/workspace}")
duration=${DURATION:-10}
connections=${CONNECTIONS:-4}
port=${PORT:-18765}
[ -f "$ws/airm.yaml" ] || { echo "serve_wrk: no workspace at $ws (run make demo)" >&2; exit 2; }
export AIRM_STORE="$ws"
"$airm" user list | grep -q '^bench ' || "$airm" user add bench --role viewer --actor bench >/dev/null
token=$("$airm" user token bench --name "wrk-$$" --scope read --expires-days 1 2>/dev/null)
log=$(mktemp)
"$airm" serve --listen "127.0.0.1:$port" --workers 4 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for path in /healthz /api/systems /api/datasets /api/models "/api/audit?limit=50"; do
  echo "== GET $path"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port$path" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
done
