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
  libcurl4-openssl-dev  # alerting: webhooks, Alertmanager and SMTP (STARTTLS, AUTH)
  libxgboost-dev libtbb-dev
  libsodium-dev  # Ed25519 signed tree heads of the audit log
  graphviz
  python3-aiosmtpd prometheus-alertmanager  # tests/alerting: real receivers on loopback
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-scipy python3-sklearn python3-xgboost
  python3-pandas  # bench/gen_drift_data.py
  prometheus  # promtool check metrics reads `airm monitor export --prometheus` in tests
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
