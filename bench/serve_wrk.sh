#!/usr/bin/env bash
# Load benchmark of `airm serve` on loopback with wrk (Debian), against a
# workspace (default: the demo's lineage workspace, make demo) with a
# read-scoped token. ROUNDS rounds; in each, DURATION seconds per endpoint with
# CONNECTIONS connections, endpoints in turn, so every endpoint meets the
# same machine load as /healthz, the same-run baseline. Prints each round and
# then, per endpoint, the median over rounds of p50, p99 and requests/s and
# the median ratio of its requests/s to /healthz's in the same round.
# Bounded: fixed durations, 127.0.0.1 only, the server stopped at the end.
#
# Usage: bench/serve_wrk.sh AIRM [WORKSPACE]
#   PATHS="/api/systems /api/models" to choose the endpoints (/healthz is always first)
#   RATE=200  paces the connections to at most RATE requests/s in all (bench/wrk_pace.lua;
#             wrk stays closed-loop, so the achieved rate is what the table's requests/s says)
#   WARM=1    one unmeasured request per endpoint first (fills the server's caches)
set -euo pipefail
airm=$(realpath "${1:-build/release/apps/cli/airm}")
ws=$(realpath "${2:-out/workspace}")
duration=${DURATION:-10}
rounds=${ROUNDS:-1}
connections=${CONNECTIONS:-4}
port=${PORT:-18765}
paths=${PATHS:-/api/systems /api/datasets /api/models /api/audit?limit=50}
rate=${RATE:-}
warm=${WARM:-0}
workers=${WORKERS:-8}  # the server's default; fewer than CONNECTIONS queues connections (one worker per keep-alive connection)
pace=()
if [ -n "$rate" ]; then
  export WRK_INTERVAL_MS=$((connections * 1000 / rate))
  pace=(-s "$(cd "$(dirname "$0")" && pwd)/wrk_pace.lua")
fi
[ -f "$ws/airm.yaml" ] || { echo "serve_wrk: no workspace at $ws (run make demo)" >&2; exit 2; }
export AIRM_STORE="$ws"
"$airm" user list | grep -q '^bench ' || "$airm" user add bench --role viewer --actor bench >/dev/null
token=$("$airm" user token bench --name "wrk-$$" --scope read --expires-days 1 2>/dev/null)
log=$(mktemp)
results=$(mktemp)
"$airm" serve --listen "127.0.0.1:$port" --workers "$workers" 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log" "$results"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores${rate:+; paced to $rate requests/s}"
if [ "$warm" = 1 ]; then
  for path in $paths; do
    curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path"
  done
fi
# wrk's latency as milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
for round in $(seq "$rounds"); do
  for path in /healthz $paths; do
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${pace[@]}" \
      -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    echo "round $round  GET $path  p50 ${p50} ms  p99 ${p99} ms  ${rps} req/s${bad:+  non-2xx $bad}"
    echo "$round $path $p50 $p99 $rps" >>"$results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| endpoint | p50 ms | p99 ms | requests/s | ratio to /healthz |"
echo "|---|---|---|---|---|"
python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
base = {r[0]: float(r[4]) for r in rows if r[1] == "/healthz"}
order = []
for r in rows:
    if r[1] not in order: order.append(r[1])
for path in order:
    mine = [r for r in rows if r[1] == path]
    med = lambda i: statistics.median(float(r[i]) for r in mine)
    ratio = statistics.median(float(r[4]) / base[r[0]] for r in mine)
    print(f"| `{path}` | {med(2):.2f} | {med(3):.2f} | {med(4):,.0f} | {ratio:.3f} |")
PY
