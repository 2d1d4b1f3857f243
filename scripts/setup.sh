#!/usr/bin/env bash
# Installs what the build and tests need, idempotently: safe to run on every test run.
# `setup.sh build` installs only what `npm run build` needs (what `npm start` uses).
set -euo pipefail
for_tests=true
[ "${1:-}" = build ] && for_tests=false
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo is missing; install Rust with rustup first" >&2
  exit 1
fi
if command -v rustup >/dev/null 2>&1; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
  for component in rustfmt clippy; do
    rustup component list --installed | grep -q "^$component" || rustup component add "$component"
  done
fi

$for_tests && { command -v wasm-pack >/dev/null 2>&1 || cargo install wasm-pack; }
# geckodriver (crates.io) for `wasm-pack test --firefox` against Debian's firefox-esr.
$for_tests && { geckodriver --version 2>/dev/null | grep -q '^geckodriver 0.37.1' || cargo install geckodriver --locked --version 0.37.1; }

# Debian's browsers, never a downloaded one: Chromium and ChromeDriver (wasm-pack test --chrome, the
# pages), Firefox ESR (driven over WebDriver BiDi), WebKitGTK's WebDriver and MiniBrowser under Xvfb.
if $for_tests; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
fi

# wasm-bindgen's CLI must match the `=` pin in Cargo.toml exactly.
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  # Not --locked: the CLI's own lock file names a webpki-roots release this registry lacks.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# npm dev dependencies (binaryen's wasm-opt, typescript, playwright-core...), from package-lock.json.
# `npm start` (setup.sh build) needs only the two the build runs, binaryen and esbuild: at
# package.json's pinned versions, into target/build-tools when node_modules does not have them
# (a first `npm start` skips the 730 packages the tests need: ~35 s here).
if $for_tests; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
elif [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ]; then
  pins=$(node -p 'const d = require("./package.json").devDependencies; `binaryen@${d.binaryen} esbuild@${d.esbuild}`')
  tools=target/build-tools
  if [ "$(cat "$tools/pins" 2>/dev/null)" != "$pins" ]; then
    rm -rf "$tools"
    mkdir -p "$tools"
    echo '{ "private": true }' >"$tools/package.json"
    # shellcheck disable=SC2086 # two name@version words
    npm install --prefix "$tools" --no-audit --no-fund --no-package-lock --silent $pins
    echo "$pins" >"$tools/pins"
  fi
fi
