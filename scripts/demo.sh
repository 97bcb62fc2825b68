#!/usr/bin/env bash
# Runs the main job on the bundled example and says where the report is.
set -euo pipefail
airm=${1:-build/release/apps/cli/airm}
cd "$(dirname "$0")/.."
mkdir -p out
set +e
"$airm" drift \
  --reference examples/credit/reference.csv \
  --current examples/credit/current.csv \
  --schema examples/credit/schema.yaml \
  --json out/drift.json --html out/drift.html
rc=$?
set -e
if [ "$rc" -ne 0 ]; then echo "demo: airm drift failed with exit code $rc" >&2; exit "$rc"; fi
echo
echo "HTML report: $(pwd)/out/drift.html"
echo "JSON report: $(pwd)/out/drift.json"
