#!/usr/bin/env bash
# Builds the release wasm and prints its size raw, gzip and brotli.
# Until the JS layer exists, tools/size_probe.rs stands in for "everything the core costs".
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --quiet
cargo build --release --target wasm32-unknown-unknown --quiet --features size-probe --bin size-probe
wasm=target/wasm32-unknown-unknown/release/size-probe.wasm
if command -v node >/dev/null 2>&1; then
  node -e '
    const fs = require("fs"), z = require("zlib");
    const b = fs.readFileSync(process.argv[1]);
    const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`wasm size (core, size probe): raw ${b.length} B, gzip ${z.gzipSync(b, { level: 9 }).length} B, brotli ${br} B`);
  ' "$wasm"
else
  echo "wasm size (core, size probe): raw $(wc -c <"$wasm") B, gzip $(gzip -9c "$wasm" | wc -c) B"
fi
