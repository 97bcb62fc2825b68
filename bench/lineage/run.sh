#!/usr/bin/env bash
# Lineage benchmark: builds a store with 10,000 runs and 1,000,000 logged
# predictions, then times `airm lineage trace` and `airm lineage impact`
# against naive Python and the sqlite3 CLI (bench/lineage/bench_lineage.py).
#   bench/lineage/run.sh AIRM_BINARY
# Knobs: RUNS (10000), PREDICTIONS (1000000), TRACES (7), REPEATS (3), OUT (bench/out/lineage).
set -euo pipefail
AIRM=$(realpath "${1:?usage: bench/lineage/run.sh AIRM_BINARY}")
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../out/lineage}
RUNS=${RUNS:-10000}
PREDICTIONS=${PREDICTIONS:-1000000}
STORE=$OUT/store_${RUNS}_${PREDICTIONS}
if ! command -v sqlite3 >/dev/null; then
  echo "bench: installing the sqlite3 CLI (Debian package 'sqlite3') for the baseline" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq sqlite3 >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq sqlite3 >/dev/null; }
fi
if [ ! -f "$STORE/.stamp" ]; then
  rm -rf "$STORE"
  "$AIRM" init "$STORE" >/dev/null
  /usr/bin/python3 "$HERE/build_store.py" "$STORE/.airm/airm.db" --runs "$RUNS" \
    --predictions "$PREDICTIONS" > "$OUT/build_${RUNS}_${PREDICTIONS}.json"
  touch "$STORE/.stamp"
fi
echo "store built: $(cat "$OUT/build_${RUNS}_${PREDICTIONS}.json")"
/usr/bin/python3 "$HERE/bench_lineage.py" "$AIRM" "$STORE" --traces "${TRACES:-7}" \
  --repeats "${REPEATS:-3}"
