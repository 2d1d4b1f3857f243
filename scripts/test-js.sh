#!/usr/bin/env bash
# The package as users get it: `npm pack`, installed into a fresh project, then
#  - node --test against a real local ELB endpoint (moto_server on 127.0.0.1, SigV4 verified),
#    through an injected fetch for what moto lacks, and the SigV4 suite through `sign`;
#  - tsc --noEmit --strict on a correct use (must pass) and a wrong one (must fail).
# moto is started here and stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

source scripts/moto-lib.sh
source scripts/xvfb-lib.sh
ensure_moto
ensure_awscli

work=$(mktemp -d)
moto_pid=""
cors_moto_pid=""
examples_moto_pid=""
console_moto_pid=""
soak_moto_pid=""
migrate_moto_pid=""
fleet_moto_pid=""
open_moto_pid=""
start_pgid=""
xvfb_pid=""
registry_pid=""
cleanup() {
  # npm start runs in its own process group (setsid): stopping the group stops its moto too.
  [ -z "$start_pgid" ] || kill -- "-$start_pgid" 2>/dev/null || true
  for pid in $moto_pid $cors_moto_pid $console_moto_pid $examples_moto_pid $soak_moto_pid $migrate_moto_pid $fleet_moto_pid $open_moto_pid $xvfb_pid $registry_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== npm pack, install into a fresh project"
tarball=$(npm pack --silent --pack-destination "$work" | tail -1)
mkdir -p "$work/app"
cp -r tests/js/. "$work/app/"
cp -r examples "$work/app/examples"
cp -r tests/vectors "$work/app/vectors"
(
  cd "$work/app"
  # No bundler configuration at all: parcel 2 then ignores package exports and reads the package's
  # top-level "browser" field (and v2/package.json's for elb-wasm/v2), which name the web entries.
  printf '{ "name": "elb-wasm-consumer", "private": true, "type": "module" }\n' >package.json
  # --ignore-scripts: the tools are linked from this repository's node_modules, already built.
  npm install --ignore-scripts --no-audit --no-fund --silent "$work/$tarball" \
    "$repo/node_modules/typescript" "$repo/node_modules/esbuild" "$repo/node_modules/miniflare" \
    "$repo/node_modules/playwright-core" "$repo/node_modules/vite" \
    "$repo/node_modules/puppeteer-core" "$repo/node_modules/selenium-webdriver" \
    "$repo/node_modules/webpack" "$repo/node_modules/webpack-cli" "$repo/node_modules/rollup" \
    "$repo/node_modules/@rollup/plugin-node-resolve" "$repo/node_modules/@web/rollup-plugin-import-meta-assets" \
    "$repo/node_modules/bun" "$repo/node_modules/parcel"
)

echo "== the ecosystem's linters on the packed tarball: publint, @arethetypeswrong/cli (every resolution mode)"
"$repo/node_modules/.bin/publint" "$work/$tarball"
"$repo/node_modules/.bin/attw" "$work/$tarball"

echo "== moto_server on 127.0.0.1 with SigV4 verification"
# The first three requests are unauthenticated: create the IAM user, its policy and its key.
start_moto moto_pid MOTO_URL "$work/moto.log" INITIAL_NO_AUTH_ACTION_COUNT=3
export MOTO_URL

# The tutorial examples need a moto of their own: their output lists every balancer there is.
start_moto examples_moto_pid EXAMPLES_MOTO_URL "$work/moto-examples.log"
export EXAMPLES_MOTO_URL

# The soak and the fault tests go through the fault proxy (tests/js/fault-proxy.mjs, started by
# the tests themselves) to a moto of their own, so their load and their balancers touch nobody else.
start_moto soak_moto_pid SOAK_MOTO_URL "$work/moto-soak.log"
export SOAK_MOTO_URL

# The migration tests (library, bin, the AWS CLI running a plan's script) on a moto of their own.
start_moto migrate_moto_pid MIGRATE_MOTO_URL "$work/moto-migrate.log"
export MIGRATE_MOTO_URL

# The fleet tests list every balancer there is, so a moto of their own, with SigV4 verification
# (its IAM key in fleet-credentials.json, made as credentials.json is).
start_moto fleet_moto_pid FLEET_MOTO_URL "$work/moto-fleet.log" INITIAL_NO_AUTH_ACTION_COUNT=3
export FLEET_MOTO_URL

# What moto 5.2.5 cannot take with SigV4 verification on, on a moto without it: a restXml GET (it
# cannot check its signature; tests/js/route53.test.mjs says why and what holds those signatures
# instead) and an unsigned call (STS AssumeRoleWithWebIdentity: it fails with a 500).
start_moto open_moto_pid OPEN_MOTO_URL "$work/moto-open.log"
export OPEN_MOTO_URL

echo "== node --test (installed package; the console server from this repository)"
export ELB_WASM_REPO="$repo"
(cd "$work/app" && node moto-setup.mjs >credentials.json && MOTO_URL="$FLEET_MOTO_URL" node moto-setup.mjs >fleet-credentials.json \
  && node --test --test-reporter=spec ./*.test.mjs)

echo "== Deno: the same scenario with --allow-net=127.0.0.1 and no other permission"
(
  cd "$work/app"
  "$repo/node_modules/.bin/deno" run --quiet --no-prompt --allow-net=127.0.0.1 \
    deno-scenario.mjs "$MOTO_URL" "$(cat credentials.json)"
)

echo "== Bun: the same scenario under bun run (npm's bun package)"
(cd "$work/app" && "$repo/node_modules/.bin/bun" run bun-scenario.mjs "$MOTO_URL")

echo "== Published: the tarball on a local registry (verdaccio, no uplinks); Deno with npm: specifiers, npm install"
registry_port=$(free_port)
mkdir -p "$work/registry"
cat >"$work/registry/config.yaml" <<YAML
storage: $work/registry/storage
auth: { htpasswd: { file: $work/registry/htpasswd, max_users: -1 } }
uplinks: {}
packages: { '**': { access: \$all, publish: \$all } }
log: { type: stdout, format: pretty, level: warn }
YAML
"$repo/node_modules/.bin/verdaccio" --config "$work/registry/config.yaml" --listen "127.0.0.1:$registry_port" >"$work/registry.log" 2>&1 &
registry_pid=$!
wait_for_port "$registry_port"
registry="http://127.0.0.1:$registry_port/"
(cd "$work" && npm publish "$work/$tarball" --registry "$registry" "--//127.0.0.1:$registry_port/:_authToken=local" >/dev/null)
# A folder with no package.json or node_modules: Deno fetches npm:elb-wasm from the registry itself.
mkdir -p "$work/deno-npm"
cp tests/js/deno-npm-scenario.mjs tests/js/scenario.mjs "$work/deno-npm/"
(
  cd "$work/deno-npm"
  DENO_DIR="$work/deno-dir" NPM_CONFIG_REGISTRY="$registry" "$repo/node_modules/.bin/deno" run --quiet --no-prompt \
    --allow-net=127.0.0.1 --minimum-dependency-age=0 deno-npm-scenario.mjs "$MOTO_URL" "$(cat "$work/app/credentials.json")"
)
mkdir -p "$work/from-registry"
(
  cd "$work/from-registry"
  printf '{ "name": "from-registry", "private": true, "type": "module" }\n' >package.json
  npm install --no-audit --no-fund --silent --registry "$registry" elb-wasm
  node -e 'import("elb-wasm").then(async (m) => { const v2 = await import("elb-wasm/v2"); if (typeof m.ElbClient !== "function" || v2.ElbError !== m.ElbError) process.exit(1); console.log("npm install from the registry: elb-wasm and elb-wasm/v2 import"); })'
)
kill "$registry_pid" 2>/dev/null || true
wait "$registry_pid" 2>/dev/null || true
registry_pid=""

echo "== Cloudflare Workers: the scenario inside a Worker's fetch handler, in workerd (miniflare)"
(cd "$work/app" && node workerd-scenario.mjs "$MOTO_URL")

echo "== Browser: the scenario in headless Chromium: esbuild, vite, webpack, rollup, bun build and parcel pages, a page with no bundler"
# With SigV4 verification on, moto answers the browser's CORS preflight (an unsigned OPTIONS) with a
# 500, so pages talk to a second moto without it.
start_moto cors_moto_pid cors_url "$work/moto-cors.log"
(cd "$work/app" && node browser-scenario.mjs "$cors_url")

echo "== Firefox and WebKit: the scenario page (both elb-wasm/esbuild entries, esbuild) in the two other engines"
start_xvfb "$work/xvfb.log"
(cd "$work/app" && DISPLAY="$display" node engines-scenario.mjs "$cors_url")
kill "$xvfb_pid" 2>/dev/null || true
wait "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""

echo "== Web console: driven through its UI in headless Chromium against moto"
(cd "$work/app" && SCREENSHOT_DIR=${SCREENSHOT_DIR:-$repo/tests/js/browser/console-shots} node console-e2e.mjs "$cors_url" "$repo")
echo "== Web console, ALB/NLB: every view driven by role and accessible name in Chromium against its own moto"
# SigV4 verified: the page signs, the console server forwards (no CORS preflight reaches moto).
start_moto console_moto_pid console_url "$work/moto-console.log" INITIAL_NO_AUTH_ACTION_COUNT=3
(cd "$work/app" && MOTO_URL="$console_url" node moto-setup.mjs >console-credentials.json \
  && SCREENSHOT_DIR=${SCREENSHOT_DIR:-$repo/tests/js/browser/console-shots} node console-v2-e2e.mjs "$console_url" "$repo" console-credentials.json)
kill "$console_moto_pid" 2>/dev/null || true
wait "$console_moto_pid" 2>/dev/null || true
console_moto_pid=""
start_moto console_moto_pid console_url "$work/moto-console-open.log"
echo "== Web console in Firefox and WebKit: the list, an ALB's detail and chart, a Classic detail"
start_xvfb "$work/xvfb-console.log"
(cd "$work/app" && DISPLAY="$display" SCREENSHOT_DIR=${SCREENSHOT_DIR:-$repo/tests/js/browser/console-shots} node console-engines.mjs "$console_url" "$repo")
kill "$xvfb_pid" 2>/dev/null || true
wait "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""
echo "== Web console on Cloudflare Workers: worker/console.js with its assets in workerd (Miniflare), refusals and the page"
(cd "$work/app" && node console-worker.mjs "$console_url" "$repo")
kill "$console_moto_pid" 2>/dev/null || true
wait "$console_moto_pid" 2>/dev/null || true
console_moto_pid=""

echo "== npm start: builds, serves the console behind a token, prints the URL; an explicit endpoint wins"
# Runs npm start with the given environment, waits for its URL, checks /config through the token's
# cookie (and 401 without it), then stops it. $1: the endpoint /config must name; $2: its mode.
check_npm_start() {
  local want_endpoint=$1 want_mode=$2
  shift 2
  local console_port
  console_port=$(free_port)
  env "$@" CONSOLE_PORT="$console_port" AWS_ACCESS_KEY_ID=AKIDNPMSTART AWS_SECRET_ACCESS_KEY=npm-start-secret \
    AWS_REGION=eu-west-1 setsid npm start >"$work/start.log" 2>&1 &
  start_pgid=$!
  local pattern="elb-wasm console: http://127.0.0.1:$console_port/?token="
  for _ in $(seq 600); do # up to 300 s: it builds first
    grep -qF "$pattern" "$work/start.log" && break
    kill -0 "$start_pgid" 2>/dev/null || { cat "$work/start.log" >&2; echo "npm start exited" >&2; exit 1; }
    sleep 0.5
  done
  grep -qF "$pattern" "$work/start.log" || { cat "$work/start.log" >&2; exit 1; }
  local printed
  printed=$(grep -oE "http://127\.0\.0\.1:$console_port/\?token=[0-9a-f]+" "$work/start.log")
  node -e '
    const [printed, wantEndpoint, wantMode] = process.argv.slice(1);
    const home = printed.split("?")[0];
    (async () => {
      if ((await fetch(home + "config")).status !== 401) throw new Error("/config without the token must be 401");
      const login = await fetch(printed, { redirect: "manual" });
      const cookie = login.headers.get("set-cookie")?.split(";")[0];
      if (login.status !== 303 || !cookie) throw new Error(`the printed URL gave HTTP ${login.status}, no cookie`);
      const get = async (p) => { const r = await fetch(home + p, { headers: { cookie } }); if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`); return r; };
      if (!(await (await get("")).text()).includes("elb-wasm console")) throw new Error("/ is not the console");
      const config = await (await get("config")).json();
      if (config.mode !== wantMode || config.endpoint !== wantEndpoint) throw new Error(`config ${JSON.stringify(config)}, want ${wantMode} ${wantEndpoint}`);
      if ((await get("elb-wasm/elb_wasm_bg.wasm")).headers.get("content-type") !== "application/wasm") throw new Error("wasm type");
      const creds = await (await get("local-credentials")).json();
      if (creds.secretAccessKey !== "testing") throw new Error("a local endpoint gets moto credentials, never the user key");
      const moto = await fetch(config.endpoint, { method: "POST", body: "Action=DescribeLoadBalancers&Version=2012-06-01" });
      console.log(`npm start: console at ${home} (${config.mode}, ${config.endpoint}), its endpoint answers HTTP ${moto.status}`);
    })().catch((e) => { console.error(e); process.exit(1); });
  ' "$printed" "$want_endpoint" "$want_mode"
  kill -- "-$start_pgid" 2>/dev/null || true
  wait "$start_pgid" 2>/dev/null || true
  start_pgid=""
}
# ELB_CONSOLE_MOTO=1: its own moto, though AWS credentials are in the environment.
start_moto_port=$(free_port)
check_npm_start "http://127.0.0.1:$start_moto_port/" moto ELB_CONSOLE_MOTO=1 MOTO_PORT="$start_moto_port"
grep -qF "moto_server on http://127.0.0.1:$start_moto_port" "$work/start.log" || { cat "$work/start.log" >&2; exit 1; }
# AWS_ENDPOINT_URL with AWS credentials in the environment: the endpoint wins, and no moto is started.
check_npm_start "$cors_url/" moto AWS_ENDPOINT_URL="$cors_url"
grep -qF "Endpoint from AWS_ENDPOINT_URL" "$work/start.log" || { cat "$work/start.log" >&2; exit 1; }
if grep -q "moto_server on" "$work/start.log"; then echo "npm start started a moto though an endpoint was given" >&2; exit 1; fi

echo "== TypeScript: strict use compiles, wrong use does not"
(
  cd "$work/app"
  # Every resolution mode a consumer may use resolves every entry's declarations.
  for mode in "node16 node16" "nodenext nodenext" "esnext bundler"; do
    set -- $mode
    npx tsc --noEmit --strict --target es2022 --module "$1" --moduleResolution "$2" --lib es2022,dom types/good.ts
    echo "types/good.ts compiles with --moduleResolution $2"
  done
  if npx tsc --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
    --lib es2022,dom types/bad.ts >"$work/tsc-bad.txt" 2>&1; then
    echo "types/bad.ts compiled, but it must not" >&2
    exit 1
  fi
  # Each deliberate mistake in bad.ts must be reported on its own line, and nothing else.
  node -e '
    const fs = require("fs");
    const src = fs.readFileSync("types/bad.ts", "utf8").split("\n");
    const marked = src.flatMap((l, i) => (l.includes("@ts-expect-failure") ? [i + 2] : []));
    const out = fs.readFileSync(process.argv[1], "utf8");
    const errors = [...new Set([...out.matchAll(/bad\.ts\((\d+),\d+\): error TS/g)].map((m) => +m[1]))];
    if (JSON.stringify(errors) !== JSON.stringify(marked)) {
      console.error(out);
      console.error(`types/bad.ts: errors on lines ${errors}, mistakes on lines ${marked}`);
      process.exit(1);
    }
  ' "$work/tsc-bad.txt"
  echo "types/bad.ts: every deliberate mistake rejected, nothing else"
)
