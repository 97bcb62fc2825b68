#!/usr/bin/env bash
# The browser test of issue 16: renders the demo's reports (scripts/demo.sh)
# into OUT_DIR and checks them in headless Chromium (check_reports.mjs).
# Screenshots stay in OUT_DIR/screenshots as test artifacts.
#
# Usage: tests/browser/run.sh AIRM_BINARY OUT_DIR
# Needs Debian's chromium and tests/browser/node_modules (puppeteer-core from
# package-lock.json), both installed by scripts/bootstrap.sh; nothing is
# downloaded here.
set -euo pipefail
airm=$1
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "browser test: $chromium is missing; run scripts/bootstrap.sh (Debian package chromium)" >&2
  exit 1
fi
if [ ! -f "$here/node_modules/puppeteer-core/package.json" ]; then
  echo "browser test: puppeteer-core is missing in $here/node_modules; run scripts/bootstrap.sh" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
"$here/../../scripts/demo.sh" "$airm" "$out/demo" >"$out/demo.log" 2>&1 ||
  { echo "browser test: the demo failed (log: $out/demo.log)" >&2; tail -20 "$out/demo.log" >&2; exit 1; }
exec node "$here/check_reports.mjs" --chromium "$chromium" --out "$out/screenshots" \
  "$out/demo/drift.html" "$out/demo/evaluate.html" "$out/demo/chaos.html" \
  "$out/demo/model_card.html"
