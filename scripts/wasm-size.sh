#!/usr/bin/env bash
# Builds the release wasm and prints its size raw, gzip and brotli, before and after wasm-opt -Oz
# (when wasm-opt is installed). Until the JS layer exists, tools/size_probe.rs stands in for
# "everything the core costs".
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --quiet
cargo build --release --target wasm32-unknown-unknown --quiet --features size-probe --bin size-probe
wasm=target/wasm32-unknown-unknown/release/size-probe.wasm
files=("$wasm")
if command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals "$wasm" -o "${wasm%.wasm}.opt.wasm"
  files+=("${wasm%.wasm}.opt.wasm")
fi
for f in "${files[@]}"; do
  if command -v node >/dev/null 2>&1; then
    node -e '
      const fs = require("fs"), z = require("zlib");
      const b = fs.readFileSync(process.argv[1]);
      const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      console.log(`wasm size (core probe, ${process.argv[1].split("/").pop()}): raw ${b.length} B, gzip ${z.gzipSync(b, { level: 9 }).length} B, brotli ${br} B`);
    ' "$f"
  else
    echo "wasm size ($f): raw $(wc -c <"$f") B, gzip $(gzip -9c "$f" | wc -c) B"
  fi
done
