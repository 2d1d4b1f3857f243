#!/usr/bin/env bash
# The package's allocator (src/js/heap.rs, size classes) against talc (the `talc` feature), on what
# the issue asked: size (the package wasm, brotli, as the build's guard measures it) and memory on
# the allocator workloads of tests/wasm.rs (changing sizes, long-lived blocks between freed ones,
# growth steps). Rerunnable; prints one line per figure. Not part of npm test (it builds twice).
set -euo pipefail
cd "$(dirname "$0")/.."

size() { # size FEATURES: brotli bytes of the package wasm built with those cargo features
  ELB_WASM_CARGO_FEATURES="$1" bash scripts/build.sh >/dev/null 2>&1 || true
  node -e 'const fs=require("fs"),z=require("zlib");const b=fs.readFileSync("dist/elb_wasm_bg.wasm");
    console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)'
}
workloads() { # workloads FEATURES: the allocator tests' own report lines, in Node
  wasm-pack test --node --mode no-install -- ${1:+--features "$1"} --test wasm -- allocator --nocapture 2>&1 \
    | grep -E '^allocator|test result|error' || true
}

echo "size classes: wasm $(size '') B brotli"
workloads ''
echo "talc 5.1.1:   wasm $(size talc) B brotli"
workloads talc
bash scripts/build.sh >/dev/null # leave dist/ as the package ships it
