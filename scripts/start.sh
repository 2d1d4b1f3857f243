#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the package, starts moto_server on 127.0.0.1 (unless
# AWS credentials are configured), serves the web console (www/) on 127.0.0.1 and prints its URL.
# Ctrl-C stops the console and the moto it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto-lib.sh

bash scripts/setup.sh build
bash scripts/build.sh

console_port=${CONSOLE_PORT:-8080}
moto_pid=""
cleanup() { [ -z "$moto_pid" ] || { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; }; }
trap cleanup EXIT INT TERM

aws_configured=false
if [ -n "${AWS_ACCESS_KEY_ID:-}" ] && [ -n "${AWS_SECRET_ACCESS_KEY:-}" ]; then aws_configured=true; fi
[ -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] && aws_configured=true
if [ "${ELB_CONSOLE_MOTO:-}" = 1 ]; then aws_configured=false; fi

if $aws_configured; then
  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}
  echo "AWS credentials found: the console talks to AWS ELB in $region (ELB_CONSOLE_MOTO=1 for a local moto)."
  exec node scripts/console-server.mjs --region "$region" --port "$console_port"
fi

ensure_moto
moto_port=${MOTO_PORT:-5055}
if port_in_use "$moto_port"; then moto_port=$(free_port); fi
moto_server -H 127.0.0.1 -p "$moto_port" >"${TMPDIR:-/tmp}/elb-wasm-moto.log" 2>&1 &
moto_pid=$!
wait_for_port "$moto_port"
echo "moto_server on http://127.0.0.1:$moto_port (the examples use it: ELB_ENDPOINT=http://127.0.0.1:$moto_port)"
node scripts/console-server.mjs --endpoint "http://127.0.0.1:$moto_port" --region us-east-1 --port "$console_port"
