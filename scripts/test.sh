#!/usr/bin/env bash
# The project's whole test run: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --all-features --quiet -- -D warnings

echo "== host tests (core: SigV4 suite, awsQuery compliance, ELB model conformance, fixtures, robustness)"
cargo test --all-targets

echo "== wasm32 release build"
bash scripts/wasm-size.sh
