#!/usr/bin/env bash
# The project's whole test run: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== test data: tests/vectors against ../shared, where it came from"
if [ -d ../shared ] || [ -n "${ELB_WASM_SHARED:-}" ]; then
  node scripts/vectors.mjs check
else
  echo "vectors: no ../shared beside this clone: the copies in tests/vectors are used as they are"
fi

echo "== generated tables: what tools/gen_model.py writes from tests/vectors/models"
python3 tools/gen_model.py tests/vectors/models/elb-2012-06-01-service-2.json ELB | rustfmt --edition 2024 \
  | cmp - src/model/elb.rs || { echo "src/model/elb.rs differs from its generator's output" >&2; exit 1; }
python3 tools/gen_model.py --text tests/vectors/models/elbv2-2015-12-01-service-2.json \
  | cmp - src/model/elbv2.table || { echo "src/model/elbv2.table differs from its generator's output" >&2; exit 1; }
echo "tables: src/model/elb.rs and src/model/elbv2.table are their generator's output"

echo "== format and lints (host and wasm32)"
cargo fmt --all -- --check
cargo clippy --all-targets --all-features --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests --quiet -- -D warnings

echo "== host tests (core: SigV4 suite, awsQuery compliance, ELB model conformance, fixtures, client flow)"
cargo test --all-targets

echo "== fuzz: XML decoder, error decoder, request encoder (bounded: 15 s each; scripts/fuzz.sh N for longer)"
bash scripts/fuzz.sh 15

echo "== wasm-bindgen tests: Node, then headless Chromium and Firefox (webdriver.json names Debian's binaries), then WebKit"
wasm-pack test --node --mode no-install -- --test wasm
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome \
  --chromedriver "$(command -v chromedriver)" --mode no-install -- --test wasm
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --firefox \
  --geckodriver "$(command -v geckodriver)" --mode no-install -- --test wasm
bash scripts/wasm-test-webkit.sh

echo "== package build (npm run build)"
bash scripts/build.sh

echo "== the packed package in a fresh project: moto, injected fetch, SigV4 suite, TypeScript"
bash scripts/test-js.sh

echo "== benchmark harness smoke: npm run bench's code runs end to end (figures are not asserted; see BENCHMARKS.md)"
node --no-warnings bench/run.mjs --quick >/dev/null
echo "bench: ok"
