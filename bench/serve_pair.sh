#!/usr/bin/env bash
# Two builds of `airm serve` compared on one busy machine: bench/serve_wrk.sh
# runs each in turn, ROUNDS times, alternating which goes first, each on its
# own copy of the workspace (a newer binary may migrate its copy). Prints
# every run's lines and then, per endpoint and binary, the median p50, p99
# and requests/s over the rounds and the after/before ratio of the medians.
# Bounded: wrk on 127.0.0.1 only, fixed durations.
#
# Usage: bench/serve_pair.sh BEFORE_AIRM AFTER_AIRM [WORKSPACE]
#   ROUNDS (default 3), DURATION, PATHS, CONNECTIONS as for serve_wrk.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
before=$(realpath "$1")
after=$(realpath "$2")
ws=$(realpath "${3:-out/workspace}")
rounds=${ROUNDS:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -a "$ws" "$scratch/before"
cp -a "$ws" "$scratch/after"
: >"$scratch/lines"
run() {  # NAME BINARY PORT
  PORT=$3 ROUNDS=1 "$here/serve_wrk.sh" "$2" "$scratch/$1" | tee /dev/stderr |
    awk -v who="$1" '/^round/ {print who, $0}' >>"$scratch/lines"
}
for round in $(seq "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    run before "$before" 18771; run after "$after" 18772
  else
    run after "$after" 18772; run before "$before" 18771
  fi
done
echo
echo "| endpoint | binary | p50 ms | p99 ms | requests/s |"
echo "|---|---|---|---|---|"
python3 - "$scratch/lines" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    # who round N GET PATH p50 X ms p99 Y ms Z req/s
    who, path, p50, p99, rps = f[0], f[4], float(f[6]), float(f[9]), float(f[11])
    rows.setdefault((path, who), []).append((p50, p99, rps))
paths = []
for (path, _) in rows:
    if path not in paths: paths.append(path)
for path in paths:
    med = {}
    for who in ("before", "after"):
        r = rows.get((path, who), [])
        if not r: continue
        med[who] = [statistics.median(x[i] for x in r) for i in range(3)]
        print(f"| `{path}` | {who} | {med[who][0]:.2f} | {med[who][1]:.2f} | {med[who][2]:,.0f} |")
    if len(med) == 2:
        b, a = med["before"], med["after"]
        print(f"| `{path}` | after/before | {a[0]/b[0]:.2f} | {a[1]/b[1]:.2f} | {a[2]/b[2]:.2f} |")
PY
