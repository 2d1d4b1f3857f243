#!/usr/bin/env bash
# The wasm-bindgen tests in WebKit, Safari's engine family: Debian's WebKitGTK MiniBrowser through its
# WebKitWebDriver, which wasm-bindgen-test-runner drives as a remote "safaridriver" (it says "Safari";
# SAFARIDRIVER_REMOTE). WebKitWebDriver starts MiniBrowser --automation when asked for no browser in
# particular, which is what the runner asks. WebKitGTK has no headless mode: an Xvfb display of its
# own (scripts/xvfb-lib.sh). Both are started here and stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto-lib.sh # free_port, wait_for_port
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

port=$(free_port)
DISPLAY="$display" WebKitWebDriver --host=127.0.0.1 --port="$port" >"$log/driver.log" 2>&1 &
driver_pid=$!
wait_for_port "$port" || { cat "$log/driver.log" >&2; exit 1; }

DISPLAY="$display" SAFARIDRIVER_REMOTE="http://127.0.0.1:$port" WASM_BINDGEN_USE_BROWSER=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm
