#!/usr/bin/env bash
# `npm run build`: the package's dist/ from the sources. wasm-bindgen (--target web: one output
# every runtime can load), wasm-opt -O3 (speed: see Cargo.toml), the JS entries, and model.js + index.d.ts generated from
# the same table the wasm uses.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh build
source scripts/nightly.sh
ensure_nightly

# binaryen and esbuild from the project's node_modules, or where `setup.sh build` put them alone.
npm_tool() {
  local dir
  for dir in node_modules/.bin target/build-tools/node_modules/.bin; do
    [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
  done
  echo "build: $1 is not installed (scripts/setup.sh build)" >&2
  return 1
}
WASM_OPT=$(npm_tool wasm-opt)
ESBUILD=$(npm_tool esbuild)
export WASM_OPT

# Size (issue 7): the pinned nightly rebuilds std with our profile; a panic aborts at once
# without formatting a message (it trapped the instance before too, and its message went
# nowhere); no file/line strings; `Debug` prints nothing (no message we build uses it). Measured:
# wasm 68.0 -> 60.8 KB brotli, same speed. No auto-vectorisation of ordinary loops (sha2 keeps its
# hand-written simd128 backend): -0.75 KB brotli, signing and decoding unchanged (npm run bench, issue 17).
# No reference types or multivalue (wasm-bindgen keeps JS values in a JS heap instead of an
# externref table; no multivalue shims): -0.5 KB brotli, same speed, and engines without them load
# it. Only here: the wasm-bindgen tests build with the stable std, which has them (issue 17).
# LLVM's inlining threshold at 60 (225 at opt-level 2): inlining was what made the wasm big, and
# measured against 30, 45, 75 and 90 (npm run bench), 60 keeps signing at ~2.2x aws4 and decoding
# at ~5x the SDK for -3.4 KB brotli; 90 is +7 KB, 30 signs at 1.8x (issue 17).
# The hint threshold (for `#[inline]` functions: std's String/str helpers, 325 by default) at 60
# too: -0.95 KB brotli; the lexer and JSON writer avoid what became calls (issue 28, README).
# These flags add to .cargo/config.toml's (SIMD).
# ELB_WASM_CARGO_FEATURES: cargo features for a measurement build (scripts/compare-allocators.sh).
cargo +"$NIGHTLY" build -Zbuild-std=std,panic_abort --release --target wasm32-unknown-unknown --lib \
  --target-dir target/nightly --quiet ${ELB_WASM_CARGO_FEATURES:+--features "$ELB_WASM_CARGO_FEATURES"} \
  --config 'target.wasm32-unknown-unknown.rustflags = ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none", "-Zfmt-debug=none", "-Cno-vectorize-loops", "-Cno-vectorize-slp", "-Ctarget-feature=-reference-types,-multivalue", "--cfg", "size_build", "-Cllvm-args=-inline-threshold=60", "-Cllvm-args=-inlinehint-threshold=60"]'
rm -rf dist
mkdir -p dist
wasm-bindgen --target web --out-dir dist --out-name elb_wasm --no-typescript --omit-default-module-path \
  target/nightly/wasm32-unknown-unknown/release/elb_wasm.wasm
# npm's binaryen: Debian's wasm-opt 108 breaks wasm-bindgen's externref table. The features are
# read from the target_features section (hence strip = "debuginfo" in Cargo.toml), then dropped.
"$WASM_OPT" -O3 --converge --strip-debug --strip-producers --strip-target-features \
  dist/elb_wasm_bg.wasm -o dist/elb_wasm_bg.wasm
# Short import/export names in the wasm and its glue (issue 17: -0.7 KB brotli).
node scripts/minify-wasm-names.mjs dist
node scripts/trim-glue.mjs dist
# Functions by how often they are called (shorter indexes for the busiest) and locals likewise,
# last, on the final names: -0.28 KB brotli, speed unchanged (issue 28; inside -O3 the renaming
# above undid half of it). The features named, as the target_features section is gone.
"$WASM_OPT" --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --reorder-functions --reorder-locals dist/elb_wasm_bg.wasm -o dist/elb_wasm_bg.wasm

# js/ is laid out as dist/ is, by room: entries/ (one file per runtime and subpath), client/ (the
# client face), driver/, migrate/, cli/ (the command line and its configuration). What is generated
# sits at dist's root beside them: the wasm and its glue, the tables (model.js, v2_model.js) and the
# declarations (the hand-written .d.ts files join the generated index.d.ts there).
for room in entries client driver migrate cli credentials; do
  mkdir -p "dist/$room"
  cp "js/$room"/*.js "dist/$room/"
done
cp js/cli/aws_config.d.ts js/migrate/migrate.d.ts js/credentials/credentials.d.ts dist/
# The wasm imports ElbError from its snippet copy of js/client/elb_error.js; the API must hand out
# that very class for `instanceof` to hold, so dist/client/elb_error.js re-exports it.
snippet=$(cd dist && ls snippets/*/js/client/elb_error.js)
printf "export * from '../%s';\n" "$snippet" >dist/client/elb_error.js
rm dist/client/pattern.js # the wasm's import: its snippet copy is the one loaded
cargo run --quiet --features tools --bin gen-js -- dist

# CommonJS for `require` (Node 20 cannot require ESM): one esbuild bundle of every Node entry, and a
# small file per subpath picking its names from it; declarations as .d.cts twins of the .d.ts files.
# The bundle sits in entries/, where the Node entry's `../elb_wasm_bg.wasm` still finds the wasm.
# loadAwsConfig's lazy import of the credentials entries stays out: the bundle builds the chain itself.
"$ESBUILD" dist/entries/cjs_all.js --bundle --platform=node --format=cjs --target=node20 \
  --outfile=dist/entries/elb-wasm-all.cjs --log-level=warning \
  --external:../entries/credentials_node.js --external:../entries/credentials_deno.js \
  --define:import.meta.url=__import_meta_url \
  --banner:js="const __import_meta_url = require('node:url').pathToFileURL(__filename).href;"
rm dist/entries/cjs_all.js
pick() { # pick FILE NAME... : a CommonJS module re-exporting NAMEs of the shared bundle
  local file=$1
  shift
  {
    echo "// CommonJS entry: names of the one CommonJS bundle (entries/elb-wasm-all.cjs)."
    echo "const all = require('./entries/elb-wasm-all.cjs');"
    echo "module.exports = {"
    for name in "$@"; do echo "  $name: all.$name,"; done
    echo "};"
  } >"dist/$file"
}
pick index.cjs ElbClient ElbError sign ElbDriver LoadBalancer Member State Algorithm
pick v2.cjs ElbV2Client ElbError
pick services.cjs AutoScalingClient CloudWatchClient Route53Client StsClient ElbError
pick migrate.cjs planMigration applyMigration rollbackMigration makePlan planToCli withCli PLAN_TAG SOURCE_TAG planFleet applyFleet fleetReport cutover revertCutover cutoverScript
pick aws_config.cjs loadAwsConfig parseIni SERVICE_IDS
pick credentials.cjs fromEnv fromIni fromProcess fromTokenFile fromSSO fromNodeProviderChain fromContainerMetadata fromInstanceMetadata fromTemporaryCredentials fromWebIdentity fromCognitoIdentityPool
for d in index v2 migrate aws_config services autoscaling cloudwatch sts route53 credentials; do
  sed -E "s#'\./(index|v2|autoscaling|cloudwatch|sts|route53)\.js'#'./\1.cjs'#" "dist/$d.d.ts" >"dist/$d.d.cts"
done

# The size guard: the package and each entry as a page bundles it, against size-budget.json.
ESBUILD="$ESBUILD" node scripts/size-guard.mjs
