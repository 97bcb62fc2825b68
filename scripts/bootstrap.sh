#!/usr/bin/env bash
# Installs every system dependency of airm from Debian 12 packages.
# Idempotent and quiet when everything is present. Nothing else is downloaded.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ccache time
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev
  libboost-dev libboost-math-dev
  libsnappy-dev  # Parquet pages compressed with SNAPPY (src/io/parquet)
  zlib1g-dev libzstd-dev zstd libssl-dev libsqlite3-dev sqlite3 libcpp-httplib-dev
  libpq-dev  # the shared PostgreSQL store (docs/store.md)
  postgresql-15  # tests start a real PostgreSQL 15 in a temporary directory
  libcurl4-openssl-dev  # alerting: webhooks, Alertmanager and SMTP (STARTTLS, AUTH)
  libxgboost-dev libtbb-dev
  libsodium-dev  # Ed25519 signed tree heads of the audit log
  libhowardhinnant-date-dev tzdata  # monitors' IANA time zones from the system's tz database
  graphviz
  python3-aiosmtpd prometheus-alertmanager  # tests/alerting: real receivers on loopback
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-scipy python3-sklearn python3-xgboost
  python3-pandas  # bench/gen_drift_data.py
  python3-jsonschema  # tests/cli_governance, tests/server: documents against docs/openapi.json
  prometheus  # promtool check metrics reads `airm monitor export --prometheus` and /metrics in tests
  openssl  # tests/server: a self-signed certificate for the TLS test of `airm serve`
  wrk  # bench/serve_wrk.sh: load benchmark of `airm serve` on loopback
  chromium  # --pdf (system report, monitor pack); tests/browser: reports at desktop and phone width
  poppler-utils  # tests read the PDFs back: pdftotext, pdfinfo, pdftoppm
  pybind11-dev python3-dev  # the Python package (python/, `make python`)
  python3-pytest python3-dask python3-distributed  # tests/python, airm.dask on a LocalCluster
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js drives Chromium in tests/browser; a machine may already have it from
# another source (e.g. NodeSource), so only install Debian's when none is there.
command -v npm >/dev/null || missing+=(nodejs npm)

# npm packages pinned by package-lock.json, the only downloads besides
# Debian packages, done here so the build and the tests never reach the
# network: Preact, htm, uPlot and esbuild for the dashboard (the CMake build
# bundles and embeds it), puppeteer-core for tests/browser.
npm_ci() {
  local dir=$1 marker=$2 what=$3
  [ -f "$dir/node_modules/$marker" ] && return 0
  echo "bootstrap: installing $what (npm ci in ${dir#"$root"/})" >&2
  # Without the registry (offline) the rest still works and says what to run.
  (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline >/dev/null) ||
    echo "bootstrap: npm ci failed in $dir: $what will be missing until it succeeds" >&2
}
root="$(cd "$(dirname "$0")/.." && pwd)"
install_npm_deps() {
  npm_ci "$root/dashboard" esbuild/package.json \
    "the dashboard's packages (without them airm serve is built without its dashboard)"
  npm_ci "$root/tests/browser" puppeteer-core/package.json \
    "puppeteer-core (the browser tests, ctest -L browser)"
}

if [ ${#missing[@]} -eq 0 ]; then
  install_npm_deps
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_npm_deps
