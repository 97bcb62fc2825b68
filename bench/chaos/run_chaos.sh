#!/usr/bin/env bash
# Failure-mode testing benchmark (issue 5, section 5): `airm chaos` on 10,000
# rows x 20 features with a real XGBoost model (bench/chaos/gen_chaos_data.py).
#
#   1. in-process (xgboost:): the full default catalogue; wall time and peak
#      RSS with GNU time, REPEATS runs, median reported;
#   2. over HTTP: tests/servers/mlflow_server.py (normal mode, python3-xgboost)
#      serves the same model on loopback. A plain Python client
#      (bench/chaos/http_client.py) measures the server's own throughput with
#      the same 100-row requests before and after airm runs the determinism
#      family against it (the baseline and the repeat: every row twice, in
#      100-row requests); the ratio airm / client is what the harness sustains
#      of what the server can do, measured in the same run.
#
# Usage: bench/chaos/run_chaos.sh AIRM_BINARY
# Environment (optional): ROWS=10000 SEED=7 REPEATS=3 OUT=bench/out
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 AIRM_BINARY" >&2
  exit 2
fi
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
AIRM="$1"
case "$AIRM" in /*) ;; *) AIRM="$PWD/$AIRM" ;; esac
ROWS="${ROWS:-10000}"
SEED="${SEED:-7}"
REPEATS="${REPEATS:-3}"
OUT="${OUT:-$ROOT/bench/out}"
PYTHON=/usr/bin/python3
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
log() { echo "bench-chaos: $*" >&2; }
[ -x "$AIRM" ] || { log "no airm binary at $AIRM"; exit 1; }
[ -x /usr/bin/time ] || { log "GNU time (/usr/bin/time) is required: apt-get install time"; exit 1; }

# --- inputs ----------------------------------------------------------------------
DIR="$OUT/chaos_$ROWS"
STAMP="rows=$ROWS seed=$SEED gen=$(sha256sum "$BENCH_DIR/gen_chaos_data.py" | cut -c1-16)"
if [ ! -f "$DIR/stamp" ] || [ "$(cat "$DIR/stamp")" != "$STAMP" ]; then
  log "generating $ROWS rows and training the model in $DIR"
  "$PYTHON" "$BENCH_DIR/gen_chaos_data.py" --rows "$ROWS" --seed "$SEED" --out "$DIR" >&2
  echo "$STAMP" >"$DIR/stamp"
fi
DATA="$DIR/chaos_data.csv"
SPEC="xgboost:$DIR/chaos_model.json:$DIR/chaos_model_meta.json"

# --- 1. in-process ---------------------------------------------------------------
RAW="$OUT/chaos_runs.tsv"
printf 'name\trun\twall_s\tmax_rss_kb\tuser_s\tsys_s\n' >"$RAW"
IN_CMD=("$AIRM" chaos --model "$SPEC" --data "$DATA" --target default
        --json "$OUT/chaos_inprocess.json")
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((run = 1; run <= REPEATS; ++run)); do
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/chaos_time.txt" "${IN_CMD[@]}" >"$OUT/chaos_inprocess.log"
  read -r wall rss user sys <"$OUT/chaos_time.txt"
  printf 'inprocess\t%d\t%s\t%s\t%s\t%s\n' "$run" "$wall" "$rss" "$user" "$sys" >>"$RAW"
  log "in-process run $run: ${wall} s wall, $((rss / 1024)) MiB peak RSS"
done

# --- 2. HTTP ---------------------------------------------------------------------
PORT_FILE="$OUT/chaos_server.port"
rm -f "$PORT_FILE"
"$PYTHON" "$ROOT/tests/servers/mlflow_server.py" --model "$DIR/chaos_model.json" \
  --meta "$DIR/chaos_model_meta.json" --port 0 --port-file "$PORT_FILE" \
  >"$OUT/chaos_server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [ -s "$PORT_FILE" ] && break; sleep 0.1; done
[ -s "$PORT_FILE" ] || { log "the model server did not start (see $OUT/chaos_server.log)"; exit 1; }
URL="http://127.0.0.1:$(cat "$PORT_FILE")/invocations"

"$PYTHON" "$BENCH_DIR/http_client.py" --url "$URL" --data "$DATA" --exclude default \
  --batch-size 100 --passes 2 --json "$OUT/chaos_client.json" >/dev/null
HTTP_CMD=("$AIRM" chaos --model "$URL" --data "$DATA" --target default --threshold
          "$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["threshold"])' \
             "$DIR/chaos_model_meta.json")"
          --positive-label 1 --suite determinism --batch-size 100
          --json "$OUT/chaos_http.json")
/usr/bin/time -f '%e %M %U %S' -o "$OUT/chaos_time.txt" "${HTTP_CMD[@]}" >"$OUT/chaos_http.log"
read -r wall rss user sys <"$OUT/chaos_time.txt"
printf 'http\t1\t%s\t%s\t%s\t%s\n' "$wall" "$rss" "$user" "$sys" >>"$RAW"
"$PYTHON" "$BENCH_DIR/http_client.py" --url "$URL" --data "$DATA" --exclude default \
  --batch-size 100 --passes 2 --json "$OUT/chaos_client_after.json" >/dev/null
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- summary ---------------------------------------------------------------------
"$PYTHON" - "$OUT" "$RAW" "$LOAD_BEFORE" "$LOAD_AFTER" "${IN_CMD[*]}" "${HTTP_CMD[*]}" <<'PY'
import csv, json, statistics, sys
out, raw, load_before, load_after, in_cmd, http_cmd = sys.argv[1:7]
runs = list(csv.DictReader(open(raw), delimiter="\t"))
inproc = [r for r in runs if r["name"] == "inprocess"]
http = [r for r in runs if r["name"] == "http"][0]
doc = json.load(open(f"{out}/chaos_inprocess.json"))
hdoc = json.load(open(f"{out}/chaos_http.json"))
clients = [json.load(open(f"{out}/chaos_client.json")),
           json.load(open(f"{out}/chaos_client_after.json"))]
requests = sum(c["answer"]["requests"] for c in hdoc["cases"])
in_requests = sum(c["answer"]["seconds"] for c in hdoc["cases"])
wall = float(http["wall_s"])
client_rps = statistics.mean(c["requests_per_second"] for c in clients)
result = {
    "rows": doc["rows_used"], "features": len(doc["features"]),
    "inprocess": {"cases": doc["summary"]["cases"],
                  "wall_s_median": statistics.median(float(r["wall_s"]) for r in inproc),
                  "wall_s_runs": [float(r["wall_s"]) for r in inproc],
                  "max_rss_mib": max(int(r["max_rss_kb"]) for r in inproc) / 1024,
                  "user_s_median": statistics.median(float(r["user_s"]) for r in inproc)},
    "http": {"cases": hdoc["summary"]["cases"], "requests": requests, "wall_s": wall,
             "max_rss_mib": int(http["max_rss_kb"]) / 1024,
             "airm_rps_end_to_end": requests / wall,
             "airm_rps_in_requests": requests / in_requests,
             "client_rps_before_after": [c["requests_per_second"] for c in clients],
             "client_rps": client_rps,
             "ratio_end_to_end": requests / wall / client_rps,
             "ratio_in_requests": requests / in_requests / client_rps},
    "load_before": load_before, "load_after": load_after,
    "inprocess_command": in_cmd, "http_command": http_cmd,
}
json.dump(result, open(f"{out}/chaos_results.json", "w"), indent=1)
i, h = result["inprocess"], result["http"]
print(f"in-process: {i['cases']} failure modes on {result['rows']} rows x {result['features']} "
      f"features: median {i['wall_s_median']:.2f} s wall ({i['user_s_median']:.2f} s user), "
      f"peak RSS {i['max_rss_mib']:.0f} MiB")
print(f"HTTP: {h['requests']} requests of 100 rows in {h['wall_s']:.1f} s: airm sustains "
      f"{h['airm_rps_end_to_end']:.0f} req/s end to end ({h['airm_rps_in_requests']:.0f} req/s "
      f"while in requests); the plain Python client gets {h['client_rps']:.0f} req/s; "
      f"ratio {h['ratio_end_to_end']:.2f} ({h['ratio_in_requests']:.2f}); "
      f"peak RSS {h['max_rss_mib']:.0f} MiB")
print(f"load average before {load_before}, after {load_after}")
PY
log "results in $OUT/chaos_results.json"
