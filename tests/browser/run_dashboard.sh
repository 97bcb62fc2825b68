#!/usr/bin/env bash
# The dashboard's browser test (issue 11 §4): seeds a workspace
# (seed_dashboard.sh), then dashboard_test.mjs starts `airm serve` on a free
# loopback port and drives Debian's headless Chromium through it.
# Screenshots stay in OUT_DIR/screenshots as test artifacts.
#
# Usage: tests/browser/run_dashboard.sh AIRM_BINARY OUT_DIR
set -euo pipefail
airm=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "dashboard test: $chromium is missing; run scripts/bootstrap.sh (Debian package chromium)" >&2
  exit 1
fi
if [ ! -f "$here/node_modules/puppeteer-core/package.json" ]; then
  echo "dashboard test: puppeteer-core is missing in $here/node_modules; run scripts/bootstrap.sh" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
printf 'correct horse battery staple\n' >"$out/password"
"$here/seed_dashboard.sh" "$airm" "$out/workspace" "$out/password" >"$out/seed.log" 2>&1 ||
  { echo "dashboard test: seeding failed (log: $out/seed.log)" >&2; tail -20 "$out/seed.log" >&2; exit 1; }
exec node "$here/dashboard_test.mjs" --airm "$airm" --workspace "$out/workspace" \
  --password-file "$out/password" --out "$out/screenshots" --chromium "$chromium"
