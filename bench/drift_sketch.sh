#!/usr/bin/env bash
# Drift from sketches (issue 13, bounded memory): `airm drift --sketch` and
# `airm drift` against a saved reference profile, beside the exact path on the
# same files, same run: wall time, peak RSS (GNU time) and whether every
# column's verdict agrees with the exact path.
#
# Usage: bench/drift_sketch.sh AIRM_BINARY DATA_DIR ROWS [ROWS ...]
#   DATA_DIR holds ref_ROWS.csv / cur_ROWS.csv from bench/gen_drift_data.py
#   (python3 bench/gen_drift_data.py ROWS DATA_DIR); generated when missing.
# Environment: EXACT_MAX_ROWS=1000000 (the exact path runs up to this size;
# above it only the sketch paths run), OUT=bench/out/drift_sketch.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 AIRM_BINARY DATA_DIR ROWS [ROWS ...]" >&2
  exit 2
fi
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AIRM="$(realpath "$1")"
DATA="$(realpath "$2")"
shift 2
EXACT_MAX_ROWS="${EXACT_MAX_ROWS:-1000000}"
OUT="${OUT:-$BENCH_DIR/out/drift_sketch}"
mkdir -p "$OUT"
PYTHON=/usr/bin/python3

measure() {  # measure NAME ROWS ARGS...: one run, prints a table row
  local name="$1" rows="$2"
  shift 2
  local json="$OUT/${name}_${rows}.json" tlog="$OUT/${name}_${rows}.time"
  local rc=0
  /usr/bin/time -v "$AIRM" "$@" --json "$json" >/dev/null 2>"$tlog" || rc=$?
  local wall rss
  wall="$(grep 'Elapsed (wall clock)' "$tlog" | awk '{print $NF}')"
  rss="$(grep 'Maximum resident set size' "$tlog" | awk '{print $NF}')"
  printf '%s\t%s\t%s\t%s MB\texit %s\n' "$rows" "$name" "$wall" "$((rss / 1024))" "$rc"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'rows\tpath\twall\tpeak RSS\texit\n'
for rows in "$@"; do
  ref="$DATA/ref_$rows.csv"
  cur="$DATA/cur_$rows.csv"
  [ -f "$ref" ] && [ -f "$cur" ] || "$PYTHON" "$BENCH_DIR/gen_drift_data.py" "$rows" "$DATA" >&2
  common=(--target y_true --prediction y_pred --score y_score --no-multivariate)
  if [ "$rows" -le "$EXACT_MAX_ROWS" ]; then
    measure exact "$rows" drift -r "$ref" -c "$cur" "${common[@]}"
  fi
  measure sketch "$rows" drift -r "$ref" -c "$cur" "${common[@]}" --sketch
  /usr/bin/time -v "$AIRM" profile --stream "$ref" --sketch-k 2000 --save "$OUT/ref_$rows.prof" \
    >/dev/null 2>"$OUT/profile_$rows.time"
  printf '%s\tprofile --stream --save\t%s\t%s MB\n' "$rows" \
    "$(grep 'Elapsed (wall clock)' "$OUT/profile_$rows.time" | awk '{print $NF}')" \
    "$(($(grep 'Maximum resident set size' "$OUT/profile_$rows.time" | awk '{print $NF}') / 1024))"
  measure saved_profile "$rows" drift -r "$OUT/ref_$rows.prof" -c "$cur" "${common[@]}"
  if [ "$rows" -le "$EXACT_MAX_ROWS" ]; then
    for name in sketch saved_profile; do
      "$PYTHON" - "$OUT/exact_$rows.json" "$OUT/${name}_$rows.json" "$name" <<'PY'
import json, sys
exact, other, name = (json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3])
def cols(doc):
    return {c["name"]: c for c in doc["columns"] + doc["outputs"]}
e, s = cols(exact), cols(other)
differ = [n for n in e if e[n]["drifted"] != s[n]["drifted"]]
undecided = [n for n in s if s[n].get("bounds") and not s[n]["bounds"]["decided"]]
print(f"{name}: {len(e) - len(differ)}/{len(e)} column verdicts agree with exact"
      f"{' (differ: ' + ', '.join(differ) + ')' if differ else ''}; undecided: {undecided or 'none'};"
      f" batch input {exact['verdict']['input_drift']['drifted']}/{other['verdict']['input_drift']['drifted']},"
      f" output {exact['verdict']['output_drift']['drifted']}/{other['verdict']['output_drift']['drifted']}")
for n in sorted(e):
    b = s[n].get("bounds") or {}
    st, ef = b.get("statistic", {}), b.get("effect_size", {})
    print(f"  {n:8} exact {e[n]['method']} {e[n]['statistic']!s:.8} eff {e[n]['effect_size']!s:.8} -> {e[n]['drifted']}"
          f" | {name} {s[n]['statistic']!s:.8} [{st.get('lower')!s:.8}, {st.get('upper')!s:.8}]"
          f" eff [{ef.get('lower')!s:.8}, {ef.get('upper')!s:.8}] -> {s[n]['drifted']}")
PY
    done
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
