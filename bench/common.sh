# Shared by the bench scripts that time airm against a peer (run.sh, drift.sh,
# run_eval.sh, predictions_log.sh, parquet_profile.sh): source it with the
# script's own arguments (AIRM_BINARY) after setting the script's own
# defaults. It defines functions and checks tools; OUT (results directory) must
# be set; TIMEOUT (900), CORES (2) and REPEATS (3) default here; BENCH_TOOLS
# (default "node npm cmake") lists the other commands the script needs and RAW
# (default $OUT/runs.tsv) where the runs go. Sets AIRM and PYTHON, makes OUT
# and AIRM absolute, sets PIN and RAW and starts RAW's header.

if [ $# -ne 1 ]; then
  echo "usage: $0 AIRM_BINARY" >&2
  exit 2
fi
AIRM="$1"
REPEATS="${REPEATS:-3}"
CORES="${CORES:-2}"
TIMEOUT="${TIMEOUT:-900}"
PYTHON=/usr/bin/python3

log() { echo "bench: $*" >&2; }

case "$AIRM" in /*) ;; *) AIRM="$PWD/$AIRM" ;; esac
[ -x "$AIRM" ] || { log "no airm binary at $AIRM"; exit 1; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {  # apt_install PACKAGE...: Debian packages, updating the lists once if needed
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null; }
}
[ -x /usr/bin/time ] || { log "installing GNU time (Debian package 'time')"; apt_install time; }
for tool in ${BENCH_TOOLS-node npm cmake} "$PYTHON"; do
  command -v "$tool" >/dev/null || { log "missing $tool (see scripts/bootstrap.sh)"; exit 1; }
done

# Pin every measured process to the first CORES cores when the machine has
# more, so the comparison is "on CORES cores" everywhere.
PIN=()
if [ "$(nproc)" -gt "$CORES" ] && command -v taskset >/dev/null; then
  PIN=(taskset -c "0-$((CORES - 1))")
fi

# Installs @duckdb/node-api from bench/package-lock.json unless present.
install_duckdb() {  # install_duckdb BENCH_DIR
  if [ ! -f "$1/node_modules/@duckdb/node-api/package.json" ]; then
    log "installing @duckdb/node-api (npm ci)"
    (cd "$1" && { npm ci --no-audit --no-fund --prefer-offline >"$OUT/npm.log" 2>&1 ||
                  npm install --no-audit --no-fund >>"$OUT/npm.log" 2>&1; }) ||
      log "npm could not install @duckdb/node-api (see $OUT/npm.log): DuckDB will be not available"
  fi
}

RAW="${RAW:-$OUT/runs.tsv}"
printf 'name\trun\twall_s\tmax_rss_kb\tuser_s\tsys_s\n' >"$RAW"

# measure NAME RUNS VALIDATE_JSON -- CMD...: time CMD RUNS times; VALIDATE_JSON
# (or "-") must be a JSON file the command writes. Returns 1, recording
# nothing, if a run fails or leaves no valid JSON.
measure() {
  local name="$1" runs="$2" check="$3"
  shift 4
  local run
  for ((run = 1; run <= runs; ++run)); do
    [ "$check" != - ] && rm -f "$check"
    # GNU time's peak RSS is that of the largest process it waited for,
    # through timeout(1), so wrapping does not hide the measured command.
    local status=0
    /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "${PIN[@]}" timeout "$TIMEOUT" "$@" \
      >"$OUT/$name.log" 2>&1 || status=$?
    if [ "$status" -eq 124 ]; then
      log "$name ran longer than TIMEOUT=$TIMEOUT s: stopped, not counted"
      return 1
    elif [ "$status" -ne 0 ]; then
      log "$name failed with status $status (see $OUT/$name.log)"
      return 1
    fi
    if [ "$check" != - ] && ! "$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' \
         "$check" 2>/dev/null; then
      log "$name wrote no valid JSON to $check: not counted"
      return 1
    fi
    read -r wall rss user sys <"$OUT/time.txt"
    printf '%s\t%d\t%s\t%s\t%s\t%s\n' "$name" "$run" "$wall" "$rss" "$user" "$sys" >>"$RAW"
    log "$name run $run: ${wall} s, $((rss / 1024)) MiB"
  done
}
