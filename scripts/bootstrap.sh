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
  prometheus  # promtool check metrics reads `airm monitor export --prometheus` and /metrics in tests
  openssl  # tests/server: a self-signed certificate for the TLS test of `airm serve`
  wrk  # bench/serve_wrk.sh: load benchmark of `airm serve` on loopback
  chromium  # tests/browser: the HTML reports rendered headless at desktop and phone width
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

# puppeteer-core for tests/browser, pinned by its package-lock.json: the only
# download besides Debian packages, done here so tests never reach the network.
install_browser_test_deps() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  [ -f "$dir/node_modules/puppeteer-core/package.json" ] && return 0
  echo "bootstrap: installing puppeteer-core for tests/browser (npm ci)" >&2
  # Without the registry (offline) the build still works; only the browser
  # test fails, saying what to run.
  (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline >/dev/null) ||
    echo "bootstrap: npm ci failed in tests/browser; the browser test (ctest browser_reports)" \
      "will fail until it succeeds" >&2
}

if [ ${#missing[@]} -eq 0 ]; then
  install_browser_test_deps
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_browser_test_deps
