#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the package, serves the web console (www/) on
# 127.0.0.1 and prints its URL (with this run's access token). Where it points, as the AWS CLI decides
# (js/cli/aws_config.js): an explicit endpoint (AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING, AWS_ENDPOINT_URL,
# ELB_ENDPOINT, the profile's endpoint_url) always wins; else AWS when credentials are found
# (environment, ~/.aws/credentials, ~/.aws/config; AWS_PROFILE; a role, SSO or process profile, a
# token file or a container, through the AWS SDK's provider chain); else, or with ELB_CONSOLE_MOTO=1, a
# moto_server started here on 127.0.0.1. Ctrl-C stops the console and the moto it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto-lib.sh

bash scripts/setup.sh build
bash scripts/build.sh

console_port=${CONSOLE_PORT:-8080}
moto_pid=""
cleanup() { [ -z "$moto_pid" ] || { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; }; }
trap cleanup EXIT INT TERM

target=$(node --input-type=module -e '
  import { loadAwsConfig } from "./js/cli/aws_config.js";
  const c = loadAwsConfig();
  console.log(c.endpoint ? `endpoint ${c.from.endpoint}` : c.credentials ? `aws ${c.from.credentials}` : c.chain ? `aws ${c.chain}` : "none");
')
if [ "${ELB_CONSOLE_MOTO:-}" = 1 ] && [ "${target%% *}" != endpoint ]; then target=none; fi

case "$target" in
  endpoint*)
    echo "Endpoint from ${target#endpoint }: the console talks to it."
    exec node scripts/console-server.mjs --port "$console_port"
    ;;
  aws*)
    echo "AWS credentials from ${target#aws }: the console talks to AWS ELB (ELB_CONSOLE_MOTO=1 for a local moto)."
    exec node scripts/console-server.mjs --port "$console_port"
    ;;
esac

ensure_moto
moto_port=${MOTO_PORT:-5055}
if port_in_use "$moto_port"; then moto_port=$(free_port); fi
moto_server -H 127.0.0.1 -p "$moto_port" >"${TMPDIR:-/tmp}/elb-wasm-moto.log" 2>&1 &
moto_pid=$!
wait_for_port "$moto_port"
echo "moto_server on http://127.0.0.1:$moto_port (the examples use it: AWS_ENDPOINT_URL=http://127.0.0.1:$moto_port)"
node scripts/console-server.mjs --endpoint "http://127.0.0.1:$moto_port" --region us-east-1 --port "$console_port"
