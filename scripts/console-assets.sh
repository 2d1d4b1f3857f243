#!/usr/bin/env bash
# The console's static assets for the Worker (worker/console.js): www/ at the root and the built
# package at /elb-wasm/, where the page's import map finds it.
# Usage: scripts/console-assets.sh [PACKAGE_DIST] [OUT]   (defaults: dist, dist-console)
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-dist}
out=${2:-dist-console}
[ -f "$pkg/entries/web.js" ] || { echo "console-assets: $pkg has no built package (run scripts/build.sh)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/elb-wasm"
cp -r www/. "$out/"
rm -f "$out/.gitkeep"
# The page loads ES modules and the wasm only: no CommonJS, no declarations, no Node-only code.
(cd "$pkg" && find . -type f \( -name '*.js' -o -name '*.wasm' \) ! -path './cli/*' ! -name 'credentials_node.js' ! -name '*_node.js' -print0) |
  while IFS= read -r -d '' f; do
    mkdir -p "$out/elb-wasm/$(dirname "$f")"
    cp "$pkg/$f" "$out/elb-wasm/$f"
  done
echo "console-assets: $(find "$out" -type f | wc -l) files in $out"
