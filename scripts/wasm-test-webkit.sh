#!/usr/bin/env bash
# The wasm-bindgen tests in WebKit, Safari's engine family: Debian's WebKitGTK MiniBrowser through its
# WebKitWebDriver, which wasm-bindgen-test-runner drives as a remote "safaridriver" (it says "Safari";
# SAFARIDRIVER_REMOTE). WebKitWebDriver starts MiniBrowser --automation when asked for no browser in
# particular, which is what the runner asks. WebKitGTK has no headless mode: an Xvfb display of its
# own (scripts/xvfb-lib.sh). Both are started here and stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb-lib.sh

xvfb_pid=""
driver_pid=""
log=$(mktemp -d)
cleanup() {
  for pid in $driver_pid $xvfb_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$log"
}
trap cleanup EXIT

start_xvfb "$log/xvfb.log"

port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
DISPLAY="$display" WebKitWebDriver --host=127.0.0.1 --port="$port" >"$log/driver.log" 2>&1 &
driver_pid=$!
ready() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$port/status"; }
for _ in $(seq 1 50); do ready && break; sleep 0.2; done
ready || { echo "wasm-test-webkit: WebKitWebDriver did not answer" >&2; cat "$log/driver.log" >&2; exit 1; }

DISPLAY="$display" SAFARIDRIVER_REMOTE="http://127.0.0.1:$port" WASM_BINDGEN_USE_BROWSER=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm
