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
# The neighbours' tables hold only the operations the package uses (issue 23): the list is the
# table's own operations, and the contract (../shared/API.md's list) is checked by model_conformance.rs.
for table in autoscaling:autoscaling-2011-01-01 cloudwatch:cloudwatch-2010-08-01 sts:sts-2011-06-15 route53:route53-2013-04-01 cognito_identity:cognito-identity-2014-06-30; do
  name=${table%%:*}
  ops=$(awk -F'\t' '$1 == "o" { print $2 }' "src/model/$name.table" | paste -sd, -)
  waiters=$(awk -F'\t' '$1 == "w" { print $2 }' "src/model/$name.table" | paste -sd, -)
  python3 tools/gen_model.py --text "tests/vectors/models/${table#*:}-service-2.json" --only "$ops" --waiters "$waiters" \
    | cmp - "src/model/$name.table" || { echo "src/model/$name.table differs from its generator's output" >&2; exit 1; }
done
echo "tables: src/model/elb.rs, elbv2.table, the neighbours' (autoscaling, cloudwatch, sts, route53) and cognito_identity.table are their generator's output"

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
